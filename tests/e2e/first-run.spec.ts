// First run without any kubeconfig: the app starts its built-in sandbox (in a process of its own) and shows where its
// kubeconfig is written, so a user can check with kubectl what the app shows.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startWebHost, tempDir } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, row, screenshot, shownNames } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

/** The screenshots go to docs/screenshots only on request (`UPDATE_DOC_SCREENSHOTS=1`). */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

test.beforeAll(async ({ browser }) => {
  const host = cleanup.add(await startWebHost([], [], tempDir('first-run')));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the built-in sandbox is active and its kubeconfig is shown for kubectl, which sees the same cluster', async () => {
  await expect(page.getByLabel('Cluster')).toHaveValue('sandbox-admin');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  // kubectl's `default` holds no DaemonSet here: the first view is All projects, where the seed's DaemonSets are.
  await expect(page.getByLabel('Project', { exact: true }).locator('option:checked')).toHaveText('All projects');
  await expect.poll(() => shownNames(page)).toEqual(['fluent-bit', 'kube-proxy', 'node-exporter']);
  await expect(page.getByText('No DaemonSets in this project')).toHaveCount(0);
  await screenshot(page, 'first-run-all-projects');
  await docScreenshot('first-run-en.png');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByLabel('项目', { exact: true }).locator('option:checked')).toHaveText('全部项目');
  await screenshot(page, 'first-run-all-projects-zh');
  await docScreenshot('first-run-zh.png');
  await page.getByLabel('语言').selectOption('en');
  await chooseProject(page, 'monitoring');
  await expect(row(page, 'node-exporter')).toContainText('Running', { timeout: 60_000 });

  await page.getByText('Sandbox kubeconfig').click();
  const line = (await page.getByTestId('sandbox-kubeconfig').textContent()) ?? '';
  const file = /^KUBECONFIG=(\S+) kubectl get daemonsets -A$/.exec(line)?.[1] ?? '';
  expect(file).toMatch(/\/sandbox\/kubeconfig$/);
  await expectAccessible(page, 'sandbox kubeconfig shown');
  await screenshot(page, 'first-run-kubeconfig');
  const shown = await kubectl(file, ['get', 'daemonsets', '-n', 'monitoring', '-o', 'name']);
  expect(shown.trim()).toBe('daemonset.apps/node-exporter');

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByText('沙箱 kubeconfig')).toBeVisible();
  await expect(page.getByText('配合 kubectl 使用：')).toBeVisible();
  await screenshot(page, 'first-run-kubeconfig-zh');
});
