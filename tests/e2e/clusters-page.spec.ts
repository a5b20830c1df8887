// The Clusters page (issue 12, point 4): a file known by path is listed with its contexts and remembered across a
// restart of the host; an uploaded file whose context name clashes is listed as shadowed, marked as forgotten when the
// host stops, and removable; when the sandbox comes back with a new CA and rewrites the file, the app reconnects.
import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import {
  Cleanup,
  kubectl,
  startSandbox,
  startWebHost,
  tempDir,
  type Sandbox,
  type WebHost,
} from './support/processes.js';
import { daemonSetYaml as daemonSet } from './support/manifests.js';
import { expectAccessible, openApp, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
const home = tempDir('clusters-home');
let alpha: Sandbox;
let host: WebHost;
let page: Page;

// Defines a context named like the sandbox's admin one (kubectl keeps the first) and one of its own.
const CLASH = `apiVersion: v1
kind: Config
clusters:
- name: elsewhere
  cluster: { server: "https://127.0.0.1:9" }
users:
- name: nobody
  user: { token: not-a-real-token }
contexts:
- name: alpha-admin
  context: { cluster: elsewhere, user: nobody }
- name: elsewhere-ro
  context: { cluster: elsewhere, user: nobody, namespace: monitoring }
`;

const source = (label: string): Locator => page.getByRole('article', { name: label, exact: true });
const contextRow = (card: Locator, name: string): Locator => card.locator(`tr[data-context="${name}"]`);
const caPem = (file: string) => /certificate-authority-data: (\S+)/.exec(readFileSync(file, 'utf8'))?.[1];

async function openClustersPage(): Promise<void> {
  await page.getByRole('link', { name: 'Clusters', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
}

/** The README's screenshots are written only on request, so a test run leaves the tree clean. */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

test.beforeAll(async ({ browser }) => {
  alpha = await startSandbox('alpha', 10);
  [host] = await Promise.all([
    startWebHost([], ['--kubeconfig', alpha.kubeconfig], home),
    kubectl(alpha.kubeconfig, ['apply', '-f', '-'], daemonSet('before-restart')),
  ]);
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await host.stop();
  await alpha.stop();
  await cleanup.run();
});

test('lists the file from --kubeconfig with each context’s cluster, server, user, namespace and state', async () => {
  await openClustersPage();
  const card = source(alpha.kubeconfig);
  await expect(card.getByText('Added file', { exact: true })).toBeVisible();
  await expect(card.getByText(/^Remembered: listed again at the next start/)).toBeVisible();
  const admin = contextRow(card, 'alpha-admin');
  await expect(admin.getByRole('cell')).toHaveText(['alpha', alpha.url, 'alpha-admin', 'default', 'Connected', '']);
  await expect(contextRow(card, 'alpha-developer').getByRole('cell').nth(4)).toHaveText('Not connected');
  // The switcher names the cluster, the server host and the state too.
  await expect(page.getByLabel('Cluster', { exact: true }).locator('option:checked')).toHaveText(
    `alpha-admin · alpha · ${new URL(alpha.url).host} · Connected`,
  );
});

test('an uploaded file whose context name clashes is shadowed, marked as forgotten when the host stops', async () => {
  await page.getByLabel('Upload kubeconfig…').setInputFiles({
    name: 'clash.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(CLASH),
  });
  const card = source('clash.yaml');
  await expect(card.getByText('uploaded: forgotten when the host stops', { exact: true })).toBeVisible();
  await expect(contextRow(card, 'alpha-admin')).toContainText(`shadowed by ${alpha.kubeconfig}`);
  await expect(contextRow(card, 'elsewhere-ro').getByRole('cell').nth(3)).toHaveText('monitoring');
  // The file that came first keeps the name: its context is still the one connected.
  await expect(contextRow(source(alpha.kubeconfig), 'alpha-admin').getByRole('cell').nth(4)).toHaveText('Connected');
  await expect(card.getByRole('button', { name: 'Reload file' })).toHaveCount(0);
  // An upload has no path to read again: a newer version takes its place instead of being shadowed by the old one.
  await card.getByLabel('Replace with a newer file…').setInputFiles({
    name: 'clash.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      CLASH.replace(
        '- name: elsewhere-ro',
        '- name: elsewhere-rw\n  context: { cluster: elsewhere }\n- name: elsewhere-ro',
      ),
    ),
  });
  await expect(contextRow(card, 'elsewhere-rw')).toBeVisible();
  await expect(page.getByTestId('kubeconfig-source')).toHaveCount(2);
  await screenshot(page, '1-shadowed');
  await docScreenshot('clusters-en.png');
  await expectAccessible(page, 'clusters page');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(card.getByText('已上传：主机停止后即被遗忘', { exact: true })).toBeVisible();
  await expect(contextRow(card, 'alpha-admin')).toContainText(`被 ${alpha.kubeconfig} 遮蔽`);
  await screenshot(page, '2-shadowed-zh-CN');
  await docScreenshot('clusters-zh.png');
  await page.getByLabel('语言').selectOption('en');
});

test('after the sandbox restarts with a new CA and rewrites the file, the app reconnects with it', async () => {
  const oldCa = caPem(alpha.kubeconfig);
  const port = new URL(alpha.url).port;
  await alpha.stop();
  alpha = await startSandbox('alpha', 10, { kubeconfig: alpha.kubeconfig, port });
  expect(caPem(alpha.kubeconfig)).not.toBe(oldCa);
  await kubectl(alpha.kubeconfig, ['apply', '-f', '-'], daemonSet('after-restart'));
  const admin = contextRow(source(alpha.kubeconfig), 'alpha-admin').getByRole('cell').nth(4);
  await expect(admin).toHaveText('Connected');
  // The list follows the new cluster: its DaemonSet shows, the old one's is gone.
  await page.getByRole('link', { name: 'Back to DaemonSets' }).click();
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'default' });
  await expect(row(page, 'after-restart')).toBeVisible();
  await expect(row(page, 'before-restart')).toHaveCount(0);
  // Reload reads the file again on request and reconnects its contexts.
  await openClustersPage();
  await source(alpha.kubeconfig).getByRole('button', { name: 'Reload file' }).click();
  await expect(admin).toHaveText('Connected');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('removing the upload drops its contexts; the file known by path survives a restart of the host', async () => {
  const card = source('clash.yaml');
  await card.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(
    card.getByText('Remove clash.yaml? Its contexts disconnect, and the upload is discarded.'),
  ).toBeVisible();
  await card.getByRole('button', { name: 'Remove file' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByLabel('Cluster', { exact: true }).locator('option', { hasText: 'elsewhere-ro' })).toHaveCount(
    0,
  );

  await host.stop();
  host = await startWebHost([], [], home);
  await openApp(page, host.url);
  await openClustersPage();
  await expect(page.getByTestId('kubeconfig-source')).toHaveCount(1);
  await expect(source(alpha.kubeconfig).getByText(/^Remembered/)).toBeVisible();
  await expect(contextRow(source(alpha.kubeconfig), 'alpha-admin').getByRole('cell').nth(4)).toHaveText('Connected');
});

test('removing the file disconnects its contexts and forgets its path', async () => {
  const card = source(alpha.kubeconfig);
  await card.getByRole('button', { name: 'Remove', exact: true }).click();
  await card.getByRole('button', { name: 'Remove file' }).click();
  await expect(page.getByText('No kubeconfig file yet. Add one to connect to a cluster.')).toBeVisible();
  await expect(page.getByLabel('Cluster', { exact: true })).toBeDisabled();
  await expect(page.getByText('Connected', { exact: true })).toHaveCount(0);
  await expect
    .poll(() => JSON.parse(readFileSync(`${home}/.config/everynode/kubeconfigs.json`, 'utf8')) as unknown)
    .toEqual({ version: 1, paths: [] });
});
