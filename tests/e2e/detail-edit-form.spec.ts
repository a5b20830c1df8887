// Edit via the wizard's form on a sandbox cluster: the detail page's Edit opens the wizard in update mode on the live
// DaemonSet (name and project read-only, the selector shown as immutable), the review step shows the diff, Apply
// updates conditionally on the version read (kubectl then shows the change, and fields the form does not know are
// kept). A kubectl change made meanwhile gives the YAML edit's conflict view inside the wizard; re-applying my change
// onto the server's version keeps both. The list's row action opens the same edit, and Create still creates.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { annotateTemplateMeanwhile, openOnDetailPage } from './support/detail-page.js';
import { Cleanup, kubectl, type Sandbox } from './support/processes.js';
import { expectAccessible, row, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
const NAME = 'formedit';

const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${NAME}, namespace: default, annotations: { example.com/owner: ops } }
spec:
  selector: { matchLabels: { app: ${NAME} } }
  revisionHistoryLimit: 4
  updateStrategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1 } }
  template:
    metadata: { labels: { app: ${NAME} } }
    spec:
      terminationGracePeriodSeconds: 7
      tolerations: [{ operator: Exists }]
      containers:
        - name: main
          image: busybox:1.36
`;

const k = (args: string[]): Promise<string> => kubectl(sandbox.kubeconfig, args);
const jsonpath = (path: string): Promise<string> => k(['get', 'ds', NAME, '-n', 'default', '-o', `jsonpath={${path}}`]);
const dialog = (): Locator => page.getByRole('dialog', { name: 'Edit DaemonSet' });
const step = (name: string): Promise<void> =>
  dialog()
    .getByRole('button', { name: new RegExp(`^\\d ${name}`) })
    .click();

async function openEdit(): Promise<void> {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(dialog()).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  ({ sandbox, page } = await openOnDetailPage(browser, cleanup, {
    sandboxName: 'detail-edit-form',
    name: NAME,
    manifest,
  }));
});

test.afterAll(async () => {
  await cleanup.run();
});

test('Edit (form): change the node selector and maxUnavailable, see the diff, apply; kubectl shows both', async () => {
  await openEdit();
  // Name and project identify the live object: read-only.
  await expect(dialog().getByLabel('Name', { exact: true })).toHaveValue(NAME);
  await expect(dialog().getByLabel('Name', { exact: true })).toHaveAttribute('readonly', '');
  await expect(dialog().getByLabel('Project')).toHaveAttribute('readonly', '');
  await expect(dialog().getByRole('button', { name: 'Edit YAML' })).toHaveCount(0);
  await expectAccessible(page, 'edit dialog');
  await dialog().getByLabel('Max unavailable').fill('2');

  await step('Labels');
  await expect(dialog().getByTestId('immutable-selector')).toContainText(`app=${NAME}`);
  await step('Node Selector');
  await dialog().getByLabel('Nodes with these labels').check();
  await dialog().getByRole('button', { name: 'Add label' }).click();
  await dialog().getByLabel('Node label key').first().fill('kubernetes.io/os');
  await dialog().getByLabel('Node label value').first().fill('linux');

  await step('Review');
  const diff = dialog().getByTestId('edit-diff');
  await expect(diff).toContainText('spec.updateStrategy.rollingUpdate.maxUnavailable');
  await expect(diff).toContainText('spec.template.spec.nodeSelector{"kubernetes.io/os":"linux"}');
  await expect(diff.locator('li')).toHaveCount(2);
  // Nothing was sent before Apply.
  expect(await jsonpath('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('1');
  await screenshot(page, '1-diff');
  await expectAccessible(page, 'edit diff');

  await dialog().getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog()).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Changes applied.' })).toBeVisible();
  expect(await jsonpath('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('2');
  expect(await jsonpath('.spec.template.spec.nodeSelector')).toBe('{"kubernetes.io/os":"linux"}');
  // What the form does not know went back as it was.
  expect(await jsonpath('.spec.revisionHistoryLimit')).toBe('4');
  expect(await jsonpath('.spec.template.spec.terminationGracePeriodSeconds')).toBe('7');
  expect(await jsonpath('.metadata.annotations.example\\.com/owner')).toBe('ops');
  expect(await jsonpath('.spec.selector.matchLabels.app')).toBe(NAME);
});

test('a kubectl change meanwhile gives the conflict view in the wizard; re-applying my change keeps both', async () => {
  await openEdit();
  await expect(dialog().getByLabel('Max unavailable')).toHaveValue('2');
  await dialog().getByLabel('Max unavailable').fill('3');
  await step('Review');
  await expect(dialog().getByTestId('edit-diff').locator('li')).toHaveCount(1);

  // Meanwhile, someone else annotates the pod template.
  await annotateTemplateMeanwhile(sandbox, NAME);

  await dialog().getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog().getByTestId('edit-conflict')).toContainText('Someone else changed this DaemonSet');
  await expect(dialog().getByTestId('server-version')).toContainText('team: ops');
  await expect(dialog().getByTestId('server-version')).toContainText('maxUnavailable: 2');
  // My change is kept, shown as YAML beside theirs; nothing was overwritten.
  const mine = dialog().getByRole('textbox', { name: 'YAML of the DaemonSet' });
  // The editor renders the lines in view: updateStrategy is at the end of the object.
  await mine.click();
  await page.keyboard.press('Control+End');
  await expect(mine).toContainText('maxUnavailable: 3');
  expect(await jsonpath('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('2');
  await screenshot(page, '2-conflict');
  await expectAccessible(page, 'conflict view in the wizard');

  await dialog().getByRole('button', { name: 'Re-apply my changes' }).click();
  const diff = dialog().getByTestId('edit-diff');
  await expect(diff).toContainText('maxUnavailable');
  await expect(diff).not.toContainText('team');
  await expect(diff.locator('li')).toHaveCount(1);
  await dialog().getByRole('button', { name: 'Apply onto the current version' }).click();
  await expect(dialog()).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Changes applied.' })).toBeVisible();

  expect(await jsonpath('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('3');
  expect(await jsonpath('.spec.template.metadata.annotations.team')).toBe('ops');
  expect(await jsonpath('.spec.template.spec.nodeSelector')).toBe('{"kubernetes.io/os":"linux"}');
  await screenshot(page, '3-applied');
});

test('the list row action opens the same edit; closing keeps it, and Create still opens a new DaemonSet', async () => {
  await page.getByRole('link', { name: '← DaemonSets' }).click();
  await row(page, NAME)
    .getByRole('button', { name: `Edit ${NAME}` })
    .click();
  await expect(dialog().getByLabel('Name', { exact: true })).toHaveValue(NAME);
  await dialog().getByLabel('Max unavailable').fill('4');
  await dialog().getByRole('button', { name: 'Close (keep my changes)' }).click();
  await expect(dialog()).toHaveCount(0);

  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const create = page.getByRole('dialog', { name: 'Create DaemonSet' });
  await expect(create.getByLabel('Name', { exact: true })).toHaveValue('');
  await expect(create.getByLabel('Name', { exact: true })).not.toHaveAttribute('readonly', '');
  await create.getByRole('button', { name: 'Close (keep draft)' }).click();

  // The edit set aside comes back as it was left, then is discarded: nothing was sent.
  await row(page, NAME)
    .getByRole('button', { name: `Edit ${NAME}` })
    .click();
  await expect(dialog().getByLabel('Max unavailable')).toHaveValue('4');
  await dialog().getByRole('button', { name: 'Discard my changes' }).click();
  await expect(dialog()).toHaveCount(0);
  expect(await jsonpath('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('3');
});

test('in Chinese: the edit dialog is titled 编辑守护进程集 and its review shows the diff (screenshot)', async () => {
  await page.getByLabel('Language').selectOption('zh-CN');
  // The row's buttons are named with the DaemonSet's name ("编辑 <name>").
  await page.getByRole('button', { name: `编辑 ${NAME}`, exact: true }).click();
  const zh = page.getByRole('dialog', { name: '编辑守护进程集' });
  await expect(zh.getByLabel('名称', { exact: true })).toHaveValue(NAME);
  await expect(zh).toContainText('创建后不可修改。');
  await zh.getByLabel('最大不可用数').fill('2');
  await zh.getByRole('button', { name: /^\d 预览/ }).click();
  await expect(zh.getByTestId('edit-diff')).toContainText('spec.updateStrategy.rollingUpdate.maxUnavailable');
  await expect(zh.getByRole('button', { name: '应用', exact: true })).toBeEnabled();
  await screenshot(page, '4-review-zh');
  await expectAccessible(page, 'edit dialog in Chinese');
  await zh.getByRole('button', { name: '放弃我的修改' }).click();
  await expect(zh).toHaveCount(0);
  await page.getByLabel('语言').selectOption('en');
  expect(await jsonpath('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('3');
});
