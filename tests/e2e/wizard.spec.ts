// The creation wizard on a sandbox cluster through the browser host: every step filled, Create, then what kubectl
// sees, the list's status, and pods on exactly the nodes the preview promised; then the errors shown in place.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { recordStatuses, statusHistory } from './support/status-log.js';
import { chooseProject, expectAccessible, openApp, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
const NAME = 'wz-agent';
const PICKED = ['worker-1', 'worker-2', 'worker-5'];

const wizard = (): Locator => page.getByRole('dialog', { name: 'Create DaemonSet' });
const group = (name: string | RegExp): Locator => wizard().getByRole('group', { name });
// Step buttons read "<number> <step name>" (plus "(has errors)" when the step has some).
const step = (name: string): Promise<void> =>
  page
    .getByRole('dialog')
    .getByRole('button', { name: new RegExp(`^\\d ${name}`) })
    .click();

async function shot(name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('wizard', 10));
  // A project whose pod quota is smaller than the number of nodes a DaemonSet will run on.
  await kubectl(
    sandbox.kubeconfig,
    ['apply', '-f', '-'],
    `apiVersion: v1
kind: Namespace
metadata: { name: wz-quota }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: small, namespace: wz-quota }
spec: { hard: { pods: "2" } }
`,
  );
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await recordStatuses(page);
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('fill every step and create: kubectl sees the fields as entered, pods run on the previewed nodes', async () => {
  await chooseProject(page, 'team-a');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard()).toBeVisible();
  // Basic Info
  await wizard().getByLabel('Name', { exact: true }).fill(NAME);
  await wizard().getByLabel('Alias').fill('Node agent');
  await wizard().getByLabel('Description').fill('Collects node logs');
  await shot('wizard-1-basic');
  await wizard().getByRole('button', { name: 'Next' }).click();

  // Pod Template: two containers
  const first = group(/^Container 1/);
  await first.getByLabel('Container name').fill('collector');
  await first.getByLabel('Image').fill('busybox:1.36');
  await first.getByRole('button', { name: 'Show advanced settings' }).click();
  await first.getByLabel('CPU request').fill('50m');
  await first.getByLabel('CPU limit').fill('200m');
  await first.getByLabel('Memory request').fill('32Mi');
  await first.getByLabel('Memory limit').fill('64Mi');
  // team-a's quota limits requests: the hint shows its use.
  await expect(first.getByTestId('quota-hint')).toContainText('CPU: 0 / 8');
  await first.getByLabel('Command').fill('/bin/sh\n-c');
  await first.getByLabel('Arguments').fill('sleep 3600');
  await first.getByRole('button', { name: 'Add port' }).click();
  await first.getByLabel('Container port').fill('8125');
  await first.getByLabel('Protocol').selectOption('UDP');
  await first.getByLabel('Host port').fill('8125');
  await expect(first.getByText('Opens this port on every node the DaemonSet runs on.', { exact: true })).toBeVisible();
  await first.getByRole('button', { name: 'Add variable' }).click();
  await first.getByLabel('Variable name').fill('MODE');
  await first.getByLabel('Value', { exact: true }).fill('agent');
  await first.getByRole('button', { name: 'Add variable' }).click();
  await first.getByLabel('Source').nth(1).selectOption({ label: 'ConfigMap key' });
  await first.getByLabel('Variable name').nth(1).fill('LOG_LEVEL');
  await first.getByLabel('ConfigMap').selectOption('app-config');
  await first.getByLabel('Key', { exact: true }).selectOption('LOG_LEVEL');
  await wizard().getByRole('button', { name: 'Add container' }).click();
  const second = group(/^Container 2/);
  await second.getByLabel('Container name').fill('sidecar');
  await second.getByLabel('Image').fill('busybox:1.36');
  await shot('wizard-2-pod');
  await wizard().getByRole('button', { name: 'Next' }).click();

  // Volumes: the RWX claim into the collector, a HostPath into both
  await wizard().getByRole('button', { name: 'Add existing claim' }).click();
  const claim = group('Existing persistent volume claim');
  await claim.getByLabel('Volume name').fill('data');
  await claim.getByLabel('Claim').selectOption('shared-rwx');
  await claim.getByLabel('Mount into collector').check();
  await claim.getByLabel('Mount path in collector').fill('/data');
  await wizard().getByRole('button', { name: 'Add HostPath' }).click();
  const hostPath = group('HostPath');
  await hostPath.getByLabel('Volume name').fill('varlog');
  await hostPath.getByLabel('Host path').fill('/var/log');
  await hostPath.getByLabel('Type').selectOption('Directory');
  for (const c of ['collector', 'sidecar']) {
    await hostPath.getByLabel(`Mount into ${c}`).check();
    await hostPath.getByLabel(`Mount path in ${c}`).fill('/host/log');
  }
  await hostPath.getByLabel('Read only').first().check();
  await shot('wizard-3-volumes');
  await wizard().getByRole('button', { name: 'Next' }).click();

  // Labels: the default app label plus one
  await expect(wizard().getByLabel('Value', { exact: true }).first()).toHaveValue(NAME);
  await wizard().getByRole('button', { name: 'Add label' }).click();
  await wizard().getByLabel('Key', { exact: true }).nth(1).fill('tier');
  await wizard().getByLabel('Value', { exact: true }).nth(1).fill('node');
  await shot('wizard-4-labels');
  await wizard().getByRole('button', { name: 'Next' }).click();

  // Node Selector: picked nodes, including the cordoned worker-5
  await expect(wizard().getByTestId('coverage-summary')).toContainText('A pod will run on 5 of 6 nodes.');
  await wizard().getByLabel('Pick nodes').check();
  for (const node of PICKED) await wizard().getByLabel(node, { exact: true }).check();
  await expect(wizard().getByTestId('coverage-summary')).toContainText('A pod will run on 3 of 6 nodes.');
  const promised = await wizard().locator('[data-coverage="runs"] .name').allTextContents();
  expect(promised.sort()).toEqual(PICKED);
  await expect(wizard().locator('[data-coverage="skipped"]', { hasText: 'control-plane-1' })).toContainText(
    'not picked',
  );
  await shot('wizard-5-nodes');
  await wizard().getByRole('button', { name: 'Next' }).click();

  // Review: dry run, then Create
  await expect(wizard().getByTestId('review-yaml')).toContainText('kubesphere.io/alias-name: Node agent');
  await expect(wizard().getByTestId('review-yaml')).not.toContainText('replicas');
  await wizard().getByRole('button', { name: 'Check with the server (dry run)' }).click();
  await expect(wizard().getByText('The API server accepted this DaemonSet')).toBeVisible();
  await shot('wizard-6-review');
  expect(await kubectl(sandbox.kubeconfig, ['get', 'ds', '-n', 'team-a', '-o', 'name'])).not.toContain(NAME);
  await wizard().getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard()).toBeHidden();

  // The list: Updating, then Running
  await expect(row(page, NAME)).toContainText('Running', { timeout: 60_000 });
  const history = await statusHistory(page, NAME);
  expect(history[0]).toBe('Updating');
  expect(history.at(-1)).toBe('Running');
  await screenshot(page, 'wizard-7-running');

  // What kubectl sees
  const ds = JSON.parse(await kubectl(sandbox.kubeconfig, ['get', 'ds', NAME, '-n', 'team-a', '-o', 'json'])) as {
    metadata: { labels: Record<string, string>; annotations: Record<string, string> };
    spec: Record<string, unknown> & { template: { metadata: { labels: unknown }; spec: Record<string, unknown> } };
  };
  const labels = { app: NAME, tier: 'node' };
  expect(ds.spec).not.toHaveProperty('replicas');
  expect(ds.spec.selector).toEqual({ matchLabels: labels });
  expect(ds.metadata.labels).toEqual(labels);
  expect(ds.spec.template.metadata.labels).toEqual(labels);
  expect(ds.metadata.annotations).toMatchObject({
    'kubesphere.io/alias-name': 'Node agent',
    'kubesphere.io/description': 'Collects node logs',
  });
  expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  const pod = ds.spec.template.spec;
  expect(pod.containers).toMatchObject([
    {
      name: 'collector',
      image: 'busybox:1.36',
      command: ['/bin/sh', '-c'],
      args: ['sleep 3600'],
      // No name was typed, so none is made up (issue 12): the port stays unnamed, as Kubernetes allows.
      ports: [{ containerPort: 8125, hostPort: 8125, protocol: 'UDP' }],
      env: [
        { name: 'MODE', value: 'agent' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } },
      ],
      resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        { name: 'varlog', mountPath: '/host/log', readOnly: true },
      ],
    },
    { name: 'sidecar', image: 'busybox:1.36', volumeMounts: [{ name: 'varlog', mountPath: '/host/log' }] },
  ]);
  expect((pod.containers as { volumeMounts: unknown[] }[])[1]?.volumeMounts).toEqual([
    { name: 'varlog', mountPath: '/host/log' },
  ]);
  expect(pod.volumes).toEqual([
    { name: 'data', persistentVolumeClaim: { claimName: 'shared-rwx' } },
    { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
  ]);
  expect(pod.affinity).toEqual({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: PICKED }] }],
      },
    },
  });
  expect(pod).not.toHaveProperty('nodeSelector');

  // The pods run on exactly the nodes the preview promised.
  const pods = JSON.parse(
    await kubectl(sandbox.kubeconfig, ['get', 'pods', '-n', 'team-a', '-l', `app=${NAME}`, '-o', 'json']),
  ) as { items: { spec: { nodeName: string } }[] };
  expect(pods.items.map((p) => p.spec.nodeName).sort()).toEqual(promised.sort());
});

test('a taken name and a bad quantity are shown at their fields; a small pod quota is warned before creation', async () => {
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const name = wizard().getByLabel('Name', { exact: true });
  await name.fill(NAME);
  await expect(wizard().getByText(`A DaemonSet named ${NAME} already exists in this project.`)).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await shot('wizard-8-name-taken');
  await name.fill('wz-second');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await wizard().getByLabel('Project', { exact: true }).selectOption('wz-quota');
  await wizard().getByRole('button', { name: 'Next' }).click();

  const first = group(/^Container 1/);
  await first.getByLabel('Container name').fill('main');
  await first.getByLabel('Image').fill('busybox:1.36');
  await first.getByRole('button', { name: 'Show advanced settings' }).click();
  // A host port another DaemonSet of the cluster already opens is warned about.
  await first.getByRole('button', { name: 'Add port' }).click();
  await first.getByLabel('Container port').fill('9100');
  await first.getByLabel('Host port').fill('9100');
  await expect(
    first.getByText('Already opened on the nodes by monitoring/node-exporter', { exact: false }),
  ).toBeVisible();
  await first.getByRole('button', { name: 'Remove port 1' }).click();
  const cpu = first.getByLabel('CPU request');
  await cpu.fill('lots');
  await expect(cpu).toHaveAttribute('aria-invalid', 'true');
  await expect(first.getByText('Not a quantity')).toBeVisible();
  // Next refuses to move on while the step has an error.
  await wizard().getByRole('button', { name: 'Next' }).click();
  await expect(wizard().getByRole('button', { name: /^\d Pod Template/ })).toHaveAttribute('aria-current', 'step');
  await shot('wizard-9-bad-quantity');
  await cpu.fill('100m');
  await step('Review');
  await expect(wizard().getByTestId('review-issue')).toContainText(
    'pod quota has room for 2 more pods, but this DaemonSet needs 5',
  );
  await shot('wizard-10-quota-warning');
  // Nothing typed is lost: close and reopen restores the draft.
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();
  await expect(wizard()).toBeHidden();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByRole('button', { name: /^\d Review/ })).toHaveAttribute('aria-current', 'step');
  await step('Basic Info');
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('wz-second');
  await step('Pod Template');
  await expect(group(/^Container 1/).getByLabel('Container name')).toHaveValue('main');
});

test('the wizard in Chinese (screenshots of each step)', async () => {
  // The language switch is outside the modal wizard: close it (the draft stays), switch, reopen.
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  const steps = ['基本信息', '容器组模板', '存储卷', '标签', '节点选择器', '预览'];
  for (const [i, name] of steps.entries()) {
    await step(name);
    await expect(page.getByRole('dialog').getByRole('button', { name: new RegExp(`^\\d ${name}`) })).toHaveAttribute(
      'aria-current',
      'step',
    );
    await screenshot(page, `wizard-zh-${i + 1}`);
  }
  await page.getByRole('dialog').getByRole('button', { name: '关闭（保留草稿）' }).click();
  await page.getByLabel('语言').selectOption('en');
});

test('a user who may not list nodes gets free-text node names and a note instead of the preview', async () => {
  await page.getByLabel('Cluster').selectOption('wizard-developer');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await wizard().getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await wizard().getByLabel('Name', { exact: true }).fill('dev-agent');
  await step('Node Selector');
  await expect(wizard().getByText('You may not list nodes: type node names and label keys yourself.')).toBeVisible();
  await expect(
    wizard().getByText('You may not list the nodes of this cluster, so no preview is available.'),
  ).toBeVisible();
  await wizard().getByLabel('Pick nodes').check();
  await wizard().getByLabel('Node names (comma separated)').fill('worker-1, worker-2');
  await step('Review');
  await expect(wizard().getByTestId('review-yaml')).toContainText('- worker-2');
  await shot('wizard-11-developer-nodes');
  // The draft survives a reload of the page.
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('dev-agent');
});
