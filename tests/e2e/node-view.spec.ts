// The node view (#/nodes/<context>/<node>) against a sandbox: a node's facts, its DaemonSet pods, a DaemonSet that does
// not run there with its reason, and a drain of a node with a pod a controller owns (kubectl confirms the node is
// SchedulingDisabled and the pod evicted), then uncordon. The sandbox's developer may not touch nodes: no drain button.
// The edges (issue 15): the developer, who may list pods in team-a and team-b only, sees All projects' matrix with the
// other projects named and their cells unknown; a node URL of a context that is not the active one asks to switch,
// and one of a context no kubeconfig defines says so.
// Screenshots in English and Chinese go to test-results/screens/node-view-*.png.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';
import { daemonSetYaml } from '../support/manifests.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
let hostUrl: string;
const NODE = 'worker-2';

// A DaemonSet only for GPU nodes (the seed has none), and a ReplicaSet's pod bound to worker-2: the sandbox runs no
// ReplicaSet controller, so an evicted pod stays gone, which is what kubectl must show afterwards.
const manifests = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: gpu-agent, namespace: shop }
spec:
  selector: { matchLabels: { app: gpu-agent } }
  template:
    metadata: { labels: { app: gpu-agent } }
    spec:
      nodeSelector: { accelerator: nvidia }
      containers: [{ name: main, image: busybox:1.36 }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-7c9f, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx:1.27.3 }] }
`;

// The developer's Roles let it list pods in team-a and team-b only; this lets it list namespaces and DaemonSets
// everywhere, so it opens All projects and sees the DaemonSets of projects whose pods it may not list.
const reader = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: daemonset-reader }
rules:
- { apiGroups: [""], resources: [namespaces], verbs: [get, list, watch] }
- { apiGroups: [apps], resources: [daemonsets], verbs: [get, list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: developer-daemonset-reader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: daemonset-reader }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: developer }]
${daemonSetYaml('team-agent', 'team-a', 'containers: [{ name: main, image: busybox:1.36 }]')}`;

const webPod = (uid: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web-7c9f-x2k4p
  namespace: shop
  labels: { app: web }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-7c9f, uid: "${uid}", controller: true }]
spec:
  nodeName: ${NODE}
  terminationGracePeriodSeconds: 1
  containers: [{ name: web, image: nginx:1.27.3, resources: { requests: { cpu: 250m, memory: 64Mi } } }]
`;

async function shot(name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

async function language(code: 'en' | 'zh-CN'): Promise<void> {
  await page.locator('#language-select').selectOption(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

let cpuBefore = 0;

/** The node's requested CPU as the room table shows it, in milli-CPU (`350m`, `1.1`). */
async function requestedCpu(): Promise<number> {
  const row = page
    .getByRole('region', { name: 'Allocatable and requested resources (scrollable)' })
    .locator('[data-resource="cpu"]');
  const text = (await row.getByRole('cell').nth(1).textContent())?.trim() ?? '';
  return text.endsWith('m') ? Number(text.slice(0, -1)) : Math.round(Number(text) * 1000);
}

const open = (context: string, node: string) =>
  page.evaluate((hash) => (location.hash = hash), `#/nodes/${context}/${node}`);

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('nv', 25));
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], manifests + '---\n' + reader);
  const uid = await kubectl(sandbox.kubeconfig, [
    'get',
    'rs',
    'web-7c9f',
    '-n',
    'shop',
    '-o',
    'jsonpath={.metadata.uid}',
  ]);
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], webPod(uid));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  hostUrl = host.url;
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, hostUrl);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('a node shows its DaemonSet pods, room, and a DaemonSet that does not run there with the reason', async () => {
  // Reached as users do: the Nodes page's row header links to the node view.
  await page.evaluate(() => (location.hash = '#/nodes'));
  await page.getByRole('rowheader', { name: NODE, exact: true }).getByRole('link').click();
  await expect(page).toHaveURL(/#\/nodes\/nv-admin\/worker-2$/);
  await expect(page.getByRole('heading', { name: `Node ${NODE}` })).toBeVisible();
  const dsPods = page.getByRole('region', { name: 'DaemonSet pods on the node (scrollable)' });
  for (const ds of ['fluent-bit', 'kube-proxy', 'node-exporter']) {
    await expect(dsPods.getByRole('row').filter({ hasText: ds })).toContainText(/Running · (Available|Ready)/);
  }
  const absent = page.getByRole('region', { name: 'DaemonSets that do not run on the node (scrollable)' });
  await expect(absent.getByRole('row').filter({ hasText: 'gpu-agent' })).toContainText(
    'lacks the label accelerator=nvidia',
  );
  const other = page
    .getByRole('region', { name: 'Other pods on the node (scrollable)' })
    .getByRole('row', { name: /web-7c9f-x2k4p/ });
  await expect(other).toContainText('ReplicaSet web-7c9f');
  await expect(other).toContainText('evicted');
  // The web pod's 250m is among the requests the node's room counts (it leaves with the drain, below).
  cpuBefore = await requestedCpu();
  expect(cpuBefore).toBeGreaterThanOrEqual(250);
  await expect(page.getByTestId('node-state')).toContainText('Schedulable');
  await shot('1-node-en');
  await language('zh-CN');
  await expect(page.getByRole('heading', { name: `节点 ${NODE}` })).toBeVisible();
  await shot('1-node-zh');
  await language('en');
});

test('drain names the pod, cordons the node and evicts it (kubectl confirms); uncordon', async () => {
  await page.getByRole('button', { name: 'Drain node…' }).click();
  const dialog = page.getByRole('dialog', { name: `Drain node ${NODE}?` });
  await expect(dialog.getByTestId('drain-evicts')).toHaveText('shop/web-7c9f-x2k4p');
  await shot('2-drain-confirm-en');
  await dialog.getByRole('button', { name: 'Drain node' }).click();
  await expect(page.getByTestId('drain-results')).toHaveText('shop/web-7c9f-x2k4p: evicted');
  await expect(page.getByTestId('node-state')).toContainText('Cordoned');
  expect(await kubectl(sandbox.kubeconfig, ['get', 'node', NODE, '--no-headers'])).toContain('SchedulingDisabled');
  await expect
    .poll(() =>
      kubectl(sandbox.kubeconfig, [
        'get',
        'pods',
        '-n',
        'shop',
        '--field-selector',
        `spec.nodeName=${NODE}`,
        '-o',
        'name',
      ]),
    )
    .toBe('');
  // The live view follows: the pod leaves the table, the DaemonSet pods stay.
  await expect(page.getByText('No other pods on this node.')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'DaemonSet pods on the node (scrollable)' }).getByRole('row'),
    // The header row and the pods of fluent-bit, kube-proxy, node-exporter and team-agent.
  ).toHaveCount(5);
  await expect.poll(requestedCpu).toBe(cpuBefore - 250);
  await shot('3-drained-en');
  await page.getByRole('button', { name: 'Uncordon node' }).click();
  await expect(page.getByTestId('node-state')).toContainText('Schedulable');
  expect(await kubectl(sandbox.kubeconfig, ['get', 'node', NODE, '--no-headers'])).not.toContain('SchedulingDisabled');
});

test('a user who may not change nodes sees no drain button', async () => {
  await page.getByLabel('Cluster').selectOption('nv-developer');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await open('nv-developer', NODE);
  await expect(page.getByRole('heading', { name: `Node ${NODE}` })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('may not list nodes');
  await expect(page.getByRole('button', { name: /Drain/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /cordon/i })).toHaveCount(0);
});

/** A DaemonSet's cell (by its column header) in a node's row of the matrix. */
async function matrixCell(node: string, daemonSet: string): Promise<Locator> {
  const grid = page.getByRole('grid');
  const column = await grid.getByRole('columnheader', { name: daemonSet, exact: true }).getAttribute('aria-colindex');
  return grid
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: node, exact: true }) })
    .locator(`[role="gridcell"][aria-colindex="${column ?? ''}"]`);
}

async function shots(name: string, zhText: string): Promise<void> {
  await shot(`${name}-en`);
  await language('zh-CN');
  await expect(page.getByText(zhText).first()).toBeVisible();
  await screenshot(page, `${name}-zh`);
  await language('en');
}

test('pods of projects the user may not list: named, their cells unknown; the ones it may list are shown', async () => {
  await page.evaluate(() => (location.hash = '#/nodes'));
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: 'All projects' });
  const notice = page.getByRole('status').filter({ hasText: 'Pods in these projects cannot be listed' });
  await expect(notice).toContainText('kube-system, monitoring, shop — their cells show unknown');
  await expect(page.getByRole('status').filter({ hasText: 'You may not list nodes' })).toBeVisible();
  await expect(await matrixCell(NODE, 'team-agent')).toContainText('Available');
  await expect(await matrixCell(NODE, 'kube-proxy')).toContainText('Unknown');
  await expect(await matrixCell(NODE, 'kube-proxy')).not.toContainText('Missing');
  await shots('4-pods-forbidden', '无法列出这些项目中的容器组');
});

test('a node URL of another context asks to switch; one of no known context says so', async () => {
  await open('nowhere', NODE);
  await expect(page.getByRole('alert')).toContainText('There is no cluster nowhere in your kubeconfig files');
  await open('nv-admin', NODE);
  await expect(page.getByRole('alert')).toContainText('Switch to nv-admin?');
  // Nothing switched on its own: the developer's context is still the active one.
  await expect(page.getByLabel('Cluster')).toHaveValue('nv-developer');
  await shots('5-switch', '要切换到 nv-admin 吗？');
  await page.getByRole('button', { name: 'Switch to nv-admin' }).click();
  await expect(page.getByLabel('Cluster')).toHaveValue('nv-admin');
  await expect(page.getByTestId('node-state')).toContainText('Schedulable');
});
