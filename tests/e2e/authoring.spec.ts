// Authoring with no cluster at all (`--no-sandbox`, no kubeconfig), issue 12: Escape in edit mode closes its popups
// and never the dialog, "Export all" keeps comments, a new Create never writes into a file the user did not choose,
// and the wizard works for authoring: the coverage preview says it needs a cluster, and the review offers Export and
// Save in edit mode, with the reason, where dry run and Create would be.
import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { parse, parseAllDocuments } from 'yaml';
import { Cleanup, startWebHost, tempDir } from './support/processes.js';
import { expectAccessible, importEditorFiles, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

const editor = (): Locator => page.getByRole('dialog', { name: 'Edit mode' });
const wizard = (): Locator => page.getByRole('dialog', { name: 'Create DaemonSet' });
const code = (): Locator => editor().locator('.cm-content');
const fileButton = (name: string): Locator => editor().getByRole('button', { name, exact: true });
const step = (name: string): Promise<void> =>
  page
    .getByRole('dialog')
    .getByRole('button', { name: new RegExp(`^\\d ${name}`) })
    .click();

const importFiles = (files: { name: string; text: string }[]) => importEditorFiles(editor(), files);

/** Clicks a button that downloads a file and returns the file's name and text. */
async function download(button: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = `${tempDir('download')}/${file.suggestedFilename()}`;
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const FLUENT_BIT = `# fluent-bit: ships every node's logs (owned by the platform team)
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluent-bit
  namespace: default # the logging project
spec:
  selector:
    matchLabels:
      app: fluent-bit
  template:
    metadata:
      labels:
        app: fluent-bit
    spec:
      containers:
        - name: fluent-bit
          image: cr.fluentbit.io/fluent/fluent-bit:3.1 # pinned minor
`;

const CONFIG = `# the pipeline fluent-bit reads
apiVersion: v1
kind: ConfigMap
metadata:
  name: fluent-bit-config
  namespace: default
data:
  # parsed as one string
  fluent-bit.conf: |
    [INPUT]
        Name tail
`;

test.beforeAll(async ({ browser }) => {
  const host = cleanup.add(await startWebHost([], ['--no-sandbox'], tempDir('authoring-home')));
  const context = cleanup.add(
    await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', acceptDownloads: true }),
  );
  page = await context.newPage();
  await page.goto(host.url);
  await expect(page.getByLabel('Cluster')).toBeVisible();
});

test.afterAll(async () => {
  await cleanup.run();
});

test('Escape closes the completion list, the search panel and a hover; never edit mode itself, however often', async () => {
  await page.getByTestId('open-editor').click();
  await importFiles([{ name: 'fluent-bit-ds.yaml', text: FLUENT_BIT }]);
  await expect(editor().getByText('No problems found.')).toBeVisible();
  // Edit mode opened on an empty list starts a blank file; only the files of this spec are wanted here.
  await editor().getByRole('button', { name: 'Close untitled.yaml' }).click();

  // Completion: a new key under the pod spec.
  await editor().locator('.cm-line', { hasText: 'containers:' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.type('hostNet');
  const completion = editor().locator('.cm-tooltip-autocomplete');
  await expect(completion).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(completion).toBeHidden();
  await expect(editor()).toBeVisible();

  // Nothing open: Escape, again and again, leaves the dialog and the text as they are.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await expect(editor()).toBeVisible();
  await expect(code()).toContainText('hostNetcontainers:');
  for (let i = 0; i < 'hostNet'.length; i++) await page.keyboard.press('Backspace');
  await expect(editor().getByText('No problems found.')).toBeVisible();

  // The search panel.
  await page.keyboard.press('Control+f');
  const search = editor().locator('.cm-search');
  await expect(search).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(editor()).toBeVisible();

  // A hover's schema docs, while the focus is on a button outside the code.
  await editor().getByRole('button', { name: 'New', exact: true }).focus();
  await editor()
    .locator('.cm-line span', { hasText: /^image$/ })
    .hover();
  const hover = editor().locator('.cm-tooltip-hover');
  await expect(hover).toContainText('spec.template.spec.containers[].image');
  await page.keyboard.press('Escape');
  await expect(hover).toBeHidden();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(editor()).toBeVisible();
  await screenshot(page, '1-after-escapes');

  // The dialog closes by its button.
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  await expect(editor()).toBeHidden();
  await page.getByTestId('open-editor').click();
  await expect(code()).toContainText('# pinned minor');
});

test('"Export all" keeps every file\'s YAML comments, as "Export this file" does', async () => {
  await importFiles([{ name: 'fluent-bit-config.yaml', text: CONFIG }]);
  await editor().getByTestId('template-select').selectOption('node-exporter');
  await expect(code()).toContainText('# Prometheus node exporter');
  await editor().getByLabel('Export format').selectOption('yaml');
  const one = await download(editor().getByRole('button', { name: 'Export this file' }));
  const all = await download(editor().getByRole('button', { name: 'Export all' }));
  expect(all.name).toBe('everynode-export.yaml');

  const comments = (text: string) => text.split('\n').flatMap((line) => line.match(/#.*$/) ?? []);
  expect(comments(one.text).length).toBeGreaterThan(0);
  for (const comment of [...comments(FLUENT_BIT), ...comments(CONFIG), ...comments(one.text)]) {
    expect(all.text).toContain(comment);
  }
  // The same objects, in the order of the files.
  const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown);
  expect(objects(all.text)).toEqual([...objects(FLUENT_BIT), ...objects(CONFIG), ...objects(one.text)]);
});

test('with no cluster, Create works for authoring: the preview and the review say why, Export and Save replace Create', async () => {
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard()).toBeVisible();
  await wizard().getByLabel('Name', { exact: true }).fill('offline-agent');
  await step('Pod Template');
  const container = wizard().getByRole('group', { name: /^Container 1/ });
  await container.getByLabel('Image').fill('busybox:1.36');
  await step('Node Selector');
  await expect(wizard().getByTestId('coverage-offline')).toHaveText(
    'The preview of which nodes get a pod needs a connected cluster. There is no kubeconfig context, and the built-in sandbox is off.',
  );
  await expect(wizard().getByText('Reading nodes…')).toBeHidden();
  await screenshot(page, '2-nodes-offline');

  // An export is to be applied as it is: with an error (no container name) it goes to the field instead.
  await step('Review');
  await wizard().getByRole('button', { name: 'Export file' }).click();
  await expect(wizard().getByRole('button', { name: /^\d Pod Template/ })).toHaveAttribute('aria-current', 'step');
  await container.getByLabel('Container name').fill('agent');

  await step('Review');
  await expect(wizard().getByTestId('review-offline')).toContainText(
    'Without a cluster the server cannot check (dry run) or create this DaemonSet.',
  );
  await expect(wizard().getByRole('button', { name: /dry run/ })).toHaveCount(0);
  await expect(wizard().getByRole('button', { name: 'Create', exact: true })).toHaveCount(0);
  await screenshot(page, '3-review-offline');
  await expectAccessible(page, 'review-offline');
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshots/offline-en.png' });
  const exported = await download(wizard().getByRole('button', { name: 'Export file' }));
  expect(exported.name).toBe('offline-agent.yaml');
  const manifest = parse(exported.text) as {
    metadata: { name: string };
    spec: { template: { spec: { containers: { image: string }[] } } };
  };
  expect(manifest.metadata.name).toBe('offline-agent');
  expect(manifest.spec.template.spec.containers[0]?.image).toBe('busybox:1.36');

  // Save: the manifest becomes a file of edit mode (kept as a draft), whose apply panel offers Export with the reason.
  await wizard().getByRole('button', { name: 'Save in edit mode' }).click();
  await expect(wizard()).toBeHidden();
  await expect(fileButton('offline-agent.yaml')).toHaveAttribute('aria-current', 'true');
  await expect(code()).toContainText('name: offline-agent');
  const apply = editor().getByRole('region', { name: 'Apply to the cluster' });
  await expect(apply).toContainText(
    'Apply needs a connected cluster. There is no kubeconfig context, and the built-in sandbox is off.',
  );
  await expect(apply.getByRole('button', { name: 'Check and show diff' })).toHaveCount(0);
  const fromApply = await download(apply.getByRole('button', { name: 'Export to apply later' }));
  expect(fromApply.name).toBe('offline-agent.yaml');
  expect(parse(fromApply.text)).toEqual(manifest);
  await screenshot(page, '4-editor-offline');
});

test('a new Create makes a new file: the file the form came from is never overwritten; closing and switching keep every file', async () => {
  // The imported file to the form; the form saved back into it (the user chose it), which ends that form.
  await fileButton('fluent-bit-ds.yaml').click();
  const original = await code().innerText();
  await editor().getByTestId('to-form').click();
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('fluent-bit');
  await wizard().getByLabel('Alias').fill('Log shipper');
  await step('Review');
  await wizard().getByRole('button', { name: 'Save in edit mode' }).click();
  await expect(fileButton('fluent-bit-ds.yaml')).toHaveAttribute('aria-current', 'true');
  await expect(code()).toContainText('kubesphere.io/alias-name: Log shipper');
  await expect(code()).toContainText('# fluent-bit: ships every node');
  const saved = await code().innerText();
  expect(saved).not.toBe(original);

  // Create again, type a name, Edit YAML: a new file; the imported one is as it was saved.
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('');
  await wizard().getByLabel('Name', { exact: true }).fill('second-agent');
  await wizard().getByTestId('edit-yaml').click();
  await expect(fileButton('second-agent.yaml')).toHaveAttribute('aria-current', 'true');
  await expect(code()).toContainText('name: second-agent');
  await fileButton('fluent-bit-ds.yaml').click();
  await expect(code()).toContainText('name: fluent-bit');
  await expect(editor().getByRole('textbox', { name: 'Code of fluent-bit-ds.yaml' })).toBeVisible();
  expect(await code().innerText()).toBe(saved);

  // The second file's form, closed and opened again, still writes into the second file only.
  await fileButton('second-agent.yaml').click();
  await editor().getByTestId('to-form').click();
  await wizard().getByLabel('Alias').fill('Second');
  await wizard().getByRole('button', { name: 'Close (keep draft)' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard().getByLabel('Alias')).toHaveValue('Second');
  await wizard().getByTestId('edit-yaml').click();
  await expect(fileButton('second-agent.yaml')).toHaveAttribute('aria-current', 'true');
  await expect(code()).toContainText('kubesphere.io/alias-name: Second');

  // Every file is still there after closing edit mode and switching between them.
  const names = ['fluent-bit-ds.yaml', 'fluent-bit-config.yaml', 'node-exporter.yaml', 'offline-agent.yaml'];
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  await page.getByTestId('open-editor').click();
  for (const name of [...names, 'second-agent.yaml']) {
    await fileButton(name).click();
    await expect(fileButton(name)).toHaveAttribute('aria-current', 'true');
  }
  await fileButton('fluent-bit-ds.yaml').click();
  expect(await code().innerText()).toBe(saved);
});

test('in Chinese: the preview, the review and the apply panel say why they need a cluster', async () => {
  await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: '创建', exact: true }).click();
  const zhWizard = page.getByRole('dialog', { name: '创建守护进程集' });
  // The draft left open is second-agent's: a new one.
  await zhWizard.getByRole('button', { name: '放弃草稿' }).click();
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await zhWizard.getByLabel('名称', { exact: true }).fill('zh-agent');
  await step('容器组模板');
  const container = zhWizard.getByRole('group', { name: /^容器 1/ });
  await container.getByLabel('容器名称').fill('agent');
  await container.getByLabel('镜像').fill('busybox:1.36');
  await step('节点选择器');
  await expect(zhWizard.getByTestId('coverage-offline')).toContainText('需要连接集群');
  await screenshot(page, '5-nodes-offline-zh');
  await step('预览');
  await expect(zhWizard.getByTestId('review-offline')).toContainText('没有集群');
  await expect(zhWizard.getByRole('button', { name: '保存到编辑模式' })).toBeVisible();
  await expect(zhWizard.getByRole('button', { name: '导出文件' })).toBeVisible();
  await screenshot(page, '6-review-offline-zh');
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshots/offline-zh.png' });
  await zhWizard.getByRole('button', { name: '保存到编辑模式' }).click();
  const zhEditor = page.getByRole('dialog', { name: '编辑模式' });
  await expect(zhEditor.getByRole('region', { name: '应用到集群' })).toContainText('应用需要连接集群');
  await screenshot(page, '7-editor-offline-zh');
  await expectAccessible(page, 'editor-offline-zh');
});
