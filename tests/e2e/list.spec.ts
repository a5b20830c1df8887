// The DaemonSet list on one sandbox cluster, admin context: seeded rows, live status, row and bulk actions.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { recordStatuses, statusHistory } from './support/status-log.js';
import { chooseProject, expectAccessible, openApp, row, screenshot, shownNames } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;

function daemonSet(name: string, image: string, namespace = 'default'): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: { app: ${name}, suite: e2e-list }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name}, suite: e2e-list } }
    spec:
      containers:
        - name: main
          image: ${image}
`;
}

/** A field of a DaemonSet in `default`, as kubectl's jsonpath prints it. */
const field = (name: string, jsonpath: string): Promise<string> =>
  kubectl(sandbox.kubeconfig, ['get', 'daemonset', name, '-n', 'default', '-o', `jsonpath=${jsonpath}`]);

/** How many nodes the DaemonSet controller placed it on, as kubectl reports. */
const desired = async (name: string): Promise<number> => Number(await field(name, '{.status.desiredNumberScheduled}'));

/** How many pods the DaemonSet has now (on its nodes and misscheduled), as its status says to kubectl. */
async function podsOf(name: string): Promise<number> {
  const out = await field(name, '{.status.currentNumberScheduled} {.status.numberMisscheduled}');
  return out
    .trim()
    .split(' ')
    .reduce((sum, n) => sum + Number(n || 0), 0);
}

const restartedAt = (name: string): Promise<string> =>
  field(name, '{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}');

async function exists(name: string): Promise<boolean> {
  const out = await kubectl(sandbox.kubeconfig, [
    'get',
    'daemonset',
    name,
    '-n',
    'default',
    '--ignore-not-found',
    '-o',
    'name',
  ]);
  return out.trim() !== '';
}

/**
 * Waits for the row to say Running; if it does not, fails with what the cluster itself says of that DaemonSet (its
 * counts, its pods and the namespace's Warning events), so a failure tells a sandbox that did not get there from an app
 * that did not show it.
 */
async function expectRunning(name: string, namespace: string): Promise<void> {
  try {
    await expect(row(page, name)).toContainText('Running');
  } catch (error) {
    const ask = (args: string[]) =>
      kubectl(sandbox.kubeconfig, [...args, '-n', namespace]).catch((e: unknown) => String(e));
    const cluster = [
      await ask(['get', 'daemonset', name, '-o', 'wide']),
      await ask(['get', 'pods', '-o', 'wide']),
      await ask(['get', 'events', '--field-selector', 'type=Warning']),
    ].join('\n');
    const said = error instanceof Error ? error.message : String(error);
    throw new Error(`${said}\n--- the cluster, as kubectl sees it:\n${cluster}`, { cause: error });
  }
}

/** The screenshots go to docs/screenshots only on request (`UPDATE_DOC_SCREENSHOTS=1`). */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('list', 5));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await recordStatuses(page);
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the seeded DaemonSets are listed with their project', async () => {
  await chooseProject(page, 'monitoring');
  await expectRunning('node-exporter', 'monitoring');
  await expect(row(page, 'node-exporter')).toContainText('prom/node-exporter:v1.8.2');
  await screenshot(page, '1-monitoring');
  await expectAccessible(page, 'monitoring project');

  await chooseProject(page, 'All projects');
  await expect(row(page, 'fluent-bit')).toContainText('kube-system');
  await expect(row(page, 'node-exporter')).toContainText('monitoring');
  await expectRunning('fluent-bit', 'kube-system');
  await screenshot(page, '2-all-projects');
  await expectAccessible(page, 'all projects');

  // A common laptop width: every row action is in view, none pushed behind a horizontal scroll.
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    const table = await page.getByRole('table', { name: 'DaemonSets' }).boundingBox();
    const remove = await row(page, 'fluent-bit')
      .getByRole('button', { name: /^Delete/ })
      .boundingBox();
    expect(table && remove && remove.x + remove.width <= table.x + table.width).toBe(true);
  } finally {
    await page.setViewportSize({ width: 1400, height: 900 });
  }
});

test('a DaemonSet created with kubectl shows Updating, then Running once its images are pulled, without reload', async () => {
  await chooseProject(page, 'default');
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], daemonSet('agent', 'nginx:1.27.3'));
  await expect(row(page, 'agent')).toBeVisible();
  await expect(row(page, 'agent')).toContainText('Running', { timeout: 30_000 });
  const nodes = await desired('agent');
  expect(nodes).toBeGreaterThan(1);
  await expect(row(page, 'agent')).toContainText(`${nodes}/${nodes} ready`);
  const history = await statusHistory(page, 'agent');
  expect(history[0]).toBe('Updating');
  expect(history.at(-1)).toBe('Running');
  await screenshot(page, '3-agent-running');
});

test('a DaemonSet whose image does not exist stays Updating with an ImagePullBackOff reason', async () => {
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], daemonSet('broken', 'busybox:does-not-exist'));
  await expect(row(page, 'broken')).toContainText('ImagePullBackOff', { timeout: 30_000 });
  await expect(row(page, 'broken')).toContainText('Updating');
  await expect(row(page, 'broken')).toContainText(`0/${await desired('broken')} ready`);
  await screenshot(page, '4-broken');
  await expectAccessible(page, 'broken image');
  // Still Updating a while later: the kubelet keeps backing off and never reports it running.
  await page.waitForTimeout(3_000);
  await expect(row(page, 'broken')).toContainText('Updating');
  expect(await statusHistory(page, 'broken')).toEqual(['Updating']);
});

test('search by name or label and the status filter narrow the rows', async () => {
  await expect.poll(() => shownNames(page)).toEqual(['agent', 'broken']);
  const search = page.getByLabel('Search');
  await search.fill('brok');
  await expect.poll(() => shownNames(page)).toEqual(['broken']);
  await search.fill('app=agent');
  await expect.poll(() => shownNames(page)).toEqual(['agent']);
  await screenshot(page, '5-search-label');
  await search.fill('');
  const status = page.getByLabel('Status', { exact: true });
  await status.selectOption({ label: 'Updating' });
  await expect.poll(() => shownNames(page)).toEqual(['broken']);
  await status.selectOption({ label: 'Running' });
  await expect.poll(() => shownNames(page)).toEqual(['agent']);
  await status.selectOption({ label: 'Stopped' });
  await expect.poll(() => shownNames(page)).toEqual([]);
  await expect(page.getByText('No DaemonSets match')).toBeVisible();
  await screenshot(page, '6-filter-no-match');
  await expectAccessible(page, 'no match');
  await status.selectOption({ label: 'All statuses' });
  await expect.poll(() => shownNames(page)).toEqual(['agent', 'broken']);
});

test('Redeploy selected asks first, naming the DaemonSets and how many pods restart; Cancel restarts nothing', async () => {
  const before = await restartedAt('broken');
  const pods = (await podsOf('agent')) + (await podsOf('broken'));
  expect(pods).toBeGreaterThan(2);
  await page.getByRole('checkbox', { name: 'Select agent', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Select broken', exact: true }).check();
  await page.getByRole('button', { name: 'Redeploy selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Redeploy 2 DaemonSets?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem')).toHaveText(['agent', 'broken']);
  await expect(dialog).toContainText(`${pods} pods restart, replaced as each update strategy allows.`);
  await screenshot(page, '7b-bulk-redeploy-dialog');
  await expectAccessible(page, 'bulk redeploy dialog');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('dialog', { name: '重新部署 2 个守护进程集？' })).toContainText(`${pods} 个容器组`);
  await screenshot(page, '7b-bulk-redeploy-dialog-zh');
  await docScreenshot('bulk-redeploy-zh.png');
  await page.getByLabel('语言').selectOption('en');
  await docScreenshot('bulk-redeploy-en.png');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await restartedAt('broken')).toBe(before);

  // Confirmed for one of them (agent is left alone for the row's own Redeploy below).
  await page.getByRole('checkbox', { name: 'Select agent', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Redeploy selected' }).click();
  const one = page.getByRole('dialog', { name: 'Redeploy DaemonSet broken?' });
  await one.getByRole('button', { name: 'Redeploy 1 DaemonSet' }).click();
  await expect(page.getByText('Redeployed broken.')).toBeVisible();
  await expect.poll(() => restartedAt('broken')).not.toBe(before);
  expect(await restartedAt('agent')).toBe('');
});

test('Redeploy from the row sets the restartedAt template annotation that kubectl sees', async () => {
  const annotation = () => restartedAt('agent');
  expect(await annotation()).toBe('');
  const before = Date.now();
  await page.getByRole('button', { name: 'Redeploy agent', exact: true }).click();
  await expect(page.getByText('Redeployed agent.')).toBeVisible();
  await expect.poll(annotation).not.toBe('');
  const at = Date.parse(await annotation());
  expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
  expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  await screenshot(page, '7-redeployed');
  await expectAccessible(page, 'after redeploy');
});

test('Delete from the row asks first, deletes its pods by default, and kubectl no longer finds it', async () => {
  await page.getByRole('button', { name: 'Delete agent', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete DaemonSet agent?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Delete its pods too' })).toBeChecked();
  await screenshot(page, '8-delete-dialog');
  await expectAccessible(page, 'delete dialog');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'agent')).toHaveCount(0);
  await expect.poll(() => exists('agent')).toBe(false);
  // Background propagation: the garbage collector removes the pods too (their grace period is sped up).
  await expect
    .poll(() => kubectl(sandbox.kubeconfig, ['get', 'pods', '-n', 'default', '-l', 'app=agent', '-o', 'name']), {
      timeout: 40_000,
    })
    .toBe('');
});

test('selected rows are deleted together', async () => {
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], daemonSet('extra', 'nginx:1.27.3'));
  await expect.poll(() => shownNames(page)).toEqual(['broken', 'extra']);
  await page.getByRole('checkbox', { name: 'Select broken', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Select extra', exact: true }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await kubectl(sandbox.kubeconfig, ['rollout', 'status', 'ds/extra', '-n', 'default', '--timeout=60s']);
  const pods = (await podsOf('broken')) + (await podsOf('extra'));
  await page.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 DaemonSets?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem')).toHaveText(['broken', 'extra']);
  await expect(dialog).toContainText(`${pods} pods run now: they are deleted too unless you orphan them below.`);
  await screenshot(page, '9-bulk-dialog');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('Deleted 2 DaemonSets.')).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual([]);
  await expect.poll(() => exists('broken')).toBe(false);
  await expect.poll(() => exists('extra')).toBe(false);
  await expect(page.getByText('No DaemonSets in this project')).toBeVisible();
  await screenshot(page, '10-empty');
  await expectAccessible(page, 'empty project');
});

test('Delete on the detail page goes back to the list, which says it was deleted', async () => {
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], daemonSet('solo', 'nginx:1.27.3'));
  await page.getByRole('link', { name: 'solo', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'solo' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete DaemonSet solo?' });
  await expect(dialog).toContainText(/pods? runs? now/);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'DaemonSets' })).toBeVisible();
  await expect(page.getByText('Deleted solo.')).toBeVisible();
  await expect(page.getByTestId('deleted-notice')).toHaveCount(0);
  await expect.poll(() => exists('solo')).toBe(false);
  // The empty project says how to make one here: the Create button, not only kubectl.
  await expect(page.getByText('No DaemonSets in this project')).toBeVisible();
  await expect(page.getByText('Create one with the “Create” button above (or kubectl apply)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toBeVisible();
  await screenshot(page, '11-deleted-from-detail');
  await docScreenshot('deleted-from-detail-en.png');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByText('可以点击上方的“创建”按钮')).toBeVisible();
  await screenshot(page, '11-deleted-from-detail-zh');
  await docScreenshot('deleted-from-detail-zh.png');
  await page.getByLabel('语言').selectOption('en');
});
