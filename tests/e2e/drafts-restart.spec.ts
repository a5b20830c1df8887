// Drafts belong to the backend: typed into the Create wizard, edit mode and a form edit of a live DaemonSet, they
// survive a kill -9 of the browser host and a start on another port (a new origin, so a new localStorage), and the
// drafts file on disk never shrinks to an empty state while the new page loads. Two tabs on one host: a stale write is
// refused and that tab is told, never last-writer-wins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, tempDir, type Sandbox } from './support/processes.js';
import AxeBuilder from '@axe-core/playwright';
import { chooseProject, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
const home = tempDir('drafts-home');
// Where the browser host keeps its state for this HOME (XDG_CONFIG_HOME is set by startWebHost).
const draftsFile = join(home, '.config', 'everynode', 'drafts.json');
const NAME = 'drafts-live';
const LIVE_KEY = `edit:${JSON.stringify(['drafts-admin', 'default', NAME])}`;
let sandbox: Sandbox;
let page: Page;

interface OnDisk {
  drafts: { key: string; value: unknown }[];
}
function onDisk(): OnDisk {
  try {
    return JSON.parse(readFileSync(draftsFile, 'utf8')) as OnDisk;
  } catch {
    return { drafts: [] };
  }
}
const draftText = (key: string): string => JSON.stringify(onDisk().drafts.find((d) => d.key === key)?.value ?? null);

const wizard = (): Locator => page.getByRole('dialog', { name: 'Create DaemonSet' });
const editor = (): Locator => page.getByRole('dialog', { name: 'Edit mode' });
const editDialog = (): Locator => page.getByRole('dialog', { name: 'Edit DaemonSet' });

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('drafts', 5));
  await kubectl(
    sandbox.kubeconfig,
    ['apply', '-f', '-'],
    `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${NAME}, namespace: default }
spec:
  selector: { matchLabels: { app: ${NAME} } }
  updateStrategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1 } }
  template:
    metadata: { labels: { app: ${NAME} } }
    spec: { containers: [{ name: main, image: busybox:1.36 }] }
`,
  );
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
});

test.afterAll(async () => {
  await cleanup.run();
});

test('wizard, edit mode and a live form edit survive kill -9 and a host on another port; the file never shrinks', async ({
  browser,
}) => {
  const first = await startWebHost([sandbox.kubeconfig], [], home);
  await openApp(page, first.url);
  await chooseProject(page, 'default');

  // The Create wizard: typed, never closed.
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await wizard().getByLabel('Name', { exact: true }).fill('restart-agent');
  await wizard().getByLabel('Description').fill('typed before the crash');
  await expect.poll(() => draftText('wizard')).toContain('typed before the crash');
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();

  // Edit mode: a new file, typed into.
  await page.getByTestId('open-editor').click();
  await expect(editor().locator('.cm-content')).toContainText('kind: DaemonSet');
  await editor().locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('edit-mode-before-crash');
  await expect.poll(() => draftText('editor')).toContain('edit-mode-before-crash');
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();

  // A form edit of the live DaemonSet, on its detail page.
  await page.getByRole('link', { name: NAME, exact: true }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await editDialog().getByLabel('Max unavailable').fill('3');
  await expect.poll(() => draftText(LIVE_KEY)).toContain('"maxUnavailable":"3"');
  // Typing goes on while the host dies: at most the last moment is lost, never what was saved.
  await editDialog().getByLabel('Description').fill('live edit');
  first.process.kill('SIGKILL');
  await new Promise((resolve) => first.process.once('exit', resolve));

  const before = onDisk();
  expect(before.drafts.map((d) => d.key).sort()).toEqual(['editor', LIVE_KEY, 'wizard'].sort());
  const sizeBefore = readFileSync(draftsFile, 'utf8').length;

  // Watch the file while the new host starts and the new page loads: it must never lose a draft.
  const seen: { keys: number; size: number }[] = [];
  const watcher = setInterval(() => {
    const text = readFileSync(draftsFile, 'utf8');
    seen.push({ keys: (JSON.parse(text) as OnDisk).drafts.length, size: text.length });
  }, 10);
  const second = cleanup.add(await startWebHost([sandbox.kubeconfig], [], home));
  expect(new URL(second.url).port).not.toBe(new URL(first.url).port);
  const fresh = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await fresh.newPage();
  await openApp(page, second.url);
  const restored = page.getByTestId('drafts-restored');
  await expect(restored).toContainText(
    'Restored 3 drafts from your last session: the Create form, 1 file in edit mode',
  );
  await expect(restored).toContainText(`the edit of ${NAME} (project default, context drafts-admin)`);
  await screenshot(page, '1-restored-en');
  // axe on the notice alone: the whole page is checked by the list's own spec, and takes seconds more.
  const axe = await new AxeBuilder({ page }).include('[data-testid="drafts-restored"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await chooseProject(page, 'default');
  await page.getByTestId('open-editor').click();
  await expect(editor().locator('.cm-content')).toContainText('edit-mode-before-crash');
  await expect(editor().getByRole('button', { name: 'untitled.yaml', exact: true })).toHaveCount(1);
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();

  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('restart-agent');
  await expect(wizard().getByLabel('Description')).toHaveValue('typed before the crash');
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();

  await page.getByRole('link', { name: NAME, exact: true }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(editDialog().getByLabel('Max unavailable')).toHaveValue('3');
  await editDialog()
    .getByRole('button', { name: /^\d Review/ })
    .click();
  await expect(editDialog().getByTestId('edit-diff')).toContainText('spec.updateStrategy.rollingUpdate.maxUnavailable');
  await editDialog().getByRole('button', { name: 'Close (keep my changes)' }).click();
  clearInterval(watcher);

  expect(seen.length).toBeGreaterThan(0);
  expect(Math.min(...seen.map((s) => s.keys))).toBe(3);
  expect(Math.min(...seen.map((s) => s.size))).toBeGreaterThanOrEqual(sizeBefore);
  expect(
    onDisk()
      .drafts.map((d) => d.key)
      .sort(),
  ).toEqual(['editor', LIVE_KEY, 'wizard'].sort());

  // The same notice in Chinese (it stays until dismissed).
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('drafts-restored')).toContainText('已恢复上次会话的 3 份草稿');
  await screenshot(page, '2-restored-zh');
  await page.getByLabel('语言').selectOption('en');
});

test('two tabs on one host: the stale tab is refused and told, and takes the saved version when asked', async () => {
  // The sign-in cookie lets a second tab in; both on the list.
  const other = await page.context().newPage();
  await other.goto(new URL(page.url()).origin);
  await page.getByRole('link', { name: '← DaemonSets' }).click();
  for (const tab of [page, other]) {
    await expect(tab.getByText('Connected', { exact: true })).toBeVisible();
    await tab.getByTestId('open-editor').click();
    await expect(tab.getByRole('dialog', { name: 'Edit mode' }).locator('.cm-content')).toContainText(
      'edit-mode-before-crash',
    );
  }
  const typeIn = async (tab: Page, text: string) => {
    await tab.getByRole('dialog', { name: 'Edit mode' }).locator('.cm-content').click();
    await tab.keyboard.press('Control+End');
    await tab.keyboard.type(text);
  };
  await typeIn(page, '-first-tab');
  await expect.poll(() => draftText('editor')).toContain('-first-tab');
  await typeIn(other, '-second-tab');
  const refused = other.getByRole('dialog', { name: 'Edit mode' }).getByTestId('drafts-failed');
  await expect(refused).toContainText(
    "1 file in edit mode was saved from another window or tab meanwhile, so this window's changes to it are not saved.",
  );
  await screenshot(other, '3-stale-tab-en');
  expect(draftText('editor')).not.toContain('-second-tab');
  await refused.getByRole('button', { name: 'Load the saved version' }).click();
  await expect(refused).toHaveCount(0);
  await expect(other.getByRole('dialog', { name: 'Edit mode' }).locator('.cm-content')).toContainText('-first-tab');
  await other.close();

  // A discarded draft can be undone once.
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('restart-agent');
  await wizard().getByRole('button', { name: 'Discard draft' }).click();
  const discarded = page.getByTestId('drafts-discarded');
  await expect(discarded).toContainText('Draft discarded: the Create form.');
  await expect.poll(() => draftText('wizard')).toBe('null');
  await screenshot(page, '4-discarded-en');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(discarded).toContainText('已丢弃草稿：创建表单。');
  await screenshot(page, '5-discarded-zh');
  await page.getByLabel('语言').selectOption('en');
  await discarded.getByRole('button', { name: 'Undo discard' }).click();
  await expect(discarded).toHaveCount(0);
  await expect.poll(() => draftText('wizard')).toContain('typed before the crash');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('restart-agent');
});
