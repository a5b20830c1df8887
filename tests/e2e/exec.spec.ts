// A shell in the pod of a chosen node (issue 16), in the browser host against the sandbox: opened from the detail
// page's pods table, `hostname` shows that node's pod, `env` and `cat` of a mounted ConfigMap show the container's
// world, `exit 3` shows its code, Reconnect opens a new shell; a user without pods/exec sees no Shell button and the
// verbs it lacks. Screenshots in English and Chinese go to docs/screenshots with UPDATE_DOC_SCREENSHOTS=1.
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, screenshot, showTab } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
const NAME = 'probe';
const NS = 'team-a';

const manifest = `apiVersion: v1
kind: ConfigMap
metadata: { name: probe-config, namespace: ${NS} }
data: { level: debug }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${NAME}, namespace: ${NS} }
spec:
  selector: { matchLabels: { app: ${NAME} } }
  template:
    metadata: { labels: { app: ${NAME} } }
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          resources: { requests: { cpu: 10m, memory: 16Mi }, limits: { cpu: 50m, memory: 32Mi } }
          env: [{ name: PROBE_MODE, value: watchful }]
          volumeMounts: [{ name: config, mountPath: /etc/probe }]
      volumes: [{ name: config, configMap: { name: probe-config } }]
`;

/** What xterm shows, row by row (its DOM renderer's rows). */
const screenText = (): Promise<string> =>
  page.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((r) => r.textContent ?? '').join('\n'));

async function type(line: string): Promise<void> {
  await page.locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') {
    await page.locator('.terminal-state').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `docs/screenshots/${file}` });
  }
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('shell', 10));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: 'en-US' }));
  page = await context.newPage();
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], manifest);
  await kubectl(sandbox.kubeconfig, ['rollout', 'status', `ds/${NAME}`, '-n', NS, '--timeout=60s']);
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('a shell on the pod of a chosen node runs hostname, env and cat, and shows the exit code', async () => {
  await chooseProject(page, NS);
  await page.getByRole('link', { name: NAME, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await showTab(page, 'Pods');
  const pods = page.getByRole('region', { name: /^Pods/ });
  const chosen = pods.getByRole('row').filter({ hasText: 'worker-1' });
  const pod = (await chosen.getAttribute('data-pod')) ?? '';
  expect(pod).toMatch(new RegExp(`^${NAME}-`));
  await chosen.getByRole('button', { name: `Open a shell in ${pod}` }).click();

  await expect(page.getByRole('region', { name: `Shell in ${pod} on worker-1` })).toBeVisible();
  // By class from here: its accessible name changes with the language.
  const panel = page.locator('.terminal-panel');
  await expect(panel.getByRole('status')).toHaveText(/^Connected/);
  await type('hostname');
  await expect.poll(screenText).toContain(`\n${pod}`);
  await type('env');
  await expect.poll(screenText).toContain('PROBE_MODE=watchful');
  await expect.poll(screenText).toContain(`HOSTNAME=${pod}`);
  await type('cat /etc/probe/level');
  await expect.poll(screenText).toMatch(/\ndebug/);
  await screenshot(page, '1-shell');
  await docScreenshot('exec-shell-en.png');
  await expectAccessible(page, 'shell open');

  await type('exit 3');
  await expect(panel.getByRole('status')).toHaveText('The shell exited with code 3.');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(panel.getByRole('status')).toHaveText('终端已退出，退出码 3。');
  await page.getByRole('button', { name: '重新连接' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^已连接/);
  await type('hostname');
  await expect.poll(async () => (await screenText()).split(pod).length).toBeGreaterThan(3);
  await screenshot(page, '2-shell-zh');
  await docScreenshot('exec-shell-zh.png');
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('button', { name: 'Close shell' }).click();
  await expect(panel).toHaveCount(0);
});

/** Whether the focus is in the terminal (xterm's own text area). */
const inTerminal = (): Promise<boolean> => page.evaluate(() => document.activeElement?.closest('.xterm') !== null);

test('Tab stays in the shell; Escape then Tab or Shift+Tab leaves it, Escape twice closes the pod panel', async () => {
  const pods = page.getByRole('region', { name: /^Pods/ });
  const chosen = pods.getByRole('row').filter({ hasText: 'worker-1' });
  const pod = (await chosen.getAttribute('data-pod')) ?? '';
  await chosen.getByRole('button', { name: `Open a shell in ${pod}` }).click();
  const panel = page.locator('.terminal-panel');
  await expect(panel.getByRole('status')).toHaveText(/^Connected/);
  await expect(panel.getByText('Escape then Tab: next control')).toBeVisible();
  await page.locator('.xterm').click();
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(true);
  // An Escape followed by another key reaches the shell: the sandbox's line editor takes "x" as the end of an
  // escape sequence, so only "echo esc-reached" runs (without the Escape it would run "xecho").
  await page.keyboard.press('Escape');
  await type('xecho esc-reached');
  await expect.poll(screenText).toMatch(/\nesc-reached\s*\n/);
  expect(await screenText()).not.toContain('xecho');

  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Close shell' })).toBeFocused();
  await page.locator('.xterm').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(false);
  const after = await page.evaluate(() => {
    const terminal = document.querySelector('.xterm');
    const active = document.activeElement;
    return (
      !!terminal && !!active && (terminal.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
    );
  });
  expect(after, 'the focus moved to a control after the terminal').toBe(true);
  await page.getByRole('button', { name: 'Close shell' }).click();

  // The same pod in the pod panel (its URL), where Escape twice leaves the shell and closes the panel.
  await page.evaluate((p) => (location.hash = `${location.hash.split('?')[0]}?pod=${p}`), `${NS}/${pod}`);
  const dialog = page.getByRole('dialog', { name: `Pod ${pod}` });
  await dialog.getByRole('button', { name: `Open a shell in ${pod}` }).click();
  await expect(dialog.locator('.terminal-state')).toHaveText(/^Connected/);
  await screenshot(page, '4-terminal-keys');
  await dialog.locator('.xterm').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page).not.toHaveURL(/\?pod=/);

  // The `?` dialog lists the terminal's keys from the same table.
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(
    shortcuts.getByRole('row', { name: 'Escape then Escape Close the pod panel (on a detail page: the shell)' }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
});

test('a user without pods/exec sees no Shell button and the verbs it lacks', async () => {
  // The pod panel above was closed on the Overview tab (its URL named no tab).
  await showTab(page, 'Pods');
  await page
    .getByRole('button', { name: /^Open a shell in / })
    .first()
    .click();
  await expect(page.locator('.terminal-state')).toHaveText(/^Connected/);
  const developer = 'shell-developer';
  await page.getByLabel('Cluster').selectOption(developer);
  await expect(page.getByLabel('Cluster')).toHaveValue(developer);
  // The page follows the context (the developer may read team-a), and the shell of the old context is gone.
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.locator('.terminal-state')).toHaveCount(0);
  await expect(page.getByText('No permission: opening a shell needs create and get on pods/exec')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Open a shell in / })).toHaveCount(0);
  await screenshot(page, '3-no-exec');
});
