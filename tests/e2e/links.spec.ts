// Links between objects and Helm awareness (issue 18) in the browser against a sandbox: the detail page's References
// flag a ConfigMap that does not exist where it is referenced, a ConfigMap's read-only side panel shows its YAML, a
// Secret's values stay hidden until "Show values" (and are gone once the panel closes), node names open the node view,
// and a Helm-labelled DaemonSet shows its release (badge, chart, revision from the release Secret) and warns on edit.
import { gzipSync } from 'node:zlib';
import { test, expect, type Page } from '@playwright/test';
import { stringify } from 'yaml';
import { openOnDetailPage } from './support/detail-page.js';
import { Cleanup } from './support/processes.js';
import { expectAccessible, screenshot, showTab } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let page: Page;
const NAME = 'linked-agent';
const TOKEN = 'e2e-token-value-0123';

/** A release record as Helm 3 stores it: JSON, gzipped, Helm's base64 (Kubernetes adds its own on `data`). */
function releaseSecret(version: number, status: string): Record<string, unknown> {
  const release = {
    name: 'agents',
    namespace: 'default',
    version,
    info: { status, last_deployed: '2026-12-01T09:30:00Z' },
    chart: { metadata: { name: 'node-agent', version: `1.${version}.0`, appVersion: '2.4.1' } },
    config: { password: 'never-shown' },
  };
  const helm = gzipSync(JSON.stringify(release)).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.agents.v${version}`,
      namespace: 'default',
      labels: { owner: 'helm', name: 'agents', status, version: String(version) },
    },
    data: { release: Buffer.from(helm).toString('base64') },
  };
}

const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: NAME,
    namespace: 'default',
    labels: { 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'node-agent-1.2.0' },
    annotations: { 'meta.helm.sh/release-name': 'agents', 'meta.helm.sh/release-namespace': 'default' },
  },
  spec: {
    selector: { matchLabels: { app: NAME } },
    template: {
      metadata: { labels: { app: NAME } },
      spec: {
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: 'main',
            image: 'busybox:1.36',
            env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'agent-token', key: 'token' } } }],
            envFrom: [{ configMapRef: { name: 'agent-config' } }],
          },
        ],
        volumes: [
          { name: 'config', configMap: { name: 'app-config' } },
          { name: 'extra', configMap: { name: 'extra-config', optional: true } },
        ],
      },
    },
  },
};

const objects = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'agent-config', namespace: 'default' },
    data: { level: 'debug' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'agent-token', namespace: 'default' },
    stringData: { token: TOKEN },
  },
  releaseSecret(1, 'superseded'),
  releaseSecret(2, 'deployed'),
  daemonSet,
];

test.beforeAll(async ({ browser }) => {
  ({ page } = await openOnDetailPage(browser, cleanup, {
    sandboxName: 'links',
    name: NAME,
    manifest: objects.map((o) => stringify(o)).join('---\n'),
  }));
});

test.afterAll(async () => {
  await cleanup.run();
});

const references = () => page.getByRole('region', { name: 'References' });

test('flags a missing ConfigMap where it is referenced, and an optional one as optional', async () => {
  await expect(references().getByText('ConfigMap app-config not found')).toBeVisible();
  await expect(references().getByRole('img', { name: 'Warning' }).first()).toBeVisible();
  await expect(references().getByText('ConfigMap extra-config: optional, not present')).toBeVisible();
  await expect(references().getByText('volume config')).toBeVisible();
  await expect(references().getByRole('button', { name: 'ConfigMap agent-config' })).toBeVisible();
  await expectAccessible(page, 'references', '[data-testid="references"]');
  await screenshot(page, 'references');
});

test('opens a ConfigMap in a read-only side panel with its YAML', async () => {
  await references().getByRole('button', { name: 'ConfigMap agent-config' }).click();
  const panel = page.getByRole('dialog', { name: 'ConfigMap agent-config' });
  const yaml = panel.getByRole('textbox', { name: 'YAML of ConfigMap agent-config' });
  await expect(yaml).toContainText('level: debug');
  await expect(yaml).toHaveAttribute('aria-readonly', 'true');
  await expect(yaml).not.toContainText('managedFields');
  await expectAccessible(page, 'configmap panel', '.ref-panel');
  await screenshot(page, 'configmap-panel');
  await panel.getByRole('button', { name: 'Close ConfigMap agent-config' }).click();
  await expect(panel).toBeHidden();
});

test('hides a Secret’s values until "Show values", and forgets them when the panel closes', async () => {
  await references().getByRole('button', { name: 'Secret agent-token' }).click();
  const panel = page.getByRole('dialog', { name: 'Secret agent-token' });
  const yaml = panel.getByRole('textbox', { name: 'YAML of Secret agent-token' });
  await expect(yaml).toContainText(`token: •••• ${TOKEN.length} bytes`);
  await expect(panel).not.toContainText(TOKEN);
  await panel.getByRole('button', { name: 'Show values' }).click();
  await expect(yaml).toContainText(`token: ${TOKEN}`);
  await screenshot(page, 'secret-shown');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await references().getByRole('button', { name: 'Secret agent-token' }).click();
  await expect(yaml).toContainText('••••');
  await expect(panel).not.toContainText(TOKEN);
  await panel.getByRole('button', { name: 'Close Secret agent-token' }).click();
});

test('a node name in the pods table opens that node’s view', async () => {
  await showTab(page, 'Pods');
  const pods = page.locator('tr[data-pod]');
  await expect(pods.first()).toBeVisible({ timeout: 30_000 });
  const link = pods.first().getByRole('link').first();
  const node = (await link.textContent())?.trim() ?? '';
  expect(node).not.toBe('');
  await expect(link).toHaveAttribute('href', `#/nodes/links-admin/${node}`);
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: `Node ${node}` })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
});

test('shows the Helm release with chart and revision, and warns on both edits that helm upgrade reverts them', async () => {
  const helm = page.getByTestId('helm-release');
  await expect(helm.getByText('Helm release agents')).toBeVisible();
  await expect(helm.getByText('Chart node-agent-1.2.0')).toBeVisible();
  await expect(helm.getByText('Revision 2 · deployed · node-agent 1.2.0')).toBeVisible();
  await expect(helm).not.toContainText('never-shown');
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  await expect(page.getByRole('tab', { name: 'YAML', exact: true })).toHaveAttribute('aria-selected', 'true');
  const warning = page.getByTestId('helm-edit-warning');
  await expect(warning).toContainText('Managed by Helm release agents: the next helm upgrade');
  await screenshot(page, 'helm-edit-yaml');
  await page.getByRole('button', { name: 'Discard my edit' }).click();
  await expect(warning).toBeHidden();
  await page.getByTestId('edit-form').click();
  const wizard = page.getByRole('dialog');
  await expect(wizard.getByTestId('helm-edit-warning')).toContainText('helm upgrade');
  await wizard.getByRole('button', { name: 'Close (keep my changes)' }).click();
});

test('looks right in Chinese and in dark (screenshots)', async () => {
  await showTab(page, 'Overview');
  await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'en-dark');
  await references().getByRole('button', { name: 'ConfigMap agent-config' }).click();
  await expectAccessible(page, 'configmap panel dark', '.ref-panel', ['color-contrast']);
  await screenshot(page, 'configmap-panel-dark');
  await page.keyboard.press('Escape');
  await page.getByLabel('Language').selectOption({ label: '中文' });
  await expect(page.getByRole('region', { name: '引用' }).getByText('未找到 ConfigMap app-config')).toBeVisible();
  await expect(page.getByTestId('helm-release').getByText('Helm 发布 agents')).toBeVisible();
  await screenshot(page, 'zh-dark');
  await page.getByLabel('主题', { exact: true }).selectOption({ label: '浅色' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await screenshot(page, 'zh-light');
});
