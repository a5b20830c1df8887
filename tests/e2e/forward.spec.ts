// Port-forward in the app (issue 16), in the browser host against the sandbox: started from a container port of the
// pod on a chosen node, /metrics fetched through it by this test (Node's fetch to 127.0.0.1), listed on every page,
// stopped (the port is closed after); a taken local port is named at the field; no listener survives its tab closing
// or a context switch. Screenshots of the list in English and Chinese go to docs/screenshots with
// UPDATE_DOC_SCREENSHOTS=1.
import { test, expect, type Page } from '@playwright/test';
import net from 'node:net';
import { Cleanup, startSandbox, startWebHost, type Sandbox, type WebHost } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, screenshot, showTab } from './support/ui.js';
import { refusesConnections } from '../integration/forward-support.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let host: WebHost;
let page: Page;
const NAME = 'node-exporter';

const dock = (p: Page) => p.getByRole('region', { name: /^Port forwards|^端口转发/ });
const forwardRows = (p: Page) => p.locator('tr[data-forward]');

/** Opens node-exporter's detail page and starts a forward of its pod on worker-1 (local port: `local`, or a free one). */
async function startForward(p: Page, local = ''): Promise<string> {
  const back = p.getByRole('link', { name: '← DaemonSets' });
  if (await back.isVisible()) await back.click();
  await chooseProject(p, 'monitoring');
  await p.getByRole('link', { name: NAME, exact: true }).click();
  await expect(p.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await showTab(p, 'Pods');
  const chosen = p.getByRole('region', { name: /^Pods/ }).getByRole('row').filter({ hasText: 'worker-1' });
  const pod = (await chosen.getAttribute('data-pod')) ?? '';
  await chosen.getByRole('button', { name: `Forward a port of ${pod}` }).click();
  const form = p.getByRole('region', { name: `Forward a port of ${pod}` });
  await expect(form.getByLabel('Container port')).toHaveText('node-exporter: 9100 (metrics)');
  await form.getByLabel('Local port on 127.0.0.1').fill(local);
  await form.getByRole('button', { name: 'Start forwarding' }).click();
  return pod;
}

async function addressOfLast(p: Page): Promise<number> {
  await expect(forwardRows(p).last()).toContainText('Forwarding');
  const address = (await forwardRows(p).last().getAttribute('data-forward')) ?? '';
  expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
  return Number(address.split(':')[1]);
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('fwd', 10));
  host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('a forward of a container port serves /metrics on 127.0.0.1, survives navigation, and Stop closes it', async () => {
  const pod = await startForward(page);
  const port = await addressOfLast(page);
  const row = forwardRows(page).last();
  await expect(row).toContainText(`fwd-admin · monitoring/${pod}`);
  await expect(row).toContainText('node-exporter: 9100 (metrics)');
  const metrics = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
  expect(metrics).toContain('node_uname_info{machine="x86_64",nodename="worker-1"');
  await expect(row).toContainText(/received, 1 connections/);
  await expect(row).not.toContainText('0 B received');
  await expect(row.getByRole('button', { name: `Open http://127.0.0.1:${String(port)} in the browser` })).toBeVisible();

  // To the list and back: the forward is still listed and still answers.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toHaveCount(0);
  await expect(dock(page)).toBeVisible();
  expect(await (await fetch(`http://127.0.0.1:${String(port)}/healthz`)).text()).toBe('ok');
  await screenshot(page, '1-forward-list');
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1')
    await dock(page).screenshot({ path: 'docs/screenshots/forward-list-en.png' });
  await expectAccessible(page, 'forwards listed');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(dock(page).getByRole('heading')).toHaveText('端口转发（1）');
  await expect(row).toContainText('转发中');
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1')
    await dock(page).screenshot({ path: 'docs/screenshots/forward-list-zh.png' });
  await page.getByLabel('语言').selectOption('en');

  await row.getByRole('button', { name: `Stop forwarding 127.0.0.1:${String(port)}` }).click();
  await expect(forwardRows(page)).toHaveCount(0);
  expect(await refusesConnections(port)).toBe(true);
});

test('the pod panel offers Forward too, and says where its pod is forwarded', async () => {
  const back = page.getByRole('link', { name: '← DaemonSets' });
  if (await back.isVisible()) await back.click();
  await chooseProject(page, 'monitoring');
  await page.getByRole('link', { name: NAME, exact: true }).click();
  await showTab(page, 'Pods');
  const chosen = page.getByRole('region', { name: /^Pods/ }).getByRole('row').filter({ hasText: 'worker-1' });
  const pod = (await chosen.getAttribute('data-pod')) ?? '';
  // The pod panel over the detail page (its URL), with the same actions as the table's row.
  await page.evaluate((p) => (location.hash = `${location.hash.split('?')[0]}?pod=${p}`), `monitoring/${pod}`);
  const panel = page.getByRole('dialog', { name: `Pod ${pod}` });
  for (const action of ['Logs of', 'Open a shell in', 'Forward a port of', 'Delete pod'])
    await expect(panel.getByRole('button', { name: new RegExp(`^${action} ${pod}$`) })).toBeVisible();
  await panel.getByRole('button', { name: `Forward a port of ${pod}` }).click();
  const form = panel.getByRole('region', { name: `Forward a port of ${pod}` });
  await expect(form.getByLabel('Container port')).toHaveText('node-exporter: 9100 (metrics)');
  await form.getByRole('button', { name: 'Start forwarding' }).click();
  const status = panel
    .getByRole('status')
    .filter({ hasText: /^Forwarding 127\.0\.0\.1:\d+ to port 9100 of this pod\.$/ });
  await expect(status).toBeVisible();
  await expect(form).toHaveCount(0);
  const port = Number(/:(\d+) /.exec((await status.textContent()) ?? '')?.[1]);
  const metrics = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
  expect(metrics).toContain('nodename="worker-1"');
  await screenshot(page, 'panel-forward');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await forwardRows(page)
    .last()
    .getByRole('button', { name: `Stop forwarding 127.0.0.1:${String(port)}` })
    .click();
  await expect(forwardRows(page)).toHaveCount(0);
  expect(await refusesConnections(port)).toBe(true);
});

test('a taken local port is named at the field', async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    await startForward(page, String(port));
    const field = page.getByLabel('Local port on 127.0.0.1');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toHaveText(
      `Port ${String(port)} on 127.0.0.1 is already in use; choose another port, or leave it empty for a free one.`,
    );
    await screenshot(page, '2-taken-port');
    await page.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    taken.close();
  }
});

test('no listener survives its tab closing or a context switch', async () => {
  const tab = await page.context().newPage();
  // The sign-in cookie is the context's: a second tab opens the host's address without the one-time token.
  await openApp(tab, `${host.origin}/`);
  await startForward(tab);
  const ofTab = await addressOfLast(tab);
  expect(await refusesConnections(ofTab)).toBe(false);
  await tab.close();
  await expect.poll(() => refusesConnections(ofTab)).toBe(true);

  await startForward(page);
  const switched = await addressOfLast(page);
  await page.getByLabel('Cluster').selectOption('fwd-developer');
  await expect(forwardRows(page).last()).toContainText('Ended: The context changed to "fwd-developer".');
  expect(await refusesConnections(switched)).toBe(true);
  await forwardRows(page)
    .last()
    .getByRole('button', { name: /^Remove the ended forward/ })
    .click();
  await expect(dock(page)).toHaveCount(0);
});
