// The fleet view (issue 15): three sandbox clusters of different names side by side, one running an older image
// (drift shown), exported as CSV and JSON (the downloaded files read back), a cell opening its DaemonSet in its own
// cluster; one sandbox stopped mid-test says unreachable in its column while the others stay live. A context whose
// credentials need a program runs nothing until allowed, and its column says so.
import fs from 'node:fs';
import { test, expect, type Download, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
const NAMES = ['oslo', 'lima', 'kyoto'] as const;
const CONTEXTS = NAMES.map((n) => `${n}-admin`);
const sandboxes: Record<string, Sandbox> = {};
const sandbox = (name: string): Sandbox => {
  const found = sandboxes[name];
  if (!found) throw new Error(`no sandbox ${name}`);
  return found;
};
let page: Page;

function agent(name: string, image: string, labels: Record<string, string> = {}): string {
  const extra = Object.entries(labels)
    .map(([k, v]) => `, ${k}: ${v}`)
    .join('');
  return `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name}, namespace: default, labels: { app: ${name}${extra} } }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: main, image: ${image} }] }
`;
}

/** A context's column index; waits for its header first (after a reload the table renders once the state arrives). */
async function column(context: string): Promise<number> {
  await expect(page.getByRole('columnheader', { name: context, exact: true })).toBeVisible();
  return page
    .getByRole('columnheader')
    .evaluateAll((headers, name) => headers.findIndex((h) => h.textContent?.trim() === name), context);
}
/** The cell of a row (by its row header's first line) in a context's column. */
async function cell(rowKey: string, context: string) {
  const index = await column(context);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: rowKey }) });
  return row.getByRole('cell').nth(index - 1);
}
const stateCell = async (context: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Connection' }) })
    .getByRole('cell')
    .nth((await column(context)) - 1);

async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

async function download(button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return fs.readFileSync(await (file as Download).path(), 'utf8');
}

test.beforeAll(async ({ browser }) => {
  await Promise.all(NAMES.map(async (n) => (sandboxes[n] = cleanup.add(await startSandbox(n, 20)))));
  const old = 'nginx:1.26.0';
  const current = 'nginx:1.27.3';
  const logs = { 'app.kubernetes.io/name': 'logs' };
  const apply = (name: string, manifest: string) => kubectl(sandbox(name).kubeconfig, ['apply', '-f', '-'], manifest);
  // The host starts while kubectl applies: each column's list is live, so it shows them whenever they land.
  const [host] = await Promise.all([
    startWebHost(NAMES.map((n) => sandbox(n).kubeconfig)).then((h) => cleanup.add(h)),
    ...NAMES.map((n) => apply(n, agent('node-agent', n === 'kyoto' ? old : current))),
    // The same log shipper under two names: matched by its app.kubernetes.io/name label.
    apply('lima', agent('log-shipper', 'fluent/fluent-bit:3.1', logs)),
    apply('kyoto', agent('fluent-bit', 'fluent/fluent-bit:3.1', logs)),
  ]);
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1500, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the top bar opens the fleet; each context is a checkbox named after it; columns are the contexts', async () => {
  await page.getByRole('link', { name: 'Fleet' }).click();
  await expect(page).toHaveURL(/#\/fleet$/);
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
  for (const name of CONTEXTS) await page.getByRole('checkbox', { name, exact: true }).check();
  await expect(page.getByRole('columnheader')).toHaveText(['DaemonSet', ...CONTEXTS]);
  for (const name of CONTEXTS) await expect(await stateCell(name)).toContainText('Live');
});

test('DaemonSets are matched by name across clusters with their image drift shown', async () => {
  const drift = page.getByRole('list', { name: 'Version drift' });
  await expect(drift).toHaveText('nginx: 1.27.3 on 2 clusters, 1.26.0 on 1');
  const kyoto = await cell('default/node-agent', 'kyoto-admin');
  await expect(kyoto).toContainText('nginx:1.26.0');
  await expect(kyoto).toContainText('differs from the other clusters');
  await expect(kyoto).toContainText('Rolling update');
  await expect(await cell('default/node-agent', 'oslo-admin')).not.toContainText('differs');
  await expect(await cell('default/node-agent', 'oslo-admin')).toContainText(/\d+\/\d+ ready/);
  await expect(await cell('default/log-shipper', 'oslo-admin')).toHaveText('Not in this cluster');
  await screenshot(page, '1-fleet');
  await expectAccessible(page, 'fleet');
});

test('by a label, DaemonSets of different names share a row', async () => {
  await page.getByLabel('Match rows by').selectOption('label');
  await expect(page.getByLabel('Label key')).toHaveValue('app.kubernetes.io/name');
  await expect(await cell('logs', 'lima-admin')).toContainText('default/log-shipper');
  await expect(await cell('logs', 'kyoto-admin')).toContainText('default/fluent-bit');
  // A key that is not a label key says so at the field; the rows stay as they were.
  await page.getByLabel('Label key').fill('not a key');
  await page.getByLabel('Label key').press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/Not a label key/);
  await expect(await cell('logs', 'lima-admin')).toContainText('default/log-shipper');
  await page.getByLabel('Label key').fill('app.kubernetes.io/name');
  await page.getByLabel('Label key').press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Match rows by').selectOption('name');
});

test('the table exports as CSV and JSON, every cluster included', async () => {
  // Wait for the rollouts so the numbers exported are settled ones.
  for (const name of CONTEXTS) {
    await expect(await cell('default/node-agent', name)).toContainText('Running');
  }
  const csv = (await download('Export CSV')).trimEnd().split('\r\n');
  expect(csv[0]).toBe('row,context,state,namespace,name,images,ready,desired,status,reason,strategy');
  const agentLines = csv.filter((l) => l.startsWith('default/node-agent,'));
  expect(agentLines.map((l) => l.split(',').slice(1, 6).join(','))).toEqual([
    'oslo-admin,connected,default,node-agent,nginx:1.27.3',
    'lima-admin,connected,default,node-agent,nginx:1.27.3',
    'kyoto-admin,connected,default,node-agent,nginx:1.26.0',
  ]);
  const json = JSON.parse(await download('Export JSON')) as {
    clusters: { context: string; state: string }[];
    rows: { key: string; drift: { image: string; drifted: boolean }[]; cells: { context: string; ready: number }[] }[];
  };
  expect(json.clusters.map((c) => c.context)).toEqual(CONTEXTS);
  const row = json.rows.find((r) => r.key === 'default/node-agent');
  expect(row?.drift).toEqual([expect.objectContaining({ image: 'nginx', drifted: true })]);
  expect(row?.cells.map((c) => c.context)).toEqual(CONTEXTS);
});

test('screenshots in English and Chinese', async () => {
  await docScreenshot('fleet-en.png');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '多集群' })).toBeVisible();
  await screenshot(page, '2-fleet-zh');
  await docScreenshot('fleet-zh.png');
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
});

test('a cluster stopped mid-test says unreachable in its column; the others stay live', async () => {
  await sandbox('kyoto').stop();
  await expect(await stateCell('kyoto-admin')).toContainText('Unreachable');
  // Live: a change on another cluster reaches its cell without reload.
  await kubectl(sandbox('oslo').kubeconfig, [
    'set',
    'image',
    'daemonset/node-agent',
    'main=nginx:1.27.4',
    '-n',
    'default',
  ]);
  await expect(await cell('default/node-agent', 'oslo-admin')).toContainText('nginx:1.27.4');
  await expect(await stateCell('oslo-admin')).toContainText('Live');
  await expect(await stateCell('lima-admin')).toContainText('Live');
  await expect(await cell('default/node-agent', 'kyoto-admin')).toContainText('Unreachable');
  await screenshot(page, '3-unreachable');
});

test('the opted-in contexts are remembered; a cell opens its DaemonSet in its own cluster', async () => {
  await page.reload();
  for (const name of CONTEXTS) await expect(page.getByRole('checkbox', { name, exact: true })).toBeChecked();
  await expect(await stateCell('lima-admin')).toContainText('Live');
  await (
    await cell('default/node-agent', 'lima-admin')
  )
    .getByRole('link', { name: 'Open node-agent in lima-admin' })
    .click();
  await expect(page).toHaveURL(/#\/ds\/lima-admin\/default\/node-agent$/);
  await expect(page.getByLabel('Cluster')).toHaveValue('lima-admin');
});

test('a context whose credentials run a program runs nothing until allowed; its column says it needs consent', async () => {
  await page.getByRole('link', { name: 'Fleet' }).click();
  await page.getByRole('checkbox', { name: 'lima-operator', exact: true }).check();
  const dialog = page.getByRole('dialog', { name: 'Run a credential program?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: "Don't run" }).click();
  const state = await stateCell('lima-operator');
  await expect(state).toContainText('Needs your consent');
  await expect(state).toContainText('you chose not to run');
  // After a reload nothing runs and nothing asks again: the answer is remembered, and the column still says why.
  await page.reload();
  await expect(await stateCell('lima-operator')).toContainText('Needs your consent');
  await expect(dialog).toHaveCount(0);
  await (await stateCell('lima-operator')).getByRole('button', { name: 'Review the credential program' }).click();
  await expect(page.getByRole('dialog', { name: 'Credential programs' })).toBeVisible();
});
