// The keyboard (issue 18 point 2) on a sandbox cluster through the browser host: the command palette jumps to a
// DaemonSet by part of its name, `/` and `?`, and a whole create-to-running flow with the keyboard only.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, startSandbox, startWebHost } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

const palette = (): Locator => page.getByRole('dialog', { name: /Command palette|命令面板/ });
const combobox = (): Locator => palette().getByRole('combobox');

/** The screenshots go to docs/screenshots only on request (`UPDATE_DOC_SCREENSHOTS=1`). */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus, as a keyboard user would, failing if it never does. */
async function tabTo(target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Opens the palette with its key, types `text` and waits until `option` is the active option. */
async function paletteTo(text: string, option: RegExp): Promise<void> {
  await page.keyboard.press('Control+K');
  await expect(combobox()).toBeFocused();
  await page.keyboard.type(text);
  const active = palette().getByRole('option', { selected: true });
  await expect(active).toHaveText(option);
  await expect(combobox()).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id')) ?? '');
}

test.beforeAll(async ({ browser }) => {
  const sandbox = cleanup.add(await startSandbox('keys', 5));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the palette jumps to a DaemonSet by part of its name; it is an accessible combobox, grouped by kind', async () => {
  await chooseProject(page, 'All projects');
  await page.keyboard.press('Control+K');
  await expect(combobox()).toBeFocused();
  // Every kind shows with an empty query: actions, the list's DaemonSets, nodes, projects (one context: no others).
  for (const kind of ['Actions', 'DaemonSets', 'Nodes', 'Projects'])
    await expect(palette().getByRole('group', { name: kind })).toBeVisible();
  // The palette itself (the list behind it is checked by the list's spec).
  await expectAccessible(page, 'palette open', '.palette');

  await page.keyboard.type('fbit');
  const daemonSets = palette().getByRole('group', { name: 'DaemonSets' });
  await expect(daemonSets.getByRole('option')).toHaveText(['fluent-bitkube-system']);
  await expect(palette().getByRole('option', { selected: true })).toHaveText(/^fluent-bit/);
  await screenshot(page, 'palette-en');
  await docScreenshot('palette-en.png');

  // Arrows move the active option and wrap; Enter opens it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(palette().getByRole('option', { selected: true })).toHaveText(/^fluent-bit/);
  await page.keyboard.press('Enter');
  await expect(palette()).toHaveCount(0);
  await expect(page).toHaveURL(/#\/ds\/[^/]+\/kube-system\/fluent-bit$/);
  await expect(page.getByRole('heading', { level: 1, name: /fluent-bit/ })).toBeVisible();

  // Escape closes the palette and nothing else; a node jumps to its node view.
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Escape');
  await expect(palette()).toHaveCount(0);
  await expect(page).toHaveURL(/fluent-bit$/);
  await paletteTo('worker-1', /^worker-1/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/nodes\/[^/]+\/worker-1$/);

  // In Chinese: the palette's own words, and the language switched from the palette itself.
  await paletteTo('中文', /中文/);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Every group, with its Chinese heading.
  await page.keyboard.press('Control+K');
  await expect(palette().getByRole('group', { name: '守护进程集' })).toBeVisible();
  await expect(palette().getByRole('group', { name: '操作' })).toBeVisible();
  await screenshot(page, 'palette-zh');
  await docScreenshot('palette-zh.png');
  await page.keyboard.press('Escape');
  await paletteTo('English', /English/);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('/ focuses the page search (and types in a field), ? lists the shortcuts in both languages', async () => {
  await page.keyboard.press('1');
  await expect(page).toHaveURL(/#\/$/);
  const search = page.getByLabel('Search', { exact: true });
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  // In the field, `/` and `?` are characters.
  await page.keyboard.type('a/?');
  await expect(search).toHaveValue('a/?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Escape clears the field, a second one leaves it for the page, whose keys work again.
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(search).not.toBeFocused();

  await page.keyboard.press('2');
  await expect(page).toHaveURL(/#\/nodes$/);
  // The matrix's filters show once its first picture has arrived.
  await expect(page.getByLabel('Node label')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Node label')).toBeFocused();
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Ctrl\+K Open the command palette/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /^\? Show keyboard shortcuts/ })).toBeVisible();
  await expectAccessible(page, 'shortcuts', '.shortcuts');
  await screenshot(page, 'shortcuts-en');
  await docScreenshot('shortcuts-en.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.getByLabel('Language').selectOption('zh-CN');
  await page.locator('main').focus();
  await page.keyboard.press('?');
  const zh = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(zh.getByRole('row', { name: /Ctrl\+K 打开命令面板/ })).toBeVisible();
  await screenshot(page, 'shortcuts-zh');
  await docScreenshot('shortcuts-zh.png');
  await page.keyboard.press('Escape');
  await page.getByLabel('语言').selectOption('en');
});

test('create to Running with the keyboard only: palette, Tab and typing, Create, the detail page', async () => {
  const name = 'kb-agent';
  await page.keyboard.press('1');
  await paletteTo('create', /^Create DaemonSet/);
  await page.keyboard.press('Enter');
  const wizard = page.getByRole('dialog', { name: 'Create DaemonSet' });
  await expect(wizard).toBeVisible();

  await tabTo(wizard.getByLabel('Name', { exact: true }));
  await page.keyboard.type(name);
  // Escape in the wizard closes popups only: the form stays, however often it comes.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await expect(wizard.getByLabel('Name', { exact: true })).toHaveValue(name);
  await tabTo(wizard.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');

  const container = wizard.getByRole('group', { name: /^Container 1/ });
  await tabTo(container.getByLabel('Container name'), true);
  await page.keyboard.type('main');
  await tabTo(container.getByLabel('Image'));
  await page.keyboard.type('nginx:1.27.3');
  for (const next of ['Volumes', 'Labels', 'Node Selector', 'Review']) {
    await tabTo(wizard.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
    await expect(wizard.getByRole('button', { name: new RegExp(`^\\d ${next}`) })).toHaveAttribute(
      'aria-current',
      'step',
    );
  }
  await tabTo(wizard.getByRole('button', { name: 'Create', exact: true }));
  await page.keyboard.press('Enter');
  await expect(wizard).toHaveCount(0);

  await paletteTo(name.slice(3), new RegExp(`^${name}`));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
  // The detail page's status badge (the list behind it is hidden).
  const detail = page.getByRole('region', { name, exact: true });
  await expect(detail.getByText('Running', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'keyboard-created');
});
