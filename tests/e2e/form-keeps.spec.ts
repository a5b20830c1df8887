// Issue 12, point 3, end to end in the browser host (offline: edit mode needs no cluster): a value the form cannot show
// survives Form -> Edit YAML, the form says it is kept as written, and a port row left empty writes nothing (it used to
// write `name: tcp-`).
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, startWebHost, tempDir } from './support/processes.js';
import { screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

const editor = (): Locator => page.locator('dialog[open]').filter({ has: page.getByTestId('to-form') });
const wizard = (): Locator => page.locator('dialog.wizard[open]');
const code = (): Locator => editor().locator('.cm-content');

const FILE = `# web agent, owned by the platform team
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: word-port
  namespace: default
spec:
  selector:
    matchLabels:
      app: word-port
  template:
    metadata:
      labels:
        app: word-port
    spec:
      containers:
        - name: web
          image: nginx:1.27 # pinned
          ports:
            - containerPort: eighty
`;

async function openOnForm(name: string): Promise<void> {
  await page.getByTestId('open-editor').click();
  await editor()
    .getByTestId('import-input')
    .setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(FILE) });
  await expect(code()).toContainText('containerPort: eighty');
  await editor().getByTestId('to-form').click();
  await expect(wizard()).toBeVisible();
  await wizard().locator('.steps button').nth(1).click();
}

const keptNote = (): Locator =>
  wizard().locator('[data-testid="kept-value"][data-path="containers.0.ports.0.containerPort"]');

test.beforeAll(async ({ browser }) => {
  const host = cleanup.add(await startWebHost([], ['--no-sandbox'], tempDir('form-keeps')));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await page.goto(host.url);
});
test.afterAll(() => cleanup.run());

test('containerPort: eighty survives Form -> YAML, shown as kept; an empty port writes no name: tcp-', async () => {
  await openOnForm('word-port.yaml');
  // Shown, not only present: the container opens on its advanced settings, where the port is.
  await expect(keptNote()).toBeVisible();
  await expect(keptNote()).toHaveText('Kept as written in YAML: "eighty". Type a value here to replace it.');
  await expect(wizard().getByLabel('Container port')).toHaveValue('eighty');
  // A second port, added and left empty.
  await wizard().getByRole('button', { name: 'Add port' }).click();
  await expect(wizard().getByLabel('Container port')).toHaveCount(2);
  await screenshot(page, '1-kept-field-en');

  await wizard().locator('.steps button').last().click();
  // Named in the form's words, not as a form path, with a way back to the field.
  const kept = wizard().getByTestId('kept-list').locator('li');
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText('Container 1: web › Ports 1 › Container port');
  await expect(kept).not.toContainText('containers.0');
  await expect(wizard().getByTestId('no-manifest-changes')).toBeVisible();
  await expect(wizard().getByTestId('review-yaml')).toContainText('containerPort: eighty');
  await expect(wizard().getByTestId('review-yaml')).not.toContainText('tcp-');
  await screenshot(page, '2-review-en');

  await wizard().getByTestId('edit-yaml').click();
  await expect(code()).toContainText('containerPort: eighty');
  await expect(code()).toContainText('# web agent, owned by the platform team');
  await expect(code()).toContainText('image: nginx:1.27 # pinned');
  await expect(code()).not.toContainText('tcp-');
  await expect(code()).not.toContainText('updateStrategy');
  await screenshot(page, '3-yaml-en');
});

test('in Chinese the field says it is kept as written', async () => {
  await page.reload();
  await page.getByLabel('Language').selectOption('zh-CN');
  await openOnForm('word-port-2.yaml');
  await expect(keptNote()).toBeVisible();
  await expect(keptNote()).toHaveText('按 YAML 原样保留："eighty"。在此输入新值即可替换。');
  await screenshot(page, '4-kept-field-zh-CN');
  await wizard().locator('.steps button').last().click();
  await expect(wizard().getByTestId('kept-list')).toBeVisible();
  await screenshot(page, '5-review-zh-CN');
});
