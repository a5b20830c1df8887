// Credentials never cross the bridge: a session over the admin (token), developer (client certificate) and operator
// (exec plugin) contexts, with every WebSocket frame captured in both directions. And the host's own door: cookie,
// Origin.
import { test, expect, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WEB_BRIDGE_PATH } from '../../electron/contract/index.js';
import { Cleanup, startSandbox, startWebHost, type Sandbox, type WebHost } from './support/processes.js';
import { kubeconfigSecrets, leaked, type Secret } from './support/secrets.js';
import { chooseProject, expectAccessible, openApp, row, screenshot, showTab } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let host: WebHost;
let page: Page;
let secrets: Secret[];
const frames: { direction: 'sent' | 'received'; text: string }[] = [];

async function switchTo(context: string): Promise<void> {
  await page.getByLabel('Cluster').selectOption(context);
  await expect(page.getByLabel('Cluster')).toHaveValue(context);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('sec', 10));
  secrets = await kubeconfigSecrets(sandbox.kubeconfig);
  host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  page.on('websocket', (socket) => {
    const text = (payload: string | Buffer): string => (typeof payload === 'string' ? payload : payload.toString());
    socket.on('framesent', ({ payload }) => frames.push({ direction: 'sent', text: text(payload) }));
    socket.on('framereceived', ({ payload }) => frames.push({ direction: 'received', text: text(payload) }));
  });
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the kubeconfig holds the credentials this test looks for', () => {
  const labels = secrets.map((s) => s.label);
  expect(labels).toContain('sec-admin token');
  expect(labels).toContain('sec-developer client-key-data');
  expect(labels).toContain('sec-developer client-certificate-data (PEM body)');
  expect(labels).toContain('sec-operator exec token');
  // The exec plugin prints the token its file holds: both are the operator's one secret.
  const token = (label: string) => secrets.find((s) => s.label === label)?.value;
  expect(token('sec-operator exec token')).toBe(token('sec-operator token file'));
});

test('a session over the admin, developer and operator contexts', async () => {
  await chooseProject(page, 'All projects');
  await expect(row(page, 'fluent-bit')).toContainText('Running');
  await page.getByRole('button', { name: 'Redeploy node-exporter', exact: true }).click();
  await expect(page.getByText('Redeployed node-exporter.')).toBeVisible();
  await screenshot(page, '1-admin');

  await switchTo('sec-developer');
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue('team-a');
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Add project…' });
  const dialog = page.getByRole('dialog', { name: 'Add a project' });
  await dialog.getByLabel('Namespace').fill('team-b');
  await dialog.getByRole('button', { name: 'Add project' }).click();
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue('team-b');
  await screenshot(page, '2-developer');

  // The operator authenticates through its exec plugin; seeing the cluster's DaemonSets proves it ran. Its kubeconfig
  // is a file of the user's (not the app's own sandbox), so the app asks before running it.
  await page.getByLabel('Cluster').selectOption('sec-operator');
  await page
    .getByRole('dialog', { name: 'Run a credential program?' })
    .getByRole('button', { name: 'Allow and connect' })
    .click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await chooseProject(page, 'All projects');
  await expect(row(page, 'node-exporter')).toBeVisible();
  await expect(row(page, 'fluent-bit')).toBeVisible();
  await screenshot(page, '3-operator');
  await expectAccessible(page, 'operator, all projects');
});

// Issue 16: a shell and a port-forward in the operator's context (its exec plugin's token): their frames are checked
// with all the others below.
test('a shell and a port-forward in the operator context', async () => {
  await page.getByRole('link', { name: 'node-exporter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'node-exporter' })).toBeVisible();
  await showTab(page, 'Pods');
  const chosen = page.getByRole('region', { name: /^Pods/ }).getByRole('row').filter({ hasText: 'worker-1' });
  const pod = (await chosen.getAttribute('data-pod')) ?? '';
  await chosen.getByRole('button', { name: `Open a shell in ${pod}` }).click();
  await expect(page.locator('.terminal-state')).toHaveText(/^Connected/);
  await page.locator('.xterm').click();
  await page.keyboard.type('env\n');
  await expect(page.locator('.xterm-rows')).toContainText(`HOSTNAME=${pod}`);
  await page.getByRole('button', { name: 'Close shell' }).click();

  await chosen.getByRole('button', { name: `Forward a port of ${pod}` }).click();
  await page.getByRole('button', { name: 'Start forwarding' }).click();
  const forward = page.locator('tr[data-forward]');
  await expect(forward).toContainText('Forwarding');
  const port = ((await forward.getAttribute('data-forward')) ?? '').split(':')[1] ?? '';
  expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('node_uname_info');
  await expect(forward).toContainText('1 connections');
  await forward.getByRole('button', { name: /^Stop forwarding/ }).click();
  await expect(forward).toHaveCount(0);
  expect(frames.some((f) => f.text.includes('"localPort"'))).toBe(true);
  expect(frames.some((f) => f.text.includes(`HOSTNAME=${pod}`))).toBe(true);
});

test('no frame in either direction carries a token, client key or certificate', () => {
  // The capture saw the bridge at work: calls out, answers and events in, naming every context used.
  const sent = frames.filter((f) => f.direction === 'sent');
  const received = frames.filter((f) => f.direction === 'received');
  expect(sent.length).toBeGreaterThan(5);
  expect(received.length).toBeGreaterThan(5);
  const all = frames.map((f) => f.text).join('\n');
  for (const name of ['sec-admin', 'sec-developer', 'sec-operator', 'node-exporter', 'team-b'])
    expect(all).toContain(name);
  const hostToken = new URL(host.url).searchParams.get('token') ?? '';
  expect(hostToken.length).toBeGreaterThan(20);
  const everything = [...secrets, { label: 'the browser host token', value: hostToken }];
  const leaks = frames.flatMap((f, i) =>
    leaked(f.text, everything).map((label) => `frame ${i} (${f.direction}): ${label}`),
  );
  expect(leaks).toEqual([]);
  // Markers of key material in any encoding the app might have chosen.
  expect(all).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|client-key-data|client-certificate-data/);
});

test('the page itself holds none of them: no bridge object, no readable cookie, no token in the address', async () => {
  expect(await page.evaluate(() => 'everynode' in window)).toBe(false);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(page.url()).not.toContain('token=');
  const stored = await page.evaluate(() =>
    JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.documentElement.outerHTML]),
  );
  expect(leaked(stored, secrets)).toEqual([]);
});

test('the host answers 401 without the cookie and 403 to a foreign Origin on the WebSocket upgrade', async () => {
  const cookies = await page.context().cookies(host.origin);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  expect(cookie).not.toBe('');
  const script = await page.evaluate(() => document.querySelector('script[src]')?.getAttribute('src') ?? '');
  expect(script).not.toBe('');

  // Page and asset alike: refused without the cookie, served with it.
  for (const path of ['/', script]) {
    expect((await fetch(new URL(path, host.origin))).status).toBe(401);
    expect((await fetch(new URL(path, host.origin), { headers: { cookie } })).status).toBe(200);
  }

  const upgrade = (origin: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const url = `${host.origin.replace('http:', 'ws:')}${WEB_BRIDGE_PATH}`;
      const socket = new WebSocket(url, { headers: { cookie, origin } });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('error', reject);
    });
  expect(await upgrade('http://evil.example')).toBe(403);
  expect(await upgrade(host.origin)).toBe(101);
});
