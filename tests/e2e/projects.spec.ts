// Projects for a user who may not list namespaces: the sandbox's developer (client certificate, Role in team-a/b).
import { test, expect, type Page } from '@playwright/test';
import { Cleanup, kubectl, startSandbox, startWebHost, type Sandbox } from './support/processes.js';
import { expectAccessible, openApp, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;

const projectSelect = (): ReturnType<Page['getByLabel']> => page.getByLabel('Project', { exact: true });

/** The "problem" panel (role alert) the list shows for unreachable, forbidden or failed states. */
async function expectNoErrorPage(): Promise<void> {
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/forbidden|not allowed|something went wrong/i)).toHaveCount(0);
}

test.beforeAll(async ({ browser }) => {
  sandbox = cleanup.add(await startSandbox('proj', 10));
  // A DaemonSet in team-b, so that adding the project visibly lists something the developer may see.
  await kubectl(
    sandbox.kubeconfig,
    ['apply', '-f', '-'],
    `apiVersion: v1
kind: Namespace
metadata: { name: scratch }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: team-b-agent, namespace: team-b }
spec:
  selector: { matchLabels: { app: team-b-agent } }
  template:
    metadata: { labels: { app: team-b-agent } }
    spec: { containers: [{ name: main, image: nginx:1.27.3 }] }
`,
  );
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' }));
  page = await context.newPage();
  await openApp(page, host.url);
});

test.afterAll(async () => {
  await cleanup.run();
});

test('the developer context offers its namespace team-a and no "All projects"', async () => {
  await page.getByLabel('Cluster').selectOption('proj-developer');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(projectSelect()).toHaveValue('team-a');
  const options = await projectSelect().locator('option').allTextContents();
  expect(options.map((o) => o.trim())).toEqual(['team-a', 'Add project…']);
  await expect(page.getByText('No DaemonSets in this project')).toBeVisible();
  // The header reads team-a's ResourceQuota, which the developer may see.
  await expect(page.getByRole('region', { name: 'Project summary' })).toContainText('Pod quota');
  await expectNoErrorPage();
  await screenshot(page, '1-developer-team-a');
  await expectAccessible(page, 'developer, team-a');
});

test('adding team-b works and lists its DaemonSets', async () => {
  await projectSelect().selectOption({ label: 'Add project…' });
  const dialog = page.getByRole('dialog', { name: 'Add a project' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'add project dialog');
  await dialog.getByLabel('Namespace').fill('team-b');
  await dialog.getByRole('button', { name: 'Add project' }).click();
  await expect(dialog).toBeHidden();
  await expect(projectSelect()).toHaveValue('team-b');
  await expect(row(page, 'team-b-agent')).toBeVisible();
  const options = await projectSelect().locator('option').allTextContents();
  expect(options.map((o) => o.trim())).toEqual(['team-a', 'team-b', 'Add project…']);
  await expectNoErrorPage();
  await screenshot(page, '2-team-b-added');
  await expectAccessible(page, 'developer, team-b');
});

test('adding kube-system is refused with a clear message at the field, and nothing else changes', async () => {
  await projectSelect().selectOption({ label: 'Add project…' });
  const dialog = page.getByRole('dialog', { name: 'Add a project' });
  const field = dialog.getByLabel('Namespace');
  await field.fill('kube-system');
  await dialog.getByRole('button', { name: 'Add project' }).click();
  const message = dialog.getByRole('alert');
  await expect(message).toContainText('kube-system');
  await expect(message).toContainText(/may not|not allowed|cannot/i);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(await message.innerText());
  await screenshot(page, '3-kube-system-refused');
  await expectAccessible(page, 'refusal at the field');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(projectSelect()).toHaveValue('team-b');
  const options = await projectSelect().locator('option').allTextContents();
  expect(options.map((o) => o.trim())).not.toContain('kube-system');
  await expect(row(page, 'team-b-agent')).toBeVisible();
  await expectNoErrorPage();
});

test('a namespace the developer may not see either is refused the same way, as is a name that is not one', async () => {
  await projectSelect().selectOption({ label: 'Add project…' });
  const dialog = page.getByRole('dialog', { name: 'Add a project' });
  await dialog.getByLabel('Namespace').fill('scratch');
  await dialog.getByRole('button', { name: 'Add project' }).click();
  await expect(dialog.getByRole('alert')).toContainText('scratch');
  await dialog.getByLabel('Namespace').fill('Not_A_Namespace');
  await dialog.getByRole('button', { name: 'Add project' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not_A_Namespace');
  await screenshot(page, '4-invalid-name');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectNoErrorPage();
});
