// Issue 5's two authoring paths end to end through the browser host: an imported file filled into the wizard, edited
// as code with fields the form does not show, and created from the wizard; and offline authoring from a template
// whose exported file then applies to a sandbox with kubectl.
import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, tempDir } from './support/processes.js';
import { openApp, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;

const editor = (): Locator => page.getByRole('dialog', { name: 'Edit mode' });
const wizard = (): Locator => page.getByRole('dialog', { name: 'Create DaemonSet' });
const code = (): Locator => editor().locator('.cm-content');

/** Puts the cursor at the end of the first editor line holding `text`. */
async function endOfLine(text: string): Promise<void> {
  await editor().locator('.cm-line', { hasText: text }).first().click();
  await page.keyboard.press('End');
}

interface PodSpec {
  terminationGracePeriodSeconds?: number;
  dnsConfig?: unknown;
  dnsPolicy?: string;
  containers: { image: string }[];
}
async function podSpecOf(kubeconfig: string, name: string): Promise<PodSpec> {
  const ds = JSON.parse(await kubectl(kubeconfig, ['get', 'ds', name, '-n', 'default', '-o', 'json'])) as {
    spec: { template: { spec: PodSpec } };
  };
  return ds.spec.template.spec;
}

const IMPORTED = `# imported-agent: one per node
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: imported-agent
  namespace: default
spec:
  selector:
    matchLabels:
      app: imported-agent
  template:
    metadata:
      labels:
        app: imported-agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
`;

test.describe('import into the wizard', () => {
  let kubeconfig = '';
  test.beforeAll(async ({ browser }) => {
    const sandbox = cleanup.add(await startSandbox('import', 10));
    kubeconfig = sandbox.kubeconfig;
    const host = cleanup.add(await startWebHost([kubeconfig]));
    const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
    page = await context.newPage();
    await openApp(page, host.url);
  });

  test('an imported file fills the form; fields added as code survive Form <-> code and Create from the wizard', async () => {
    await page.getByTestId('open-editor').click();
    await editor()
      .getByTestId('import-input')
      .setInputFiles({ name: 'imported-agent.yaml', mimeType: 'application/yaml', buffer: Buffer.from(IMPORTED) });
    await expect(editor().getByText('No problems found.')).toBeVisible();
    await editor().getByTestId('to-form').click();
    await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('imported-agent');
    await wizard()
      .getByRole('button', { name: /^\d Pod Template/ })
      .click();
    await expect(
      wizard()
        .getByRole('group', { name: /^Container 1/ })
        .getByLabel('Image'),
    ).toHaveValue('busybox:1.36');

    // Edit YAML: two pod fields the form has no control for, typed before `containers:`.
    await wizard().getByTestId('edit-yaml').click();
    await editor().locator('.cm-line', { hasText: 'containers:' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.insertText(
      'terminationGracePeriodSeconds: 12\n      dnsConfig:\n        options:\n          - name: ndots\n            value: "3"\n      ',
    );
    await expect(editor().getByText('No problems found.')).toBeVisible();
    await screenshot(page, '1-added-as-code');

    // Form and back again, then Form once more to create from the wizard.
    await editor().getByTestId('to-form').click();
    await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('imported-agent');
    await wizard().getByTestId('edit-yaml').click();
    await expect(code()).toContainText('terminationGracePeriodSeconds: 12');
    await expect(code()).toContainText('value: "3"');
    await editor().getByTestId('to-form').click();
    await wizard()
      .getByRole('button', { name: /^\d Review/ })
      .click();
    await expect(wizard().getByTestId('review-yaml')).toContainText('terminationGracePeriodSeconds: 12');
    await screenshot(page, '2-review');
    await wizard().getByRole('button', { name: 'Create', exact: true }).click();
    await expect(wizard()).toBeHidden();

    const spec = await podSpecOf(kubeconfig, 'imported-agent');
    expect(spec.terminationGracePeriodSeconds).toBe(12);
    expect(spec.dnsConfig).toEqual({ options: [{ name: 'ndots', value: '3' }] });
    expect(spec.containers[0]?.image).toBe('busybox:1.36');
  });

  test('Create again after creating from an imported file: a new file, the imported one untouched', async () => {
    await page.getByTestId('open-editor').click();
    await editor().getByRole('button', { name: 'imported-agent.yaml', exact: true }).click();
    const imported = await code().innerText();
    await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(wizard().getByLabel('Name', { exact: true })).toHaveValue('');
    await wizard().getByLabel('Name', { exact: true }).fill('next-agent');
    await wizard().getByTestId('edit-yaml').click();
    await expect(editor().getByRole('button', { name: 'next-agent.yaml', exact: true })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await expect(code()).toContainText('name: next-agent');
    await editor().getByRole('button', { name: 'imported-agent.yaml', exact: true }).click();
    expect(await code().innerText()).toBe(imported);
    await editor().getByRole('button', { name: 'Close (keep drafts)' }).click();
  });

  test('a live object keeps managedFields hidden until "Show managedFields" is checked', async () => {
    const live = await kubectl(kubeconfig, [
      'get',
      'ds',
      'imported-agent',
      '-n',
      'default',
      '-o',
      'yaml',
      '--show-managed-fields',
    ]);
    expect(live).toContain('managedFields');
    await page.getByTestId('open-editor').click();
    await editor()
      .getByTestId('import-input')
      .setInputFiles({ name: 'live.yaml', mimeType: 'application/yaml', buffer: Buffer.from(live) });
    await expect(code()).toContainText('name: imported-agent');
    await expect(code()).not.toContainText('managedFields');
    const toggle = editor().getByLabel('Show managedFields');
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await expect(code()).toContainText('managedFields');
    await expect(code()).toContainText('manager: everynode');
    await screenshot(page, '3-managed-fields');
    await toggle.uncheck();
    await expect(code()).not.toContainText('managedFields');
    await expect(code()).toContainText('name: imported-agent');
  });
});

test.describe('offline authoring', () => {
  test.beforeAll(async ({ browser }) => {
    const host = cleanup.add(await startWebHost([], ['--no-sandbox'], tempDir('import-offline')));
    const context = cleanup.add(
      await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', acceptDownloads: true }),
    );
    page = await context.newPage();
    await page.goto(host.url);
  });

  test('template + completion, a bad field at its line, fixed, exported: kubectl applies the file to a sandbox', async () => {
    await page.getByTestId('open-editor').click();
    await expect(editor().getByTestId('offline-banner')).toContainText('Offline');
    await editor().getByTestId('template-select').selectOption('node-exporter');
    await expect(code()).toContainText('# Prometheus node exporter');

    // Completion: a new key under the pod spec (after `hostPID: true`, line 23), accepted from the list.
    await endOfLine('hostPID: true');
    await page.keyboard.insertText('\n      ');
    await page.keyboard.type('terminationGr');
    const option = editor()
      .locator('.cm-tooltip-autocomplete li')
      .filter({ hasText: /^terminationGracePeriodSeconds/ });
    await expect(option).toBeVisible();
    await option.click();
    await page.keyboard.type('15');
    await expect(code()).toContainText('terminationGracePeriodSeconds: 15');
    await expect(editor().getByText('No problems found.')).toBeVisible();

    // A misspelt field on line 25 is reported there; fixing the spelling clears it.
    await endOfLine('terminationGracePeriodSeconds: 15');
    await page.keyboard.insertText('\n      dnsPolicyy: ClusterFirstWithHostNet');
    const problems = editor().getByTestId('problems');
    await expect(problems).toContainText('25:7');
    await expect(problems).toContainText('unknown field "spec.template.spec.dnsPolicyy"');
    await screenshot(page, '3-bad-field');
    await editor().locator('.cm-line', { hasText: 'dnsPolicyy' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.insertText('dnsPolicy: ClusterFirstWithHostNet');
    await expect(editor().getByText('No problems found.')).toBeVisible();

    await editor().getByLabel('Export format').selectOption('yaml');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      editor().getByRole('button', { name: 'Export this file' }).click(),
    ]);
    const file = `${tempDir('exported')}/${download.suggestedFilename()}`;
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toContain('dnsPolicy: ClusterFirstWithHostNet');

    const sandbox = cleanup.add(await startSandbox('import-offline', 10));
    const applied = await kubectl(sandbox.kubeconfig, ['apply', '-f', file]);
    expect(applied).toContain('daemonset.apps/node-exporter created');
    const spec = await podSpecOf(sandbox.kubeconfig, 'node-exporter');
    expect(spec.terminationGracePeriodSeconds).toBe(15);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(spec.containers[0]?.image).toBe('quay.io/prometheus/node-exporter:v1.8.2');

    // The same document as JSON: completion offers quoted keys there too.
    await editor().getByRole('button', { name: 'JSON', exact: true }).click();
    await expect(code()).toContainText('"hostPID": true,');
    await endOfLine('"hostPID": true,');
    await page.keyboard.insertText('\n      ');
    await page.keyboard.type('"hostIP');
    const jsonOption = editor()
      .locator('.cm-tooltip-autocomplete li')
      .filter({ hasText: /^hostIPC/ });
    await expect(jsonOption).toBeVisible();
    await jsonOption.click();
    await page.keyboard.type('true,');
    await expect(code()).toContainText('"hostIPC": true,');
    await expect(editor().getByText('No problems found.')).toBeVisible();
  });
});

test.afterAll(async () => {
  await cleanup.run();
});
