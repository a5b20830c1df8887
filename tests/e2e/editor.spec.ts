// Edit mode through the browser host: offline authoring (no kubeconfig, no sandbox) with diagnostics, completion,
// format switching, import and export; then, against a sandbox, apply with server-side apply and a conflict.
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, tempDir, type WebHost } from './support/processes.js';
import { expectAccessible, openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

const dialog = (): Locator => page.getByRole('dialog', { name: 'Edit mode' });
const problems = (): Locator => dialog().getByTestId('problems');

async function shot(name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/** Imports files through the files panel's file input, as the browser's file picker would. */
async function importFiles(files: { name: string; text: string }[]): Promise<void> {
  await dialog()
    .getByTestId('import-input')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })));
}

const TYPO_DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: typo-agent
spec:
  selector:
    matchLabels:
      app: typo-agent
  template:
    metadata:
      labels:
        app: typo-agent
    spec:
      contaners:
        - name: agent
          image: busybox:1.36
`;

// A sidecar with a misspelt field, and a first container without imagePullPolicy, where it is typed.
const TYPED_DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: typed-agent
  namespace: default
spec:
  selector:
    matchLabels:
      app: typed-agent
  template:
    metadata:
      labels:
        app: typed-agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
        - name: sidecar
          image: busybox:1.37
          imagePullPolcy: Always
`;

/** The screenshots go to docs/screenshots only on request (`UPDATE_DOC_SCREENSHOTS=1`). */
async function docScreenshot(file: string): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${file}` });
  await screenshot(page, file.replace(/\.png$/, ''));
}

const offlineHome = tempDir('editor-home');
let firstHost: WebHost;

test.describe('offline', () => {
  test.beforeAll(async ({ browser }) => {
    firstHost = cleanup.add(await startWebHost([], ['--no-sandbox'], offlineHome));
    const context = cleanup.add(
      await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', acceptDownloads: true }),
    );
    page = await context.newPage();
    await page.goto(firstHost.url);
  });

  test('a typo field shows at its line and column; completion offers containers; the app says it is offline', async () => {
    await page.getByTestId('open-editor').click();
    await expect(dialog()).toBeVisible();
    await expect(dialog().getByTestId('offline-banner')).toContainText('Offline');
    await expect(dialog()).toContainText('Schemas: kubernetes-types');
    await importFiles([{ name: 'typo-agent.yaml', text: TYPO_DAEMONSET }]);
    await expect(dialog().getByRole('button', { name: 'typo-agent.yaml', exact: true })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await expect(problems()).toContainText('14:7');
    await expect(problems()).toContainText('unknown field "spec.template.spec.contaners"');
    await expect(problems()).toContainText('Missing required field "spec.template.spec.containers"');
    await expect(dialog().locator('.cm-lintRange-error')).toHaveText(['spec', 'contaners']);
    await shot('1-typo');

    // Fix the typo with completion: type "cont" on the key and accept "containers".
    await dialog().locator('.cm-line', { hasText: 'contaners:' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('cont');
    const options = dialog().locator('.cm-tooltip-autocomplete li');
    await expect(options.filter({ hasText: /^containers/ })).toBeVisible();
    // Only a screenshot here: CodeMirror's completion list is driven from the focused editor (aria-activedescendant),
    // which axe's scrollable-region rule does not model.
    await screenshot(page, '2-completion');
    await options.filter({ hasText: /^containers/ }).click();
    await expect(dialog().getByText('No problems found.')).toBeVisible();
    await expect(dialog().getByRole('button', { name: 'DaemonSet typo-agent' })).toBeVisible();
  });

  test('value completion, a did-you-mean fix, an unclosed quote at its opening, and the diagnostics in Chinese', async () => {
    const content = dialog().locator('.cm-content');
    await importFiles([{ name: 'typed-agent.yaml', text: TYPED_DAEMONSET }]);
    await expect(problems()).toContainText(
      'unknown field "spec.template.spec.containers[1].imagePullPolcy"; did you mean "imagePullPolicy"?',
    );
    // Typing `imagePullPolicy: ` on a new line of the first container offers exactly its three values.
    await dialog().locator('.cm-line', { hasText: 'image: busybox:1.36' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('imagePullPolicy: ');
    const options = dialog().locator('.cm-tooltip-autocomplete li');
    await expect(options).toHaveText([/^Always/, /^IfNotPresent/, /^Never/]);
    await docScreenshot('editor-completion-en.png');
    await options.filter({ hasText: /^IfNotPresent/ }).click();
    await expect(content).toContainText('imagePullPolicy: IfNotPresent');
    // The misspelt key's lint tooltip offers the rename; applying it renames the key and the problem goes.
    await dialog().locator('.cm-lintRange-error', { hasText: 'imagePullPolcy' }).hover();
    await dialog().getByRole('button', { name: 'Rename to imagePullPolicy' }).click();
    await expect(content).toContainText('imagePullPolicy: Always');
    await expect(content).not.toContainText('imagePullPolcy');
    await expect(dialog().getByText('No problems found.')).toBeVisible();

    // An unclosed quote is flagged on the line where it opens (line 17), not at the end of the file.
    await importFiles([
      { name: 'unclosed.yaml', text: TYPED_DAEMONSET.replace('image: busybox:1.36', 'image: "busybox:1.36') },
    ]);
    await expect(problems()).toContainText('17:18');
    await expect(problems()).toContainText('This " quote is never closed');
    await expect(problems().locator('li')).toHaveCount(1);

    // In Chinese: the same problems in Chinese, and the schema source.
    await dialog().getByRole('button', { name: 'Close (keep drafts)' }).click();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByTestId('open-editor').click();
    const zh = page.getByRole('dialog', { name: '编辑模式' });
    await expect(zh.getByTestId('schema-source')).toHaveText(/^结构定义：内置 kubernetes-types/);
    await expect(zh.getByTestId('problems')).toContainText('这个"引号没有闭合：字符串从这里一直延续下去。');
    await zh.getByRole('button', { name: 'typed-agent.yaml', exact: true }).click();
    await zh.locator('.cm-line', { hasText: 'imagePullPolicy: Always' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('imagePullPolcy: x');
    await expect(zh.getByTestId('problems')).toContainText(
      '未知字段“spec.template.spec.containers[1].imagePullPolcy”；是否要写“imagePullPolicy”？',
    );
    await zh.locator('.cm-lintRange-error', { hasText: 'imagePullPolcy' }).hover();
    await expect(zh.getByRole('button', { name: '改为 imagePullPolicy' })).toBeVisible();
    await docScreenshot('editor-completion-zh.png');
    await page.keyboard.press('Escape');
    await zh.getByRole('button', { name: '关闭（保留草稿）' }).click();
    await page.getByLabel('语言').selectOption('en');
    await page.getByTestId('open-editor').click();
    await dialog().getByRole('button', { name: 'Close unclosed.yaml' }).click();
    await dialog().getByRole('button', { name: 'Close typed-agent.yaml' }).click();
  });

  test('switching to JSON says comments are dropped; export downloads the document; drafts survive a reload', async () => {
    await dialog().getByTestId('template-select').selectOption('node-exporter');
    await expect(dialog().locator('.cm-content')).toContainText('# Prometheus node exporter');
    await dialog().getByRole('button', { name: 'JSON', exact: true }).click();
    await expect(dialog().getByTestId('editor-notice')).toContainText('YAML comments were dropped');
    await expect(dialog().locator('.cm-content')).toContainText('"kind": "DaemonSet"');
    await shot('3-json');
    await dialog().getByLabel('Export format').selectOption('yaml');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog().getByRole('button', { name: 'Export this file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('node-exporter.yaml');
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported).toContain('kind: DaemonSet');
    expect(exported).toContain('name: node-exporter');

    await expect(dialog().getByTestId('draft-saved')).toBeVisible();
    await page.reload();
    await page.getByTestId('open-editor').click();
    await expect(dialog().getByTestId('editor-notice')).toContainText('Restored 3 draft file(s)');
    await expect(dialog().getByRole('button', { name: 'node-exporter.json', exact: true })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await expect(dialog().locator('.cm-content')).toContainText('"name": "node-exporter"');
  });

  test('a 10 MB file of 5,000 documents is checked whole: a wrong value near its end is found', async () => {
    const body = 'x'.repeat(1900);
    const docs = Array.from(
      { length: 5000 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: ${i === 4321 ? 7 : body}\n`,
    );
    const text = docs.join('---\n');
    expect(text.length).toBeGreaterThan(9_500_000);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
        type: 'longtask',
      });
    });
    // From a file on disk: a 10 MB in-memory upload would be decoded by Playwright's own script in the page.
    const file = `${tempDir('many')}/many.yaml`;
    writeFileSync(file, text);
    await dialog().getByTestId('import-input').setInputFiles(file);
    // The one wrong value (an integer in a ConfigMap's data) is found near the end of the file.
    await expect(problems()).toContainText('data.k: expected a string, got an integer', { timeout: 60_000 });
    await expect(dialog().getByRole('button', { name: 'ConfigMap cm-199', exact: true })).toBeAttached();
    await expect(dialog().getByText('and 4800 more')).toBeVisible();
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    // Reported, not asserted: a timed goal belongs to `npm run bench`, where it is a ratio measured in one run (a bound
    // here failed under load on an unchanged tree).
    console.log(`long tasks while importing and checking 10 MB: ${longTasks.map((d) => Math.round(d)).join(', ')} ms`);
    await dialog().getByRole('button', { name: 'Close many.yaml' }).click();
  });

  test('after SIGKILL of the host mid-edit, a host started again (a new port, so a new origin) brings the draft back', async ({
    browser,
  }) => {
    await dialog().getByRole('button', { name: 'New', exact: true }).click();
    await dialog().locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('typed-before-crash');
    // The autosave interval is 500 ms after the last keystroke; wait past it, then kill the host outright.
    await page.waitForTimeout(1500);
    await page.keyboard.type('-after');
    firstHost.process.kill('SIGKILL');
    const again = cleanup.add(await startWebHost([], ['--no-sandbox'], offlineHome));
    const fresh = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
    page = await fresh.newPage();
    await page.goto(again.url);
    await page.getByTestId('open-editor').click();
    await expect(dialog().locator('.cm-content')).toContainText('typed-before-crash');
    await expect(dialog().getByRole('button', { name: 'node-exporter.json', exact: true })).toBeVisible();
  });
});

const agent = (image: string): string => `# applied from the editor
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ed-agent
  namespace: default
spec:
  selector:
    matchLabels:
      app: ed-agent
  template:
    metadata:
      labels:
        app: ed-agent
    spec:
      containers:
        - name: agent
          image: ${image}
`;

let kubeconfig = '';
const kubeconfigOf = (): string => kubeconfig;

test.describe('with a cluster', () => {
  test.beforeAll(async ({ browser }) => {
    const sandbox = cleanup.add(await startSandbox('editor', 10));
    kubeconfig = sandbox.kubeconfig;
    const host = cleanup.add(await startWebHost([kubeconfig]));
    const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
    page = await context.newPage();
    await openApp(page, host.url);
  });

  test('apply shows the dry run first, creates with manager everynode, and a conflict names the other manager', async () => {
    await page.getByTestId('open-editor').click();
    await expect(dialog().getByTestId('offline-banner')).toBeHidden();
    await expect(dialog()).toContainText('Schemas: cluster');
    await importFiles([{ name: 'ed-agent.yaml', text: agent('busybox:1.36') }]);
    await expect(dialog().getByText('No problems found.')).toBeVisible();
    await dialog().getByRole('button', { name: 'Check and show diff' }).click();
    const results = dialog().getByTestId('apply-results');
    await expect(results).toContainText('DaemonSet default/ed-agent');
    await expect(results).toContainText('will be created');
    await expect(kubectl(kubeconfig, ['get', 'daemonset', 'ed-agent', '-n', 'default'])).rejects.toThrow(/not found/i);
    await dialog().getByRole('button', { name: 'Apply 1 document(s)' }).click();
    await expect(results).toContainText('applied');
    const managers = await kubectl(kubeconfig, [
      'get',
      'daemonset',
      'ed-agent',
      '-n',
      'default',
      '-o',
      'jsonpath={.metadata.managedFields[*].manager}',
      '--show-managed-fields',
    ]);
    expect(managers.split(' ')).toContain('everynode');

    // Another manager takes the image; our next apply with a different image is a conflict naming it.
    const other = `${tempDir('other')}/ds.yaml`;
    writeFileSync(other, agent('busybox:1.37'));
    await kubectl(kubeconfig, ['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', other]);
    await importFiles([{ name: 'ed-agent-v2.yaml', text: agent('busybox:1.38') }]);
    await dialog().getByRole('button', { name: 'Check and show diff' }).click();
    await expect(results).toContainText('conflict');
    await expect(results.getByRole('alert')).toContainText('field manager other');
    await expect(problems()).toContainText('18:11');
    await expect(problems()).toContainText('conflict with "other"');
    // The editor marks the field the server names as soon as the answer comes, not at the next edit.
    await expect(dialog().locator('.cm-lintRange-error')).toHaveText(['image']);
    await shot('4-conflict');
    const force = dialog().getByRole('button', { name: 'Force apply' });
    await expect(force).toBeDisabled();
    await dialog().getByLabel('I understand that forcing takes these fields from the other manager').check();
    await force.click();
    await expect(results).toContainText('applied');
    const image = await kubectl(kubeconfig, [
      'get',
      'daemonset',
      'ed-agent',
      '-n',
      'default',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image).toBe('busybox:1.38');

    // Value completion offers the images the cluster's DaemonSets use, as kubectl left them.
    await importFiles([{ name: 'next-agent.yaml', text: agent('x').replace('          image: x\n', '') }]);
    await dialog().locator('.cm-line', { hasText: '- name: agent' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('  image: ');
    const option = dialog().locator('.cm-tooltip-autocomplete li', { hasText: 'busybox:1.38' });
    await expect(option).toContainText('image in use');
    await option.click();
    await expect(dialog().locator('.cm-content')).toContainText('image: busybox:1.38');
  });
});

test.describe('form and code', () => {
  test('comments and fields the form does not show survive Form -> Edit YAML, and apply keeps them', async () => {
    const text = `# collector for the platform team
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: rt-agent # dashboards use this name
  namespace: default
spec:
  selector:
    matchLabels:
      app: rt-agent
  template:
    metadata:
      labels:
        app: rt-agent
    spec:
      terminationGracePeriodSeconds: 7
      dnsConfig:
        options:
          - name: ndots
            value: "2"
      containers:
        - name: agent
          image: busybox:1.36
`;
    await dialog().getByRole('button', { name: 'Close (keep drafts)' }).click();
    await page.getByTestId('open-editor').click();
    await importFiles([{ name: 'rt-agent.yaml', text }]);
    await dialog().getByTestId('to-form').click();
    const wizard = page.getByRole('dialog', { name: 'Create DaemonSet' });
    await expect(wizard.getByLabel('Name', { exact: true })).toHaveValue('rt-agent');
    await wizard.getByLabel('Alias').fill('Round trip');
    await screenshot(page, '5-form');
    await wizard.getByTestId('edit-yaml').click();
    const content = dialog().locator('.cm-content');
    await expect(content).toContainText('# collector for the platform team');
    await expect(content).toContainText('# dashboards use this name');
    await expect(content).toContainText('kubesphere.io/alias-name: Round trip');
    await expect(content).toContainText('terminationGracePeriodSeconds: 7');
    await expect(content).toContainText('value: "2"');
    await shot('6-back-to-yaml');
    await dialog().getByRole('button', { name: 'Check and show diff' }).click();
    await dialog().getByRole('button', { name: 'Apply 1 document(s)' }).click();
    await expect(dialog().getByTestId('apply-results')).toContainText('applied');
    const spec = JSON.parse(
      await kubectl(kubeconfigOf(), [
        'get',
        'daemonset',
        'rt-agent',
        '-n',
        'default',
        '-o',
        'jsonpath={.spec.template.spec}',
      ]),
    ) as { terminationGracePeriodSeconds: number; dnsConfig: unknown };
    expect(spec.terminationGracePeriodSeconds).toBe(7);
    expect(spec.dnsConfig).toEqual({ options: [{ name: 'ndots', value: '2' }] });
  });
});

test.afterAll(async () => {
  await cleanup.run();
});
