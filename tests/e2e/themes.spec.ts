// Light and dark themes against a sandbox: the app follows the OS (prefers-color-scheme), the top bar's Theme control
// overrides it and is remembered across a reload; axe finds no contrast (or other) violation in the dark theme on
// the main pages (the light theme's checks are in each page's own spec); node grid and matrix states carry a glyph
// besides their colour; the layout bugs of issue 18 (host-port warning, toleration key, context switcher).
// With UPDATE_DOC_SCREENSHOTS=1 a last test writes every page in light and dark, English and Chinese, to
// docs/screenshots/theme-*.png.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { daemonSetYaml } from '../support/manifests.js';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox, type WebHost } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let host: WebHost;
let page: Page;
const NS = 'themes';
const CONTEXT = 'themes-admin';

// One DaemonSet that becomes available, one that crash-loops (failing cells), one holding host port 9100 (the
// wizard's host-port warning).
const manifests = `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${NS} }\n${[
  daemonSetYaml('agent', NS, 'containers: [{ name: main, image: busybox:1.36 }]'),
  daemonSetYaml('crashing', NS, 'containers: [{ name: main, image: "busybox:crashloop" }]'),
  daemonSetYaml(
    'exporter',
    NS,
    `containers:
  - name: main
    image: busybox:1.36
    ports: [{ containerPort: 9100, hostPort: 9100 }]`,
  ),
].join('')}`;

// The dark theme changes colours only; every page's own spec runs all of axe in the light theme.
const CONTRAST = ['color-contrast'];
const detailUrl = (name: string): string => `#/ds/${CONTEXT}/${NS}/${name}`;
const wizard = (): Locator => page.getByRole('dialog');
const background = (): Promise<string> =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

async function go(hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

// The main pages, each with what shows it is there (so axe checks the page, not a loading state).
const pages: { name: string; hash: string; ready: () => Locator }[] = [
  { name: 'list', hash: '', ready: () => page.getByRole('link', { name: 'agent', exact: true }) },
  { name: 'detail', hash: detailUrl('crashing'), ready: () => page.locator('li[data-state="failing"]').first() },
  { name: 'nodes', hash: '#/nodes', ready: () => page.getByRole('grid') },
  { name: 'fleet', hash: '#/fleet', ready: () => page.getByRole('heading', { level: 1 }) },
  { name: 'clusters', hash: '#/clusters', ready: () => page.getByRole('heading', { level: 1 }) },
];

const nodeView = {
  name: 'node-view',
  hash: `#/nodes/${CONTEXT}/worker-1`,
  ready: () => page.locator('#node-ds-pods'),
};

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('themes', 30));
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], manifests);
  host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(
    await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', colorScheme: 'dark' }),
  );
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('follows the OS until a theme is chosen in the top bar, and remembers the choice', async () => {
  const theme = page.getByLabel('Theme', { exact: true });
  await expect(theme).toHaveValue('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await background();
  expect(light).not.toBe(dark);

  await theme.selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.getByLabel('Theme', { exact: true })).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);

  await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'System' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('axe finds nothing in the dark theme on the list, detail, wizard, nodes, fleet and clusters pages', async () => {
  for (const p of pages) {
    await go(p.hash);
    await expect(p.ready()).toBeVisible();
    await expectAccessible(page, `${p.name} (dark)`, undefined, CONTRAST);
    await screenshot(page, `dark-${p.name}`);
  }
  await go('');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Name', { exact: true })).toBeVisible();
  await expectAccessible(page, 'wizard (dark)', undefined, CONTRAST);
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();
});

test('node grid and matrix states differ by a glyph, not by colour alone', async () => {
  const glyph = (cell: Locator, inner: string): Promise<string> =>
    cell.locator(inner).evaluate((el) => getComputedStyle(el, '::before').content);
  await go(detailUrl('crashing'));
  const failing = page.locator('li[data-state="failing"]').first();
  await expect(failing).toBeVisible();
  expect(await glyph(failing, '.mark')).toBe('"▲" / ""');
  await go(detailUrl('agent'));
  const available = page.locator('li[data-state="available"]').first();
  await expect(available).toBeVisible();
  expect(await glyph(available, '.mark')).toBe('"✓" / ""');

  await go('#/nodes');
  const matrixGlyphs = (): Promise<string[]> =>
    page
      .getByRole('grid')
      .locator('[role="gridcell"] .state')
      .evaluateAll((spans) => [...new Set(spans.map((s) => getComputedStyle(s, '::before').content))].sort());
  // agent is available on the workers, crashing fails there; the control plane's taint: not wanted.
  await expect.poll(matrixGlyphs).toEqual(expect.arrayContaining(['"✓" / ""', '"▲" / ""', '"–" / ""']));
});

test('the context switcher names the cluster, the server host and the connection state', async () => {
  const serverHost = new URL(sandbox.url).host;
  await expect(page.getByLabel('Cluster', { exact: true }).locator('option:checked')).toHaveText(
    `${CONTEXT} · themes · ${serverHost} · Connected`,
  );
});

test('a host-port warning grows its row downwards; a long toleration key fits its field', async () => {
  await go('');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await wizard().getByLabel('Name', { exact: true }).fill('second-exporter');
  await wizard()
    .getByRole('button', { name: /^\d Pod Template/ })
    .click();
  const first = wizard().getByRole('group', { name: /^Container 1/ });
  await first.getByRole('button', { name: 'Show advanced settings' }).click();
  await first.getByRole('button', { name: 'Add port' }).click();
  await first.getByLabel('Container port').fill('9100');
  await first.getByLabel('Host port').fill('9100');
  await expect(first.getByLabel('Host port').locator('xpath=..')).toContainText('Already opened on the nodes by');
  const tops = await Promise.all(
    ['Container port', 'Protocol', 'Host port', 'Port name'].map(
      async (label) => (await first.getByLabel(label, { exact: true }).boundingBox())?.y,
    ),
  );
  expect(new Set(tops).size, `input tops ${tops.join(', ')}`).toBe(1);
  await screenshot(page, 'host-port-row');

  await wizard()
    .getByRole('button', { name: /^\d Node Selector/ })
    .click();
  await wizard().getByRole('button', { name: 'Add toleration' }).click();
  const key = wizard().getByLabel('Taint key', { exact: true }).last();
  await key.fill('node-role.kubernetes.io/control-plane');
  const cut = await key.evaluate((input: HTMLInputElement) => input.scrollWidth > input.clientWidth);
  expect(cut, 'the toleration key is cut off').toBe(false);
  await screenshot(page, 'toleration-key');
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();
});

test('docs screenshots: every page in light and dark, English and Chinese (UPDATE_DOC_SCREENSHOTS=1)', async () => {
  test.skip(process.env.UPDATE_DOC_SCREENSHOTS !== '1', 'writes docs/screenshots only on request');
  for (const lang of ['en', 'zh-CN'] as const) {
    await page.locator('#language-select').selectOption(lang);
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('#theme-select').selectOption(theme);
      const file = (name: string): string =>
        `docs/screenshots/theme-${name}-${theme}-${lang === 'en' ? 'en' : 'zh'}.png`;
      for (const p of [...pages, nodeView]) {
        await go(p.hash);
        await expect(p.ready()).toBeVisible();
        await page.screenshot({ path: file(p.name) });
      }
      await go('');
      await page.getByRole('button', { name: /^(Create|创建)$/ }).click();
      await expect(wizard()).toBeVisible();
      await page.screenshot({ path: file('wizard') });
      await wizard()
        .getByRole('button', { name: /^(Close \(keep draft\)|关闭（保留草稿）)$/ })
        .click();
      await expect(wizard()).toBeHidden();
    }
  }
  await page.locator('#language-select').selectOption('en');
  await page.locator('#theme-select').selectOption('system');
});
