// Stuck DaemonSets on a sandbox cluster that fails as a real one does, and the app naming each stuck state in plain
// words with counts per node: the list's status reason, the detail page's issues and node grid, and, before creation,
// the wizard's coverage preview (room and host ports per node) and its warnings about names the project lacks.
// Screenshots in English and Chinese go to test-results/screens/stuck-*.png.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { daemonSetYaml } from '../support/manifests.js';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
const NS = 'stuck';

const daemonSet = (name: string, podSpec: string): string => daemonSetYaml(name, NS, podSpec);

// The seed world: five workers (worker-3 is a 2-CPU arm64 node, the others have 4 CPUs) and node-exporter holding
// host port 9100 on each of them.
const manifests = [
  `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${NS} }\n`,
  daemonSet(
    'too-big',
    `containers:
  - name: main
    image: busybox:1.36
    resources: { requests: { cpu: "3" } }`,
  ),
  daemonSet(
    'port-clash',
    `containers:
  - name: main
    image: busybox:1.36
    ports: [{ containerPort: 9100, hostPort: 9100 }]`,
  ),
  daemonSet(
    'no-secret',
    `containers:
  - name: main
    image: busybox:1.36
    env: [{ name: TOKEN, valueFrom: { secretKeyRef: { name: nope, key: token } } }]`,
  ),
  daemonSet(
    'no-volume',
    `containers:
  - name: main
    image: busybox:1.36
    volumeMounts: [{ name: config, mountPath: /etc/agent }]
volumes: [{ name: config, configMap: { name: agent-config } }]`,
  ),
  // The ServiceAccount does not exist: admission refuses every pod, the controller reports FailedCreate.
  daemonSet('no-sa', `serviceAccountName: fluent-bit\ncontainers: [{ name: main, image: busybox:1.36 }]`),
  // The sandbox's images tagged crashloop start and exit 1; tagged unready, never pass a readiness probe.
  daemonSet('crashing', `containers: [{ name: main, image: "busybox:crashloop" }]`),
  daemonSet(
    'init-stuck',
    `initContainers: [{ name: setup, image: "busybox:crashloop" }]
containers: [{ name: main, image: busybox:1.36 }]`,
  ),
  daemonSet(
    'never-ready',
    `containers:
  - name: main
    image: "busybox:unready"
    readinessProbe: { httpGet: { path: /ready, port: 8080 }, periodSeconds: 2 }`,
  ),
].join('');

// What the list row, the detail page's status line and each node's cell say, per DaemonSet.
const FIVE = 'on 5 nodes';
const expected: { name: string; reason: string | RegExp; cell: string | RegExp }[] = [
  { name: 'too-big', reason: 'Pending on worker-3: not enough CPU', cell: 'Pending: not enough CPU' },
  { name: 'port-clash', reason: `Pending ${FIVE}: host port in use`, cell: 'Pending: host port in use' },
  {
    name: 'no-secret',
    reason: `CreateContainerConfigError ${FIVE}: secret "nope" not found`,
    cell: 'CreateContainerConfigError: secret "nope" not found',
  },
  {
    name: 'no-volume',
    reason: `FailedMount ${FIVE}: MountVolume.SetUp failed for volume "config" : configmap "agent-config" not found`,
    cell: 'FailedMount: MountVolume.SetUp failed for volume "config" : configmap "agent-config" not found',
  },
  {
    name: 'crashing',
    reason: /^CrashLoopBackOff on 5 nodes: restarted \d+ times?, last exit code 1 \(Error\)$/,
    cell: /^CrashLoopBackOff: restarted \d+ times?, last exit code 1 \(Error\)$/,
  },
  {
    name: 'init-stuck',
    reason: /^Init:CrashLoopBackOff on 5 nodes: restarted \d+ times?, last exit code 1 \(Error\)$/,
    cell: /^Init:CrashLoopBackOff: restarted \d+ times?/,
  },
  {
    name: 'no-sa',
    reason: `FailedCreate ${FIVE}: pods "no-sa-" is forbidden: error looking up service account stuck/fluent-bit: serviceaccount "fluent-bit" not found`,
    cell: 'FailedCreate',
  },
  {
    name: 'never-ready',
    reason: `Not ready ${FIVE}: Readiness probe failed: HTTP probe failed with statuscode: 503`,
    cell: 'Not ready: Readiness probe failed: HTTP probe failed with statuscode: 503',
  },
];

const wizard = (): Locator => page.getByRole('dialog');
const step = (name: string): Promise<void> =>
  wizard()
    .getByRole('button', { name: new RegExp(`^\\d ${name}`) })
    .click();

async function shot(name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

async function language(code: 'en' | 'zh-CN'): Promise<void> {
  await page.locator('#language-select').selectOption(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

// A pod quota smaller than the nodes the DaemonSet wants: the API server refuses the rest of its pods and the
// DaemonSet controller says so in a FailedCreate event (no pod exists to carry a reason).
const quota = `apiVersion: v1
kind: Namespace
metadata: { name: tight }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: small, namespace: tight }
spec: { hard: { pods: "2" } }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: over-quota, namespace: tight }
spec:
  selector: { matchLabels: { app: over-quota } }
  template:
    metadata: { labels: { app: over-quota } }
    spec: { containers: [{ name: main, image: busybox:1.36 }] }
`;

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('stuck', 10));
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], manifests + '---\n' + quota);
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the list names each stuck state with its nodes, in English and Chinese', async () => {
  await chooseProject(page, NS);
  for (const { name, reason } of expected) {
    await expect(row(page, name).getByTestId('row-reason')).toHaveText(reason);
  }
  await shot('1-list-en');

  await language('zh-CN');
  const zhRow = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(zhRow('too-big')).toContainText('节点 worker-3 上等待调度：CPU 不足');
  await expect(zhRow('port-clash')).toContainText('5 个节点上等待调度：主机端口已被占用');
  await expect(zhRow('no-sa')).toContainText('5 个节点上「FailedCreate」：「pods "no-sa-" is forbidden');
  await expect(zhRow('no-secret')).toContainText(
    '5 个节点上「CreateContainerConfigError」：「secret "nope" not found」',
  );
  await expect(zhRow('crashing')).toContainText(
    /5 个节点上「CrashLoopBackOff」：已重启 \d+ 次，上次退出码 1（「Error」）/,
  );
  await expect(zhRow('never-ready')).toContainText('5 个节点上未就绪：「Readiness probe failed');
  await shot('2-list-zh');
  await language('en');
});

test('each detail page says the same, and its grid names the state in the cell of each node concerned', async () => {
  for (const { name, reason, cell } of expected) {
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('status-reason')).toHaveText(reason);
    await expect(page.getByTestId('issue-sentence').first()).toHaveText(reason);
    const cells = page.getByTestId('cell-problem');
    await expect(cells.first()).toHaveText(cell);
    await expect(cells).toHaveCount(name === 'too-big' ? 1 : 5);
    await page.getByRole('link', { name: '← DaemonSets' }).click();
  }
});

test('FailedCreate: the pods the controller could not create, with the API server refusal quoted', async () => {
  await chooseProject(page, 'tight');
  const refusal =
    /^FailedCreate on 3 nodes: pods "over-quota-\w+" is forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2$/;
  await expect(row(page, 'over-quota').getByTestId('row-reason')).toHaveText(refusal);
  await page.getByRole('link', { name: 'over-quota', exact: true }).click();
  await expect(page.getByTestId('issue-sentence').first()).toHaveText(refusal);
  // Three nodes want a pod and have none: their cells are missing.
  await expect(page.locator('li[data-state="missing"]')).toHaveCount(3);
  await expect(page.locator('li[data-state="missing"]').getByTestId('cell-problem')).toHaveText([
    'FailedCreate',
    'FailedCreate',
    'FailedCreate',
  ]);
  await shot('3-failed-create-en');
  await page.getByRole('link', { name: '← DaemonSets' }).click();
  await chooseProject(page, NS);
});

test('the detail page lists every issue with its nodes and the scheduler message; the grid names each cell', async () => {
  await page.getByRole('link', { name: 'port-clash', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'port-clash' })).toBeVisible();
  const issues = page.getByTestId('pod-issues');
  const unschedulable = issues.locator('li[data-reason="Unschedulable"]');
  await expect(unschedulable).toContainText('Pending on 5 nodes: host port in use');
  await expect(unschedulable).toContainText('Nodes: worker-1, worker-2, worker-3, worker-4, worker-5');
  // The scheduler's own words follow, as the cluster gave them.
  await expect(unschedulable).toContainText(
    "The cluster says: 0/6 nodes are available: 1 node(s) didn't have free ports for the requested pod ports",
  );
  await expect(page.getByTestId('status-reason')).toHaveText('Pending on 5 nodes: host port in use');
  // Each pod sits in the cell of the node it is for, failing, with its reason.
  const cell = page.locator('li[data-node="worker-2"][data-state]');
  await expect(cell).toHaveAttribute('data-state', 'failing');
  await expect(cell.getByTestId('cell-problem')).toHaveText('Pending: host port in use');
  await expect(page.locator('li[data-state="missing"]')).toHaveCount(0);
  await shot('4-detail-en');

  await language('zh-CN');
  await expect(unschedulable).toContainText('5 个节点上等待调度：主机端口已被占用');
  await expect(unschedulable).toContainText('集群原文：0/6 nodes are available');
  await expect(cell.getByTestId('cell-problem')).toHaveText('等待调度：主机端口已被占用');
  await shot('5-detail-zh');
  await language('en');
  await page.getByRole('link', { name: '← DaemonSets' }).click();
});

test('the wizard predicts room and host ports per node and warns about names the project lacks', async () => {
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await wizard().getByLabel('Name', { exact: true }).fill('preview');
  await step('Pod Template');
  const first = wizard().getByRole('group', { name: /^Container 1/ });
  await first.getByLabel('Container name').fill('main');
  await first.getByLabel('Image').fill('busybox:1.36');
  await first.getByRole('button', { name: 'Show advanced settings' }).click();
  await first.getByLabel('CPU request').fill('1');
  await first.getByRole('button', { name: 'Add port' }).click();
  await first.getByLabel('Container port').fill('9100');
  await first.getByLabel('Host port').fill('9100');
  const account = wizard().getByLabel('Service account');
  await account.fill('fluent-bit');
  await expect(account.locator('xpath=..')).toContainText(
    'There is no ServiceAccount "fluent-bit" in project stuck: the API server will refuse its pods (FailedCreate)',
  );
  await wizard().getByLabel('Priority class').fill('system-node-critical');
  await expect(wizard().getByLabel('Priority class').locator('xpath=..')).not.toContainText('There is no');
  await account.scrollIntoViewIfNeeded();
  await shot('6-wizard-warning-en');

  // too-big already takes 3 of the 3.92 CPUs of each 4-CPU worker; the 2-CPU worker-3 has room for 1 CPU.
  await step('Node Selector');
  await expect(wizard().getByTestId('coverage-summary')).toContainText('A pod will run on 5 of 6 nodes.');
  await expect(wizard().getByTestId('coverage-unfit')).toContainText('5 of them have no room for it');
  const small = wizard().locator('li[data-node="worker-3"]');
  const large = wizard().locator('li[data-node="worker-1"]');
  await expect(small).toHaveAttribute('data-coverage', 'unfit');
  await expect(small).toContainText(
    /will stay Pending: host port 9100\/TCP is taken by monitoring\/node-exporter-\w+$/,
  );
  await expect(large).toContainText(/will stay Pending: not enough CPU \(asks 1, \d+m free\), host port 9100\/TCP/);
  await shot('7-wizard-fit-en');

  // Chinese: the language switch is outside the modal wizard (the draft stays).
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();
  await language('zh-CN');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await expect(large).toContainText(/将一直 Pending：CPU 不足（请求 1，剩余 \d+m），主机端口 9100\/TCP 已被/);
  await expect(wizard().getByTestId('coverage-unfit')).toContainText('其中 5 个节点资源不足');
  await shot('8-wizard-fit-zh');
  await step('容器组模板');
  await expect(wizard().getByLabel('服务账户').locator('xpath=..')).toContainText(
    '项目 stuck 中没有服务账户 "fluent-bit"',
  );
  await wizard().getByLabel('服务账户').scrollIntoViewIfNeeded();
  await shot('9-wizard-warning-zh');
  await wizard().getByRole('button', { name: '关闭（保留草稿）' }).click();
  await language('en');

  // Without the host port (and the missing account), only the CPU is short: the preview's nodes are where the
  // scheduler leaves the pods Pending.
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await step('Pod Template');
  await first.getByRole('button', { name: 'Show advanced settings' }).click();
  await first.getByRole('button', { name: 'Remove port 1' }).click();
  await account.fill('');
  // A high priority would have the scheduler preempt other pods to make room: not what this checks.
  await wizard().getByLabel('Priority class').fill('');
  await step('Node Selector');
  await expect(wizard().getByTestId('coverage-unfit')).toContainText('4 of them have no room for it');
  await expect(small).toHaveAttribute('data-coverage', 'runs');
  const unfit = (
    await wizard()
      .locator('[data-coverage="unfit"]')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-node') ?? ''))
  ).sort();
  expect(unfit).toEqual(['worker-1', 'worker-2', 'worker-4', 'worker-5']);
  await step('Review');
  await wizard().getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard()).toBeHidden();
  await expect(row(page, 'preview')).toContainText('Pending on 4 nodes: not enough CPU');
  const pods = JSON.parse(
    await kubectl(sandbox.kubeconfig, ['get', 'pods', '-n', NS, '-l', 'app=preview', '-o', 'json']),
  ) as {
    items: {
      spec: {
        nodeName?: string;
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: { matchFields: { values: string[] }[] }[];
            };
          };
        };
      };
      status: { phase: string };
    }[];
  };
  const pendingOn = pods.items
    .filter((p) => !p.spec.nodeName)
    .map(
      (p) =>
        p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]?.matchFields[0]
          ?.values[0],
    )
    .sort();
  expect(pendingOn).toEqual(unfit);
});

test('a rollout that makes no progress says so on its list row, as its detail page does', async () => {
  // A threshold of 6 s (the setting is in minutes; the detail page's field takes whole ones, storage any): the rows
  // the list has seen unchanged for that long are flagged, the detail page estimates from the pods' creation times.
  await page.evaluate(() => localStorage.setItem('everynode.stuckMinutes', '0.1'));
  await page.reload();
  await chooseProject(page, NS);
  const stalled = row(page, 'too-big').getByTestId('row-stalled');
  await expect(stalled).toHaveText('No progress for 1 min', { timeout: 45_000 });
  await expect(row(page, 'too-big')).toContainText('Updating');
  await screenshot(page, '6-stalled-row');
  await page.getByLabel('Language').selectOption('zh-CN');
  // The row is found by its checkbox's English name above; in Chinese, by the badge (every stalled row says 1 min).
  await expect(page.getByTestId('row-stalled').first()).toHaveText('已 1 分钟无进展');
  await page.getByLabel('语言').selectOption('en');
  await row(page, 'too-big').getByRole('link', { name: 'too-big', exact: true }).click();
  await expect(page.getByTestId('stuck-warning')).toContainText('The rollout has made no progress for');
  // The fleet's cell of that DaemonSet says so too (its column's clock starts when the column opens).
  await page.getByRole('link', { name: 'Fleet' }).click();
  await page.getByRole('checkbox', { name: 'stuck-admin', exact: true }).check();
  const fleetRow = page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: 'too-big' }) });
  await expect(fleetRow.getByTestId('fleet-stalled')).toHaveText('No progress for 1 min', { timeout: 45_000 });
  await screenshot(page, '6b-stalled-fleet');
  await page.getByRole('checkbox', { name: 'stuck-admin', exact: true }).uncheck();
  await page.evaluate(() => localStorage.removeItem('everynode.stuckMinutes'));
});
