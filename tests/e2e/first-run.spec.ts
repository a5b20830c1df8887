// First run without any kubeconfig: the app starts its built-in sandbox (in a process of its own) and shows where its
// kubeconfig is written, so a user can check with kubectl what the app shows.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startWebHost, tempDir } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

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
