// The pod panel (issue 15: "a cell opens that pod") against a sandbox: from a coverage matrix cell the pod opens in a
// side panel with its logs and events; a shell in it runs `hostname`; Delete pod (confirmed by name) removes it and
// the cell follows to the pod the DaemonSet controller makes instead. The same panel opens from the detail page's
// node grid, Back closes it, and the URL opens it directly. The matrix's columns are grouped by project.
// Screenshots in English and Chinese go to docs/screenshots with UPDATE_DOC_SCREENSHOTS=1.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { daemonSetYaml } from '../support/manifests.js';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox, type WebHost } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let host: WebHost;
let page: Page;
const NS = 'team-a';
const NAME = 'probe';
const NODE = 'worker-1';

const grid = (): Locator => page.getByRole('grid');
const panel = (): Locator => page.getByRole('dialog', { name: /^Pod |^容器组 / });

/** The probe's cell in a node's row. */
async function probeCellOn(node: string): Promise<Locator> {
  const column = await grid().getByRole('columnheader', { name: NAME, exact: true }).getAttribute('aria-colindex');
  return grid()
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: node, exact: true }) })
    .locator(`[role="gridcell"][aria-colindex="${column ?? ''}"]`);
}

/** The link of the probe's cell on worker-1 (its pod's name is on it). */
const probeCell = async (): Promise<Locator> => (await probeCellOn(NODE)).locator('a');

async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

/** What xterm shows, row by row. */
const screenText = (): Promise<string> =>
  page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((r) => r.textContent ?? '').join('\n'));

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('pods', 30));
  // The DaemonSets roll out while the host starts.
  const rolledOut = (async () => {
    await kubectl(
      sandbox.kubeconfig,
      ['apply', '-f', '-'],
      daemonSetYaml(NAME, NS, 'containers: [{ name: agent, image: busybox:1.36 }]') +
        daemonSetYaml('other', 'team-b', 'containers: [{ name: main, image: busybox:1.36 }]'),
    );
    await kubectl(sandbox.kubeconfig, ['rollout', 'status', `ds/${NAME}`, '-n', NS, '--timeout=60s']);
  })();
  host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await rolledOut;
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('a matrix cell opens its pod: logs, events, a shell, and Delete pod with the cell following', async () => {
  await page.getByRole('link', { name: 'Nodes', exact: true }).click();
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: 'All projects' });
  // Two levels of column headers: the projects, then their DaemonSets.
  await expect(grid().getByRole('columnheader', { name: NS, exact: true })).toBeVisible();
  await expect(grid().getByRole('columnheader', { name: 'team-b', exact: true })).toBeVisible();
  await screenshot(page, '0-matrix-groups');
  await docScreenshot('pod-panel-matrix-en.png');
  // A cell without a pod keeps its reason and opens nothing.
  const tainted = await probeCellOn('control-plane-1');
  await expect(tainted).toContainText('Not wanted');
  await expect(tainted.locator('a')).toHaveCount(0);
  const cell = await probeCell();
  const pod = (await cell.getAttribute('data-pod')) ?? '';
  expect(pod).toMatch(new RegExp(`^${NAME}-`));
  // Enter on the focused cell's link opens the panel; the pod is in the URL.
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(panel()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/nodes\\?pod=${NS}/${pod}$`));
  await expect(panel().getByRole('heading', { name: `Pod ${pod}` })).toBeVisible();
  await expect(panel().getByTestId('pod-state')).toContainText('Running');
  await expect(panel().getByRole('link', { name: NODE, exact: true })).toBeVisible();
  await expect(panel().locator('[data-container="agent"]')).toContainText('busybox:1.36');
  await expect(panel().getByTestId('log-output')).toContainText(`starting busybox on ${pod}`);
  await expect(panel().getByRole('region', { name: 'Events (scrollable)' })).toContainText('Started');
  await screenshot(page, '1-panel');
  await docScreenshot('pod-panel-en.png');
  await expectAccessible(page, 'panel open');

  await panel()
    .getByRole('button', { name: `Open a shell in ${pod}` })
    .click();
  await expect(panel().locator('.terminal-state')).toHaveText(/^Connected/);
  await page.locator('.xterm').click();
  await page.keyboard.type('hostname');
  await page.keyboard.press('Enter');
  await expect.poll(screenText).toContain(`\n${pod}`);
  await screenshot(page, '2-shell');
  await panel().getByRole('button', { name: 'Close shell' }).click();

  await panel()
    .getByRole('button', { name: `Delete pod ${pod}` })
    .click();
  const confirm = page.getByRole('dialog', { name: `Delete pod ${pod}?` });
  await expect(confirm).toContainText(NODE);
  await confirm.getByRole('button', { name: 'Delete pod' }).click();
  await expect(panel().getByTestId('pod-gone')).toContainText(`Pod ${pod} was deleted`);
  await page.keyboard.press('Escape');
  await expect(panel()).toHaveCount(0);
  // Opened by the app, closed by Back: the page is the one before, without the pod.
  await expect(page).toHaveURL(/#\/nodes$/);
  const replacement = await probeCell();
  await expect(replacement).toHaveAttribute('data-pod', new RegExp(`^${NAME}-`));
  await expect(replacement).not.toHaveAttribute('data-pod', pod);
  expect(await kubectl(sandbox.kubeconfig, ['get', 'pods', '-n', NS, '-o', 'name'])).not.toContain(pod);
});

test('the same panel opens from the detail page’s node grid, and Back closes it', async () => {
  const context = (await kubectl(sandbox.kubeconfig, ['config', 'current-context'])).trim();
  await page.evaluate((hash) => (location.hash = hash), `#/ds/${context}/${NS}/${NAME}`);
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  const nodeLink = page.locator(`.grid [data-node="${NODE}"] a`);
  const pod = (await nodeLink.getAttribute('data-pod')) ?? '';
  await nodeLink.click();
  await expect(panel().getByRole('heading', { name: `Pod ${pod}` })).toBeVisible();
  await expect(panel().getByTestId('log-output')).toContainText(`starting busybox on ${pod}`);
  await page.goBack();
  await expect(panel()).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
});

test('the URL opens the panel directly, in Chinese too', async () => {
  const pod = (await kubectl(sandbox.kubeconfig, ['get', 'pods', '-n', NS, '-o', 'name'])).trim().split('\n')[0];
  const name = (pod ?? '').replace('pod/', '');
  await page.goto(`${host.origin}/#/nodes?pod=${NS}/${name}`);
  await expect(panel().getByRole('heading', { name: `Pod ${name}` })).toBeVisible();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(panel().getByRole('heading', { name: `容器组 ${name}` })).toBeVisible();
  // The oldest pod's first lines may be past the last 200 by now: its heartbeats are what is shown.
  await expect(panel().getByTestId('log-output')).toContainText(/heartbeat \d+: ok/);
  await screenshot(page, '3-panel-zh');
  await docScreenshot('pod-panel-zh.png');
  await expectAccessible(page, 'panel zh');
  // Opened by the URL: closing stays on the page (no Back out of the app).
  await panel()
    .getByRole('button', { name: `关闭容器组 ${name} 的面板` })
    .click();
  await expect(panel()).toHaveCount(0);
  await expect(page).toHaveURL(/#\/nodes$/);
  await page.getByLabel('语言').selectOption('en');
});
