// The DaemonSet detail page on one sandbox cluster, admin context: an event appearing live, a rolling update seen wave
// by wave in the node grid (never more unavailable nodes than maxUnavailable, in the page and in kubectl's view; its
// mid-rollout screenshots in English and Chinese go to docs/screenshots with UPDATE_DOC_SCREENSHOTS=1), rollback from the page, a pod deleted from
// the page and replaced, logs, and the DaemonSet deleted with kubectl while the page is open.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { chooseProject, detailTab, expectAccessible, openApp, screenshot, showTab } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
const NAME = 'wave';

// Tolerates every taint, so it runs on all 6 nodes of the seed world; the readiness delay makes each wave visible.
const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${NAME}, namespace: default }
spec:
  selector: { matchLabels: { app: ${NAME} } }
  updateStrategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 2 } }
  template:
    metadata: { labels: { app: ${NAME} } }
    spec:
      terminationGracePeriodSeconds: 5
      tolerations: [{ operator: Exists }]
      containers:
        - name: main
          image: busybox:1.36
          readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 }
`;

const k = (args: string[]): Promise<string> => kubectl(sandbox.kubeconfig, args);
const image = (): Promise<string> =>
  k(['get', 'ds', NAME, '-n', 'default', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);

interface Cell {
  node: string;
  state: string;
  revision: string;
}
/** README's screenshots are refreshed only on request (`UPDATE_DOC_SCREENSHOTS=1`), so a test run leaves the tree clean. */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

const cells = (): Promise<Cell[]> =>
  page.locator('li[data-state]').evaluateAll((items) =>
    items.map((li) => ({
      node: li.getAttribute('data-node') ?? '',
      state: li.getAttribute('data-state') ?? '',
      revision: li.getAttribute('data-revision') ?? '',
    })),
  );

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('detail', 5));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' }));
  page = await context.newPage();
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], manifest);
  await k(['rollout', 'status', `ds/${NAME}`, '-n', 'default', '--timeout=60s']);
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('a row name opens the detail page with one available cell per node', async () => {
  await chooseProject(page, 'default');
  await page.getByRole('link', { name: NAME, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect.poll(async () => (await cells()).filter((c) => c.state === 'available').length).toBe(6);
  expect(new Set((await cells()).map((c) => c.revision))).toEqual(new Set(['new']));
  await expect(page.getByText('immutable')).toBeVisible();
  await screenshot(page, '1-settled');
  await expectAccessible(page, 'detail page settled');
});

test('the tabs follow the arrow keys, Home and End, and the tab survives a reload beside the pod panel', async () => {
  const tab = (name: string) => detailTab(page, name);
  await expect(tab('Overview')).toHaveAttribute('aria-selected', 'true');
  // Pods and Events say how many they hold before they are opened.
  await expect(tab('Pods')).toHaveAccessibleName('Pods (6)');
  await expect(tab('Events')).toHaveAccessibleName(/^Events \(\d+\)$/);
  await tab('Overview').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Pods')).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Pods' }).locator('tr[data-pod]')).toHaveCount(6);
  await expect(page.locator('li[data-state]')).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(tab('YAML')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: `YAML of ${NAME} (read-only)` })).toContainText(`name: ${NAME}`);
  await expectAccessible(page, 'YAML tab');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('History')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Revision history' })).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/\?tab=history$/);
  // The pod panel's `pod` and the tab share the query: opening, reloading and closing keep the tab.
  const pod = await k([
    'get',
    'pods',
    '-n',
    'default',
    '-l',
    `app=${NAME}`,
    '-o',
    'jsonpath={.items[0].metadata.name}',
  ]);
  await page.evaluate((p) => (location.hash = `${location.hash}&pod=default/${p}`), pod);
  await page.reload();
  await expect(page.getByRole('dialog', { name: new RegExp(pod) })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(tab('History')).toHaveAttribute('aria-selected', 'true');
  expect(new URL(page.url()).hash).toMatch(/\?tab=history$/);
  await tab('History').focus();
  await page.keyboard.press('Home');
  await expect(tab('Overview')).toHaveAttribute('aria-selected', 'true');
  expect(new URL(page.url()).hash).not.toContain('tab=');
});

test('an event created after the page opened shows without a reload, newest first', async () => {
  const uid = await k(['get', 'ds', NAME, '-n', 'default', '-o', 'jsonpath={.metadata.uid}']);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const event = `apiVersion: v1
kind: Event
metadata: { name: ${NAME}.live-check, namespace: default }
involvedObject: { apiVersion: apps/v1, kind: DaemonSet, name: ${NAME}, namespace: default, uid: ${uid} }
reason: LiveCheck
message: Created by the test after the page opened
type: Normal
source: { component: e2e }
firstTimestamp: ${now}
lastTimestamp: ${now}
count: 1
`;
  await showTab(page, 'Events');
  const events = page.getByRole('region', { name: 'Events', exact: true });
  await expect(events).not.toContainText('Created by the test after the page opened');
  await kubectl(sandbox.kubeconfig, ['create', '-f', '-'], event);
  const row = events.getByRole('row').filter({ hasText: 'Created by the test after the page opened' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('LiveCheck');
  // Newest first: the new event is the first data row.
  await expect(events.getByRole('row').nth(1)).toContainText('LiveCheck');
  await showTab(page, 'Overview');
});

test('one error on several pods is one group with its count, first and last seen, and the nodes it concerns', async () => {
  const pods = (await k(['get', 'pods', '-n', 'default', '-l', `app=${NAME}`, '-o', 'json'])) as string;
  const items = (
    JSON.parse(pods) as { items: { metadata: { name: string; uid: string }; spec: { nodeName: string } }[] }
  ).items.slice(0, 3);
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const events = items.map(
    (p, i) => `apiVersion: v1
kind: Event
metadata: { name: ${p.metadata.name}.probe-check, namespace: default }
involvedObject: { apiVersion: v1, kind: Pod, name: ${p.metadata.name}, namespace: default, uid: ${p.metadata.uid} }
reason: ProbeCheck
message: 'Readiness probe failed: dial tcp 10.0.0.${i + 1}:8080: connect: connection refused on ${p.metadata.name}'
type: Warning
source: { component: kubelet }
firstTimestamp: ${at(30 + i)}
lastTimestamp: ${at(2 + i)}
count: ${i + 2}
`,
  );
  await kubectl(sandbox.kubeconfig, ['create', '-f', '-'], events.join('---\n'));
  await showTab(page, 'Events');
  const group = page.locator('tr[data-event-group="ProbeCheck"]');
  // The messages differ in their pod names only (the addresses differ too: those are three groups).
  await expect(group).toHaveCount(3);
  await kubectl(sandbox.kubeconfig, [
    'delete',
    'events',
    '-n',
    'default',
    ...items.map((p) => `${p.metadata.name}.probe-check`),
  ]);
  const same = events.map((e) => e.replace(/10\.0\.0\.\d/, '10.0.0.9'));
  await kubectl(sandbox.kubeconfig, ['create', '-f', '-'], same.join('---\n'));
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('connection refused on <pod>');
  await expect(group.getByRole('cell').nth(3)).toHaveText('9');
  await expect(group.getByRole('cell').nth(4)).toHaveText(/^3[23]m$/);
  await expect(group.getByRole('cell').nth(5)).toHaveText(/^[23]m$/);
  await group.getByRole('button', { name: '3 nodes' }).click();
  const nodes = items.map((p) => p.spec.nodeName).sort();
  await expect(page.getByText(`Nodes: ${nodes.join(', ')}`)).toBeVisible();
  await screenshot(page, '1b-grouped-events');
  await expectAccessible(page, 'grouped events');
  await showTab(page, 'Overview');
});

test('a new image rolls out wave by wave, never more than 2 nodes without an available pod', async () => {
  const seen = new Map<string, string[]>();
  let maxGrid = 0;
  let maxKubectl = 0;
  let midShot = false;
  let sampling = true;
  // kubectl's own view, sampled alongside the page's until the rollout is done.
  const kubectlSampler = (async () => {
    while (sampling) {
      const out = await k(['get', 'ds', NAME, '-n', 'default', '-o', 'jsonpath={.status.numberUnavailable}']);
      maxKubectl = Math.max(maxKubectl, Number(out || '0'));
    }
  })();
  await k(['set', 'image', '-n', 'default', `ds/${NAME}`, 'main=busybox:1.37']);
  // Cells are old or new relative to the newest revision the page knows: sample once it knows revision 2.
  await showTab(page, 'History');
  await expect(page.locator('tr[data-revision="2"]')).toBeVisible();
  await showTab(page, 'Overview');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const now = await cells();
    const unavailable = now.filter((c) => c.state !== 'available').length;
    maxGrid = Math.max(maxGrid, unavailable);
    for (const c of now) {
      const history = seen.get(c.node) ?? [];
      // With maxSurge 0 a node is briefly without any pod between its old and new one: that is no revision at all.
      if (c.revision !== 'none' && history.at(-1) !== c.revision) history.push(c.revision);
      seen.set(c.node, history);
    }
    const revisions = new Set(now.map((c) => c.revision));
    if (!midShot && revisions.has('old') && revisions.has('new')) {
      midShot = true;
      await screenshot(page, '2-mid-rollout');
      await docScreenshot('detail-rollout-en.png');
      // The same moment in Chinese; the grid's data attributes do not depend on the language.
      await page.getByLabel('Language').selectOption('zh-CN');
      await expect(page.getByRole('heading', { name: '节点', exact: true })).toBeVisible();
      await screenshot(page, '2-mid-rollout-zh-CN');
      await docScreenshot('detail-rollout-zh.png');
      await page.getByLabel('语言').selectOption('en');
      await expect(page.getByRole('heading', { name: 'Nodes', exact: true })).toBeVisible();
    }
    if (now.length === 6 && now.every((c) => c.revision === 'new' && c.state === 'available')) break;
    if (Date.now() > deadline) throw new Error(`rollout not seen: ${JSON.stringify([...seen])}`);
    await page.waitForTimeout(100);
  }
  sampling = false;
  await kubectlSampler;
  expect(midShot, 'old and new revisions side by side at some moment').toBe(true);
  // No cell ever goes back; the first wave may have started before revision 2 reached the page, the others are seen
  // moving from the old revision to the new one.
  for (const [node, history] of seen) expect(['old,new', 'new'], node).toContain(history.join());
  expect([...seen.values()].filter((h) => h.join() === 'old,new').length).toBeGreaterThanOrEqual(4);
  expect(maxGrid).toBeGreaterThan(0);
  expect(maxGrid).toBeLessThanOrEqual(2);
  expect(maxKubectl).toBeLessThanOrEqual(2);
  await screenshot(page, '3-rolled-out');
});

test('the revision diff of a one-line change shows that line with 3 lines of context; the toggle shows all', async () => {
  await showTab(page, 'History');
  const diff = page.getByTestId('revision-diff');
  await expect(page.getByTestId('diff-counts')).toHaveText('Lines added: 1 · removed: 1');
  const lines = async () => ((await diff.textContent()) ?? '').split('\n').filter((l) => l !== '');
  const shown = await lines();
  const changed = shown.filter((l) => /^[+-] /.test(l));
  expect(changed).toEqual(['-     - image: busybox:1.36', '+     - image: busybox:1.37']);
  const at = shown.indexOf(changed[0] ?? '');
  // 3 unchanged lines each side (as many as there are), the rest counted.
  expect(shown.slice(Math.max(0, at - 3), at).every((l) => l.startsWith('  '))).toBe(true);
  expect(shown.filter((l) => l.startsWith('⋯')).length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThanOrEqual(2 + 6 + 2);
  await page.getByLabel('Show whole template').check();
  const all = await lines();
  expect(all.filter((l) => l.startsWith('⋯'))).toEqual([]);
  expect(all.length).toBeGreaterThan(shown.length);
  expect(all).toContain('  spec:');
  await screenshot(page, '3b-minimal-diff');
  await page.getByLabel('Show whole template').uncheck();
});

test('rollback to revision 1 from the page restores the old image, as kubectl shows', async () => {
  await showTab(page, 'History');
  await page.getByRole('button', { name: 'Roll back to 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back to revision 1?' });
  await expect(dialog).toContainText('busybox:1.36');
  await screenshot(page, '4-rollback-confirm');
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rolled back to revision 1.' })).toBeVisible();
  await expect.poll(image).toBe('busybox:1.36');
  await showTab(page, 'Overview');
  await expect
    .poll(async () => (await cells()).filter((c) => c.state === 'available' && c.revision === 'new').length, {
      timeout: 40_000,
    })
    .toBe(6);
  await screenshot(page, '5-rolled-back');
});

test('a pod deleted from the page is replaced on its node', async () => {
  await showTab(page, 'Pods');
  const first = page.locator('tr[data-pod]').first();
  const pod = (await first.getAttribute('data-pod')) ?? '';
  const node = await k(['get', 'pod', pod, '-n', 'default', '-o', 'jsonpath={.spec.nodeName}']);
  await first.getByRole('button', { name: `Delete pod ${pod}` }).click();
  await page
    .getByRole('dialog', { name: `Delete pod ${pod}?` })
    .getByRole('button', { name: 'Delete pod' })
    .click();
  await expect(page.locator(`tr[data-pod="${pod}"]`)).toHaveCount(0, { timeout: 30_000 });
  await expect
    .poll(async () => {
      const out = await k([
        'get',
        'pods',
        '-n',
        'default',
        '-l',
        `app=${NAME}`,
        '--field-selector',
        `spec.nodeName=${node}`,
        '-o',
        'jsonpath={.items[*].metadata.name}',
      ]);
      return out.split(' ').filter((n) => n !== '' && n !== pod).length;
    })
    .toBe(1);
  await showTab(page, 'Overview');
  await expect
    .poll(async () => (await cells()).find((c) => c.node === node)?.state, { timeout: 30_000 })
    .toBe('available');
  await screenshot(page, '6-pod-replaced');
});

test('the Logs button of a pod shows its log, followed, in the Logs tab', async () => {
  await showTab(page, 'Pods');
  const pod = (await page.locator('tr[data-pod]').first().getAttribute('data-pod')) ?? '';
  await page.getByRole('button', { name: `Logs of ${pod}` }).click();
  await expect(page.getByRole('tab', { name: 'Logs', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: /^Pod/ })).toHaveValue(pod);
  const output = page.getByTestId('log-output');
  await expect(output).toContainText('starting busybox');
  await expect(page.getByText(/Following… \d+ lines/)).toBeVisible();
  const before = ((await output.textContent()) ?? '').split('\n').length;
  await expect
    .poll(async () => ((await output.textContent()) ?? '').split('\n').length, { timeout: 20_000 })
    .toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Stop' }).click();
  await screenshot(page, '7-logs');
  await expectAccessible(page, 'detail page with logs');
});

test('the DaemonSet deleted with kubectl while open shows a notice with a way back', async () => {
  await k(['delete', 'ds', NAME, '-n', 'default', '--wait=false']);
  const notice = page.getByTestId('deleted-notice');
  await expect(notice).toContainText(`DaemonSet ${NAME} was deleted while this page was open.`);
  await screenshot(page, '8-deleted');
  await expectAccessible(page, 'deleted notice');
  await notice.getByRole('link', { name: 'Back to the list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toHaveCount(0);
  await expect(page.getByLabel('Project', { exact: true })).toBeVisible();
});

test('a detail URL on a context that cannot be reached says why instead of loading forever', async () => {
  const context = (await kubectl(sandbox.kubeconfig, ['config', 'current-context'])).trim();
  await sandbox.stop();
  await page.goto(`${page.url().split('#')[0]}#/ds/${encodeURIComponent(context)}/default/${NAME}`);
  await page.reload();
  const notice = page.getByTestId('waiting-on');
  await expect(notice).toContainText(`Waiting for ${context} (Unreachable)`, { timeout: 30_000 });
  await expect(notice.getByRole('link', { name: 'Open Clusters' })).toHaveAttribute('href', '#/clusters');
  await screenshot(page, '9-unreachable');
  await expectAccessible(page, 'detail page waiting on an unreachable context');
});
