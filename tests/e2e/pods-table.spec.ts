// The detail page's pods table on a DaemonSet with more pods than it renders at once (issue 17 point 3: one pod per
// node, thousands of nodes): a sandbox of 150 nodes, whose seed kube-proxy runs a pod on each. The table renders the
// rows in view only, yet says how many rows it has, shows every pod kubectl lists as it is scrolled through, finds a
// pod by its name or node, and keeps the row actions reachable with Tab.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const NODES = 150;
const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
let pods: Map<string, string>;

const table = () => page.getByTestId('pods-table');
const region = () => page.getByRole('region', { name: 'Pods (scrollable)' });
const rendered = (): Promise<string[]> =>
  page.locator('tr[data-pod]').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-pod') ?? ''));

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  sandbox = cleanup.add(await startSandbox('many', 10, undefined, ['--nodes', String(NODES), '--no-metrics']));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' }));
  page = await context.newPage();
  const listed = await kubectl(sandbox.kubeconfig, [
    'get',
    'pods',
    '-n',
    'kube-system',
    '-l',
    'k8s-app=kube-proxy',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName}{"\\n"}{end}',
  ]);
  pods = new Map(
    listed
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  expect(pods.size).toBe(NODES);
  await openApp(page, host.url);
  await page.evaluate(() => (location.hash = '#/ds/many-admin/kube-system/kube-proxy?tab=pods'));
  await expect(page.getByRole('heading', { level: 2, name: `Pods (${NODES})` })).toBeVisible();
});

test.afterAll(async () => {
  await cleanup.run();
});

test('renders only the rows in view but says it has them all, and scrolling shows every pod kubectl lists', async () => {
  await expect(table()).toHaveAttribute('aria-rowcount', String(NODES + 1));
  await expect(page.locator('tr[data-pod]').first()).toHaveAttribute('aria-rowindex', '2');
  const first = await rendered();
  expect(first.length).toBeGreaterThan(5);
  expect(first.length).toBeLessThan(NODES / 2);
  await screenshot(page, 'pods-table-top');
  await expectAccessible(page, 'virtual pods table');

  // Down the table a view at a time: every pod appears once in some view, each row where its aria-rowindex says.
  const seen = new Map<string, number>();
  for (let step = 0; step < 100; step++) {
    const rows = await page
      .locator('tr[data-pod]')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-pod') ?? '', Number(tr.getAttribute('aria-rowindex'))] as const),
      );
    for (const [name, index] of rows) {
      expect(seen.get(name) ?? index, `${name} keeps its row index`).toBe(index);
      seen.set(name, index);
    }
    const atEnd = await region().evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollBy({ top: el.clientHeight * 0.8 });
      return end;
    });
    if (atEnd) break;
    await page.waitForTimeout(50);
  }
  expect([...seen.keys()].sort()).toEqual([...pods.keys()].sort());
  expect(new Set(seen.values()).size).toBe(NODES);
  expect(Math.max(...seen.values())).toBe(NODES + 1);
  // The header stays above the rows at the end of the table.
  await expect(table().getByRole('columnheader', { name: 'Name' })).toBeInViewport();
  await screenshot(page, 'pods-table-end');
});

test('finds a pod by its name or by its node, and shows them all again when the search is emptied', async () => {
  const [name, node] = [...pods].at(-1) ?? ['', ''];
  const search = page.getByLabel('Find a pod');
  await search.fill(name.toUpperCase());
  await expect.poll(rendered).toEqual([name]);
  await expect(table()).toHaveAttribute('aria-rowcount', '2');
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText(`1 of ${NODES} pods match`);
  await expect(page.getByRole('button', { name: `Logs of ${name}` })).toBeVisible();
  // A node's name can be a part of others' ("node-1" of "node-12"): its pod is among the matches, and only pods of
  // such nodes are.
  await search.fill(node);
  const wanted = [...pods].filter(([, n]) => n.includes(node)).map(([p]) => p);
  expect(wanted).toContain(name);
  await expect(table()).toHaveAttribute('aria-rowcount', String(wanted.length + 1));
  await expect.poll(async () => (await rendered()).every((p) => wanted.includes(p))).toBe(true);
  await expect(page.getByRole('button', { name: `Logs of ${name}` })).toBeVisible();
  await search.fill('');
  await expect(table()).toHaveAttribute('aria-rowcount', String(NODES + 1));
  await expect(page.locator('tr[data-pod]').first()).toHaveAttribute('aria-rowindex', '2');
});

test('Tab walks the row actions past the rows first rendered, scrolling the next rows in', async () => {
  await region().evaluate((el) => el.scrollTo({ top: 0 }));
  const lastFirst = Math.max(
    ...(await page
      .locator('tr[data-pod]')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('aria-rowindex'))))),
  );
  await region().focus();
  let reached = 0;
  for (let i = 0; i < 400 && reached <= lastFirst; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() =>
      Number(document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? 0),
    );
  }
  expect(reached).toBeGreaterThan(lastFirst);
  const focused = page.locator(':focus');
  await expect(focused).toBeInViewport();
  await expect(focused.locator('xpath=ancestor::tr')).toHaveAttribute('data-pod', /^kube-proxy-/);
});
