// CPU and memory (issue 16) in the browser host against the sandbox: the detail page's pods table shows what
// `kubectl top pods` shows for the same pods (read before and after, so the page's sample is in one of their
// 15-second windows), the overhead summary and a live chart; the node view shows the node's usage as `kubectl top
// nodes` does; on a sandbox started with --no-metrics the page says once that there is no metrics API and shows no
// columns. Screenshots in English and Chinese go to docs/screenshots with UPDATE_DOC_SCREENSHOTS=1.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { openApp, screenshot, showTab } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
// What the page's Content-Security-Policy refused (the chart library must need no eval and no inline markup).
const refused: string[] = [];
const NS = 'monitoring';
const NAME = 'node-exporter';
const SELECTOR = 'app.kubernetes.io/name=node-exporter';

/** `kubectl top pods` of the DaemonSet: "cpu memory" by pod, as kubectl prints them. */
async function top(): Promise<Map<string, string>> {
  const out = await kubectl(sandbox.kubeconfig, ['top', 'pods', '-n', NS, '-l', SELECTOR, '--no-headers']);
  return new Map(
    out
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([pod = '', cpu = '', memory = '']) => [pod, `${cpu} ${memory}`]),
  );
}

async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

test.beforeAll(async ({ browser }) => {
  const [withMetrics, bare] = await Promise.all([
    startSandbox('metrics', 10),
    startSandbox('bare', 10, undefined, ['--no-metrics', '--nodes', '2']),
  ]);
  sandbox = cleanup.add(withMetrics);
  cleanup.add(bare);
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig, bare.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1500 }, locale: 'en-US' }));
  page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the pods table shows what kubectl top pods shows, with the overhead summary and a chart', async () => {
  const before = await top();
  // One pod's container was OOM-killed earlier, as the kubelet reports it (lastState): the summary calls it out.
  const [oomPod = ''] = [...before.keys()];
  const live = JSON.parse(await kubectl(sandbox.kubeconfig, ['get', 'pod', oomPod, '-n', NS, '-o', 'json'])) as {
    status: { containerStatuses: Record<string, unknown>[] };
  };
  const oom = { restartCount: 2, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } };
  const status = { containerStatuses: live.status.containerStatuses.map((c) => ({ ...c, ...oom })) };
  await kubectl(sandbox.kubeconfig, [
    'patch',
    'pod',
    oomPod,
    '-n',
    NS,
    '--subresource=status',
    '-p',
    JSON.stringify({ status }),
  ]);
  await page.evaluate((hash) => (location.hash = hash), `#/ds/metrics-admin/${NS}/${NAME}`);
  await showTab(page, 'Pods');
  const pods = page.getByRole('region', { name: /^Pods/ });
  await expect(pods.getByRole('columnheader', { name: 'CPU' })).toBeVisible();
  const rows = pods.locator('tr[data-pod]');
  await expect(rows).toHaveCount(6);
  await expect(rows.locator('[data-metric="cpu"]').filter({ hasText: /^\d+m$/ })).toHaveCount(6);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cell = (m: string) => tr.querySelector(`[data-metric="${m}"]`)?.firstChild?.textContent?.trim() ?? '';
      return [tr.getAttribute('data-pod') ?? '', `${cell('cpu')} ${cell('memory')}`] as const;
    }),
  );
  const after = await top();
  for (const [pod, figures] of shown) expect([before.get(pod), after.get(pod)]).toContain(figures);

  const overhead = page.getByRole('region', { name: 'Agent overhead across nodes' });
  await expect(overhead.locator('[data-overhead="node-exporter/memory"] td')).toHaveCount(7);
  await expect(overhead.getByTestId('metrics-window')).toHaveText(/^last \d+ s of 15 min$/);
  await expect(overhead.getByTestId('near-limits').getByRole('listitem')).toHaveCount(5);
  await expect(overhead.getByTestId('near-limits')).toContainText('memory limit 128Mi');
  await expect(overhead.getByTestId('oom-kills')).toHaveText(
    new RegExp(`^${oomPod} on [-\\w]+: ${NAME} was OOM-killed \\(restarts: 2\\)$`),
  );

  const [first] = shown[0] ?? [''];
  await pods.getByRole('button', { name: `Show the CPU and memory chart of ${first}` }).click();
  const chart = page.getByRole('region', { name: `CPU and memory of ${first}` });
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.getByText('limits: 128Mi')).toBeVisible();
  expect(refused).toEqual([]);
  await screenshot(page, '1-detail');
  await page.locator('#pods-title').scrollIntoViewIfNeeded();
  await docScreenshot('metrics-detail-en.png');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: /^代理在各节点上的开销 最近 \d+ 秒/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '内存' }).first()).toBeVisible();
  await page.locator('#pods-title').scrollIntoViewIfNeeded();
  await screenshot(page, '1-detail-zh');
  await docScreenshot('metrics-detail-zh.png');
  await page.getByLabel('语言').selectOption('en');
});

test('the node view shows the node as kubectl top nodes does', async () => {
  const before = await top();
  await page.evaluate(() => (location.hash = '#/nodes/metrics-admin/worker-1'));
  const line = page.getByTestId('node-usage');
  await expect(line).toHaveText(/^Node usage: CPU \d+m · Memory \d+Mi/);
  const out = await kubectl(sandbox.kubeconfig, ['top', 'nodes', 'worker-1', '--no-headers']);
  const [, cpu = '', , memory = ''] = out.trim().split(/\s+/);
  // The node's figure moves with its pods; within the same or the next window it stays within a few percent.
  const text = (await line.textContent()) ?? '';
  const shownMemory = Number(/Memory (\d+)Mi/.exec(text)?.[1]);
  expect(Math.abs(shownMemory - Number(memory.replace('Mi', '')))).toBeLessThan(0.1 * shownMemory);
  expect(cpu).toMatch(/^\d+m$/);
  const exporter = page.locator(`tr[data-pod^="${NAME}-"]`);
  // The node's pods have figures at once (read as soon as the pods on the node are known), as kubectl top shows them.
  // Within less than one 15-second round: not left waiting for the next one.
  await expect(exporter.locator('[data-metric="cpu"]')).toHaveText(/^\d+m$/, { timeout: 10_000 });
  const pod = (await exporter.getAttribute('data-pod')) ?? '';
  const figures = await exporter.evaluate((tr) =>
    ['cpu', 'memory'].map((m) => tr.querySelector(`[data-metric="${m}"]`)?.firstChild?.textContent?.trim()).join(' '),
  );
  expect([before.get(pod), (await top()).get(pod)]).toContain(figures);
  await screenshot(page, '2-node');
  await docScreenshot('metrics-node-en.png');
});

test('a cluster without the metrics API says so once and shows no columns', async () => {
  await page.evaluate(() => (location.hash = `#/ds/bare-admin/monitoring/node-exporter`));
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await showTab(page, 'Pods');
  await expect(page.getByTestId('metrics-unavailable')).toHaveCount(1);
  await expect(page.getByTestId('metrics-unavailable')).toHaveText(/serves no metrics API/);
  const pods = page.getByRole('region', { name: /^Pods/ });
  await expect(pods.locator('tr[data-pod]')).toHaveCount(2);
  await expect(pods.getByRole('columnheader', { name: 'CPU' })).toHaveCount(0);
  await expect(pods.locator('[data-metric]')).toHaveCount(0);
  await screenshot(page, '3-no-metrics');
  await docScreenshot('metrics-none-en.png');
});
