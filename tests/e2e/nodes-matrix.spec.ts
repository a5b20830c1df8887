// The Nodes page's coverage matrix against a sandbox: a node where an eligible DaemonSet has no pod (a pod quota
// refuses it) shows as missing with the controller's reason; the node label filter; a cell following a pod live;
// the grid's accessible names. Screenshots in English and Chinese (docs/screenshots with UPDATE_DOC_SCREENSHOTS=1).
import { test, expect, type Locator, type Page } from '@playwright/test';
import { daemonSetYaml } from '../support/manifests.js';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;

// Six seed nodes: control-plane-1 (tainted NoSchedule) and worker-1..5 (one cordoned, one with a GPU). A pod quota
// of 2 in `tight` lets `over-quota` create 2 of the 5 pods its eligible workers want; `gpu-agent` (in `agents`)
// wants the GPU node only.
const manifests = `apiVersion: v1
kind: Namespace
metadata: { name: tight }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: small, namespace: tight }
spec: { hard: { pods: "2" } }
---
apiVersion: v1
kind: Namespace
metadata: { name: agents }
${daemonSetYaml('over-quota', 'tight', 'containers: [{ name: main, image: busybox:1.36 }]')}${daemonSetYaml(
  'gpu-agent',
  'agents',
  `nodeSelector: { nvidia.com/gpu.present: "true" }
containers: [{ name: main, image: busybox:1.36 }]`,
)}`;

const grid = (): Locator => page.getByRole('grid');
const nodeRow = (node: string): Locator =>
  grid()
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: node, exact: true }) });

/** The cell of a DaemonSet (by its column header) in a node's row. */
async function cell(node: string, daemonSet: string): Promise<Locator> {
  const column = await grid().getByRole('columnheader', { name: daemonSet, exact: true }).getAttribute('aria-colindex');
  return nodeRow(node).locator(`[role="gridcell"][aria-colindex="${column ?? ''}"]`);
}

// The body's row headers (the header rowgroup's are the column titles and "Covered").
const shownNodes = (): Promise<string[]> => grid().getByRole('rowgroup').nth(1).getByRole('rowheader').allInnerTexts();

async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('matrix', 30));
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], manifests);
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('a node an eligible DaemonSet has no pod on shows as missing, with the quota that refused it', async () => {
  await page.getByRole('link', { name: 'Nodes', exact: true }).click();
  await expect(page).toHaveURL(/#\/nodes$/);
  // The list's own switcher stays in the page, hidden: pick this page's by its role.
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: 'All projects' });
  await expect(grid().getByRole('columnheader', { name: 'over-quota', exact: true })).toBeVisible();
  await expect(grid().getByRole('rowheader', { name: 'control-plane-1', exact: true })).toBeVisible();
  // The control plane's taint: not wanted, with the taint named; and so for every node but the GPU one, gpu-agent.
  await expect(await cell('control-plane-1', 'over-quota')).toContainText(
    'Not wanted taint node-role.kubernetes.io/control-plane:NoSchedule',
  );
  await expect(await cell('worker-1', 'gpu-agent')).toContainText(
    'Not wanted node selector nvidia.com/gpu.present=true',
  );

  await page.getByLabel('DaemonSet', { exact: true }).selectOption({ label: 'tight/over-quota' });
  await page.getByLabel('Only nodes missing an agent').check();
  // 5 eligible workers, 2 pods allowed: 3 nodes missing, each saying why.
  await expect.poll(async () => (await shownNodes()).length).toBe(3);
  for (const node of await shownNodes()) {
    const missing = await cell(node, 'over-quota');
    await expect(missing).toContainText('Missing');
    await expect(missing).toContainText('exceeded quota');
  }
  // The summary row (below the project and DaemonSet header rows).
  const summary = grid()
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Covered', exact: true }) });
  await expect(summary).toContainText('2 / 5');
  await screenshot(page, 'missing');
  await expectAccessible(page, 'missing');
  await page.getByLabel('Only nodes missing an agent').uncheck();
  await page.getByLabel('DaemonSet', { exact: true }).selectOption({ label: 'All DaemonSets' });
});

test('the node label filter keeps the nodes with that label', async () => {
  await page.getByLabel('Node label').fill('nvidia.com/gpu.present=true');
  await expect.poll(shownNodes).toHaveLength(1);
  const [gpuNode] = await shownNodes();
  await expect(await cell(gpuNode ?? '', 'gpu-agent')).toContainText('Available');
  await page.getByLabel('Node label').fill('topology.kubernetes.io/zone');
  await expect.poll(async () => (await shownNodes()).length).toBe(6);
  await page.getByLabel('Node label').fill('');
});

test('a cell follows its pod live: a crashing image turns it failing, without a reload', async () => {
  const gpuNode = (
    await kubectl(sandbox.kubeconfig, ['get', 'nodes', '-l', 'nvidia.com/gpu.present=true', '-o', 'name'])
  )
    .trim()
    .replace('node/', '');
  const target = await cell(gpuNode, 'gpu-agent');
  await expect(target).toContainText('Available');
  await kubectl(sandbox.kubeconfig, ['set', 'image', 'ds/gpu-agent', 'main=busybox:crashloop', '-n', 'agents']);
  await expect(target).toContainText(/Failing|Starting/);
  await expect(target).toContainText('Failing');
  await expect(target).toContainText(/CrashLoopBackOff|Error/);
  await screenshot(page, 'live');
  await docScreenshot('nodes-matrix-en.png');
  await page.locator('#language-select').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(target).toContainText('失败');
  await expect(await cell('control-plane-1', 'over-quota')).toContainText('不需要');
  await screenshot(page, 'live-zh');
  await docScreenshot('nodes-matrix-zh.png');
  await expectAccessible(page, 'live-zh');
  await page.locator('#language-select').selectOption('en');
});

test('the keyboard moves one tab stop through the grid, scrolls its virtual rows and opens a pod or a node', async () => {
  // 40 more nodes, so the body is taller than the view and only part of it is drawn.
  const nodes = Array.from(
    { length: 40 },
    (_, i) => `apiVersion: v1\nkind: Node\nmetadata: { name: zz-node-${String(i).padStart(2, '0')} }\n`,
  );
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], nodes.join('---\n'));
  await page.getByRole('link', { name: 'Nodes', exact: true }).click();
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: 'All projects' });
  await expect(grid()).toHaveAttribute('aria-rowcount', String(46 + 3));
  const body = grid().getByRole('rowgroup').nth(1);
  const focused = body.locator(':focus');
  const at = (): Promise<string | null> => focused.getAttribute('data-at');
  // The last column: the node and summary columns, then one per DaemonSet (the sandbox seeds some of its own).
  const last = Number(await grid().getAttribute('aria-colcount')) - 1;

  await body.getByRole('rowheader', { name: 'control-plane-1', exact: true }).focus();
  await expect(body.locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(at).toBe('0:1');
  await page.keyboard.press('End');
  await expect.poll(at).toBe(`0:${last}`);
  await page.keyboard.press('ArrowDown');
  await expect.poll(at).toBe(`1:${last}`);
  await page.keyboard.press('Home');
  await expect.poll(at).toBe('1:0');
  await expect(body.locator('[tabindex="0"]')).toHaveAttribute('data-at', '1:0');

  // The far corner is not drawn until the list scrolls to it; then it is focused, in view, clear of the headers.
  await expect(body.getByRole('rowheader', { name: 'zz-node-39', exact: true })).toHaveCount(0);
  await page.keyboard.press('Control+End');
  await expect.poll(at).toBe(`45:${last}`);
  await expect(focused).toBeInViewport({ ratio: 1 });
  await expect(nodeRow('zz-node-39').locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Control+Home');
  await expect.poll(at).toBe('0:0');
  await expect(focused).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('PageDown');
  const paged = Number((await at())?.split(':')[0]);
  expect(paged).toBeGreaterThan(5);
  await expect(focused).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('PageUp');
  await expect.poll(at).toBe('0:0');
  await screenshot(page, 'keyboard');

  // Enter on a pod's cell opens the pod panel; closing it brings the focus back to that cell.
  const gpuNode = (
    await kubectl(sandbox.kubeconfig, ['get', 'nodes', '-l', 'nvidia.com/gpu.present=true', '-o', 'name'])
  )
    .trim()
    .replace('node/', '');
  const gpuCell = await cell(gpuNode, 'gpu-agent');
  const pod = (await gpuCell.locator('a').getAttribute('data-pod')) ?? '';
  await nodeRow(gpuNode).getByRole('rowheader').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(gpuCell).toBeFocused();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: `Pod ${pod}` });
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(gpuCell).toBeFocused();
  // Enter on a row header opens that node's view.
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/nodes/[^/]+/${gpuNode}$`));
  await page.goBack();
  await expect(grid()).toBeVisible();
});
