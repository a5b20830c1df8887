// Two sandbox clusters in one KUBECONFIG (east:west): switching context shows each cluster's own DaemonSets.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { daemonSetYaml as daemonSet } from './support/manifests.js';
import { chooseProject, expectAccessible, openApp, row, screenshot, shownNames } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let east: Sandbox;
let west: Sandbox;
let page: Page;

/** The screenshots go to docs/screenshots only on request (`UPDATE_DOC_SCREENSHOTS=1`). */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

async function switchTo(context: string): Promise<void> {
  await page.getByLabel('Cluster').selectOption(context);
  await expect(page.getByLabel('Cluster')).toHaveValue(context);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  await Promise.all([
    startSandbox('east', 10).then((s) => (east = cleanup.add(s))),
    startSandbox('west', 10).then((s) => (west = cleanup.add(s))),
  ]);
  await Promise.all([
    kubectl(east.kubeconfig, ['apply', '-f', '-'], daemonSet('east-agent')),
    kubectl(west.kubeconfig, ['apply', '-f', '-'], daemonSet('west-agent')),
  ]);
  const host = cleanup.add(await startWebHost([east.kubeconfig, west.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('every context of both files is offered with its cluster, server host and state, the first file’s current context active', async () => {
  const options = await page.getByLabel('Cluster').locator('option').allTextContents();
  const [e, w] = [new URL(east.url).host, new URL(west.url).host];
  expect(options.map((o) => o.trim())).toEqual([
    `east-admin · east · ${e} · Connected`,
    `east-developer · east · ${e} · Not connected`,
    `east-operator · east · ${e} · Not connected`,
    `west-admin · west · ${w} · Not connected`,
    `west-developer · west · ${w} · Not connected`,
    `west-operator · west · ${w} · Not connected`,
  ]);
  await expect(page.getByLabel('Cluster')).toHaveValue('east-admin');
});

test('each cluster shows its own DaemonSets when the context is switched', async () => {
  await chooseProject(page, 'default');
  await expect(row(page, 'east-agent')).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(['east-agent']);
  await screenshot(page, '1-east');
  await expectAccessible(page, 'east');

  await switchTo('west-admin');
  await chooseProject(page, 'default');
  await expect(row(page, 'west-agent')).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(['west-agent']);
  await screenshot(page, '2-west');
  await expectAccessible(page, 'west');

  // Back again: the east context kept its own project choice and lists only its own DaemonSet.
  await switchTo('east-admin');
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue('default');
  await expect.poll(() => shownNames(page)).toEqual(['east-agent']);
});

test('a change made with kubectl on the cluster not shown appears after switching to it', async () => {
  await kubectl(west.kubeconfig, ['apply', '-f', '-'], daemonSet('west-late'));
  await switchTo('west-admin');
  await expect.poll(() => shownNames(page)).toEqual(['west-agent', 'west-late']);
  await screenshot(page, '3-west-late');
  // And the cluster shown stays live: deleting with kubectl removes the row without reload.
  await kubectl(west.kubeconfig, ['delete', 'daemonset', 'west-late', '-n', 'default']);
  await expect.poll(() => shownNames(page)).toEqual(['west-agent']);
});

test('switching context on a detail page of a DaemonSet the new context lacks goes to its list, with a notice; the page’s URL opens its own context', async () => {
  await switchTo('west-admin');
  await page.getByRole('link', { name: 'west-agent', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'west-agent' })).toBeVisible();
  await expect(page).toHaveURL(/#\/ds\/west-admin\/default\/west-agent$/);

  // east has no west-agent: its list, saying so, instead of a dead page.
  await switchTo('east-admin');
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByTestId('list-notice')).toHaveText(
    /There is no DaemonSet west-agent in project default of east-admin: here are the DaemonSets of east-admin\./,
  );
  await expect.poll(() => shownNames(page)).toEqual(['east-agent']);
  await expect(page.getByRole('heading', { level: 1, name: 'west-agent' })).toHaveCount(0);
  await expect(page.getByText(/subscribe/i)).toHaveCount(0);
  await screenshot(page, '4-switched-not-there');
  await expectAccessible(page, 'list after a switch from a detail page');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('list-notice')).toContainText('east-admin 的项目 default 中没有守护进程集 west-agent');
  await screenshot(page, '4-switched-not-there-zh');
  await docScreenshot('switch-not-there-zh.png');
  await page.getByLabel('语言').selectOption('en');
  await docScreenshot('switch-not-there-en.png');
  await page.getByTestId('list-notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('list-notice')).toHaveCount(0);

  // Back to the page's URL: it names west, so west becomes the active context and the page shows its object.
  await page.goBack();
  await expect(page.getByLabel('Cluster')).toHaveValue('west-admin');
  await expect(page.getByRole('heading', { level: 1, name: 'west-agent' })).toBeVisible();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});

test('switching context on a detail page of a DaemonSet both clusters have stays on it, now the new cluster’s', async () => {
  // The seed's kube-proxy runs in both clusters; a pod of west's is on the page before the switch.
  // On its Pods tab, which the switch keeps.
  await page.goto(page.url().replace(/#.*$/, '#/ds/west-admin/kube-system/kube-proxy?tab=pods'));
  await expect(page.getByRole('heading', { level: 1, name: 'kube-proxy' })).toBeVisible();
  const westPod = page.getByRole('cell', { name: /^kube-proxy-/ }).first();
  await expect(westPod).toBeVisible();
  const westPodName = (await westPod.textContent())?.trim() ?? '';

  await switchTo('east-admin');
  await expect(page).toHaveURL(/#\/ds\/east-admin\/kube-system\/kube-proxy\?tab=pods$/);
  await expect(page.getByRole('heading', { level: 1, name: 'kube-proxy' })).toBeVisible();
  // Its pods are east's now (as kubectl lists them there), and none of west's.
  const eastPods = (
    await kubectl(east.kubeconfig, ['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy', '-o', 'name'])
  )
    .trim()
    .split('\n')
    .map((line) => line.replace('pod/', ''));
  await expect(page.getByRole('cell', { name: eastPods[0] ?? 'none', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: westPodName, exact: true })).toHaveCount(0);
  await expect(page.getByTestId('list-notice')).toHaveCount(0);
  await screenshot(page, '5-switched-stays');
  await expectAccessible(page, 'detail page after a switch');
  await page.getByLabel('Language').selectOption('zh-CN');
  await docScreenshot('switch-stays-zh.png');
  await page.getByLabel('语言').selectOption('en');
  await docScreenshot('switch-stays-en.png');
});
