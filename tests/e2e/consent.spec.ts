// Consent before a kubeconfig runs a program: a user whose exec plugin is a script that leaves a marker file (then
// prints the sandbox operator's ExecCredential). The marker proves when the script ran: never before "Allow", at once
// after it; remembered across a restart of the host; asked again after "Revoke"; never after "Don't run".
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { parse as parseYaml, stringify } from 'yaml';
import { Cleanup, startSandbox, startWebHost, tempDir, type Sandbox, type WebHost } from './support/processes.js';
import { chooseProject, expectAccessible, openApp, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

interface ExecStanza {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion: string;
}
interface KubeconfigDoc {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: { exec?: ExecStanza } }[];
}

const cleanup = new Cleanup();
const CONTEXT = 'marked-operator';
const home = tempDir('consent-home');
const dir = tempDir('consent-kc');
const marker = path.join(dir, 'plugin-ran');
const kubeconfig = path.join(dir, 'marked.yaml');
const script = path.join(dir, 'marking-plugin.sh');
let sandbox: Sandbox;
let host: WebHost;
let page: Page;

async function open(browser: Browser): Promise<void> {
  host = cleanup.add(await startWebHost([sandbox.kubeconfig, kubeconfig], [], home));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1300, height: 850 }, locale: 'en-US' }));
  page = await context.newPage();
}

const consentDialog = () => page.getByRole('dialog', { name: 'Run a credential program?' });

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('consent', 10));
  const doc = parseYaml(fs.readFileSync(sandbox.kubeconfig, 'utf8')) as KubeconfigDoc;
  const exec = doc.users.find((u) => u.name === 'consent-operator')?.user.exec;
  if (!exec) throw new Error('the sandbox kubeconfig has no operator exec plugin');
  // Wraps the sandbox's own plugin: leave the marker, then hand over to it with its arguments.
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    script,
    `#!/bin/sh\ntouch ${quote(marker)}\nexec ${[exec.command, ...(exec.args ?? [])].map(quote).join(' ')}\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: doc.clusters,
      users: [{ name: 'marked', user: { exec: { ...exec, command: script, args: ['--from-e2e'] } } }],
      contexts: [{ name: CONTEXT, context: { cluster: doc.clusters[0]?.name, user: 'marked' } }],
    }),
    { mode: 0o600 },
  );
  await open(browser);
  // The sandbox's admin context (its file's current-context) uses a token: no program, no question.
  await openApp(page, host.url);
  await expect(consentDialog()).toHaveCount(0);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('choosing the context shows the exact program and its file; nothing runs until "Allow and connect"', async () => {
  expect(fs.existsSync(marker)).toBe(false);
  await page.getByLabel('Cluster').selectOption(CONTEXT);
  const dialog = consentDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('consent-command')).toHaveText(script);
  await expect(dialog.getByTestId('consent-args')).toHaveText('--from-e2e');
  await expect(dialog.getByTestId('consent-file')).toHaveText(kubeconfig);
  await expect(dialog).toContainText('SANDBOX_TOKEN_FILE');
  await expect(page.getByText('Waiting for your consent', { exact: true }).first()).toBeAttached();
  await expectAccessible(page, 'consent dialog');
  await screenshot(page, '1-prompt');
  // Time for anything that would run it (a connection attempt, a retry) to have done so.
  await page.waitForTimeout(1500);
  expect(fs.existsSync(marker)).toBe(false);

  await dialog.getByRole('button', { name: 'Allow and connect' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  expect(fs.existsSync(marker)).toBe(true);
  await chooseProject(page, 'All projects');
  await expect(row(page, 'node-exporter')).toBeVisible();
  await screenshot(page, '2-allowed');
});

test('the decision is remembered: a reload and a restarted host connect without asking', async ({ browser }) => {
  await page.reload();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Cluster')).toHaveValue(CONTEXT);
  await expect(consentDialog()).toHaveCount(0);

  fs.rmSync(marker);
  await host.stop();
  await open(browser);
  await openApp(page, host.url);
  await expect(page.getByLabel('Cluster')).toHaveValue(CONTEXT);
  await expect(consentDialog()).toHaveCount(0);
  // It ran again, on the remembered consent, for the new host's session.
  expect(fs.existsSync(marker)).toBe(true);
  const stored = path.join(home, '.config', 'everynode', 'consent.json');
  expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
});

test('revoked in settings, the context asks again; "Don\'t run" runs nothing and is listed', async () => {
  await page.getByRole('button', { name: 'Credential programs' }).click();
  const settings = page.getByRole('dialog', { name: 'Credential programs' });
  const decision = settings.getByTestId('consent-decision');
  await expect(decision).toHaveCount(1);
  await expect(decision).toContainText(`${script} --from-e2e`);
  await expect(decision).toContainText('Allowed');
  await expectAccessible(page, 'consent settings');
  await screenshot(page, '3-settings');
  fs.rmSync(marker);
  await settings.getByRole('button', { name: `Revoke the decision for ${script}` }).click();
  // The active context used it: it drops its session and asks again at once, over the settings.
  const dialog = consentDialog();
  await expect(dialog).toBeVisible();
  expect(fs.existsSync(marker)).toBe(false);
  await dialog.getByRole('button', { name: "Don't run" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(decision).toHaveCount(1);
  await expect(decision).toContainText('Not run');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for your consent' })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(fs.existsSync(marker)).toBe(false);

  // Another context is unaffected, and coming back still runs nothing.
  await page.getByLabel('Cluster').selectOption('consent-admin');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByLabel('Cluster').selectOption(CONTEXT);
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for your consent' })).toBeVisible();
  expect(fs.existsSync(marker)).toBe(false);
});
