// The YAML edit of the detail page against a sandbox cluster: the diff before apply, a selector change refused before
// sending, and a concurrent change made with kubectl while the user edits: the PUT carries the version the user
// started from, so the server answers 409; the conflict view shows both versions and re-applies the user's own change
// on top of the server's, and kubectl then shows both changes.
import { test, expect, type Page } from '@playwright/test';
import { annotateTemplateMeanwhile, openOnDetailPage } from './support/detail-page.js';
import { Cleanup, kubectl, type Sandbox } from './support/processes.js';
import { expectAccessible, screenshot } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

const cleanup = new Cleanup();
let sandbox: Sandbox;
let page: Page;
const NAME = 'editme';

const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${NAME}, namespace: default }
spec:
  selector: { matchLabels: { app: ${NAME} } }
  template:
    metadata: { labels: { app: ${NAME} } }
    spec:
      tolerations: [{ operator: Exists }]
      containers:
        - name: main
          image: busybox:1.36
`;

const k = (args: string[]): Promise<string> => kubectl(sandbox.kubeconfig, args);
const jsonpath = (path: string): Promise<string> => k(['get', 'ds', NAME, '-n', 'default', '-o', `jsonpath={${path}}`]);

/** Replaces the end of the editor line that contains `line` (a real edit: click, keys, typing). */
async function editLineEnd(line: string, remove: number, insert: string): Promise<void> {
  await page.getByTestId('code-editor').locator('.cm-line', { hasText: line }).first().click();
  await page.keyboard.press('End');
  for (let i = 0; i < remove; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(insert);
}

test.beforeAll(async ({ browser }) => {
  ({ sandbox, page } = await openOnDetailPage(browser, cleanup, { sandboxName: 'detail-edit', name: NAME, manifest }));
});

test.afterAll(async () => {
  await cleanup.run();
});

test('Edit YAML shows the live object without server noise, and refuses a changed selector before sending', async () => {
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByRole('textbox', { name: 'YAML of the DaemonSet' });
  await expect(editor).toContainText('image: busybox:1.36');
  await expect(editor).not.toContainText('managedFields');
  await expect(editor).not.toContainText('resourceVersion');
  await expect(editor).not.toContainText('numberReady');
  await expect(page.getByText('spec.selector) is immutable')).toBeVisible();
  // The selector's matchLabels line is the first `app: editme`.
  await editLineEnd(`app: ${NAME}`, 0, 'x');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByTestId('edit-problem')).toContainText('spec.selector is immutable');
  await expect(page.getByTestId('edit-diff')).toHaveCount(0);
  await editLineEnd(`app: ${NAME}x`, 1, '');
  await expect(page.getByRole('textbox', { name: 'YAML of the DaemonSet' })).not.toContainText(`${NAME}x`);
});

test('a kubectl change made while editing gives the conflict view; re-applying my change keeps both', async () => {
  const before = await jsonpath('.metadata.resourceVersion');
  await editLineEnd('image: busybox:1.36', 2, '37');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const diff = page.getByTestId('edit-diff');
  await expect(diff).toContainText('spec.template.spec.containers.0.image');
  await expect(diff).toContainText('busybox:1.37');
  await expect(diff.locator('li')).toHaveCount(1);
  await screenshot(page, '1-diff-before-apply');

  // Meanwhile, someone else annotates the pod template.
  await annotateTemplateMeanwhile(sandbox, NAME);
  expect(await jsonpath('.metadata.resourceVersion')).not.toBe(before);

  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const conflict = page.getByTestId('edit-conflict');
  await expect(conflict).toContainText('Someone else changed this DaemonSet');
  await expect(page.getByTestId('server-version')).toContainText('team: ops');
  await expect(page.getByTestId('server-version')).toContainText('image: busybox:1.36');
  // Their annotation and image lines are marked as differing from mine, and counted.
  const marked = page.getByTestId('server-version').locator('.differs');
  await expect(marked.filter({ hasText: 'team: ops' })).toHaveCount(1);
  await expect(marked.filter({ hasText: 'image: busybox:1.36' })).toHaveCount(1);
  // The lines the server wrote itself (the new generation, the controller's template-generation annotation) differ
  // too, but are counted apart.
  await expect(page.getByTestId('server-version')).toContainText('generation: 2');
  await expect(marked.filter({ hasText: 'generation' })).toHaveCount(0);
  await expect(page.getByTestId('differs-count')).toContainText(/Not marked: \d+ differing lines the server writes/);
  const count = await marked.count();
  await expect(page.getByTestId('differs-count')).toHaveText(new RegExp(`^Marked: ${count} lines of theirs differ`));
  await expect(page.getByTestId('server-version')).toHaveAccessibleDescription(/^Marked: \d+ lines/);
  // My text is still there, untouched.
  await expect(page.getByRole('textbox', { name: 'YAML of the DaemonSet' })).toContainText('image: busybox:1.37');
  expect(await jsonpath('.spec.template.spec.containers[0].image')).toBe('busybox:1.36');
  await screenshot(page, '2-conflict');
  await expectAccessible(page, 'conflict view');

  await page.getByRole('button', { name: 'Re-apply my changes' }).click();
  // Only my change is applied onto their version: their annotation is not removed.
  await expect(diff).toContainText('busybox:1.37');
  await expect(diff).not.toContainText('team');
  await expect(diff.locator('li')).toHaveCount(1);
  await screenshot(page, '3-rebased-diff');
  await page.getByRole('button', { name: 'Apply onto the current version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changes applied.' })).toBeVisible();
  await expect(page.getByTestId('edit-conflict')).toHaveCount(0);

  expect(await jsonpath('.spec.template.spec.containers[0].image')).toBe('busybox:1.37');
  expect(await jsonpath('.spec.template.metadata.annotations.team')).toBe('ops');
  await screenshot(page, '4-applied');
  await expectAccessible(page, 'after the edit');
});

test('the YAML editor checks against the DaemonSet schema: completion offers pod fields, a misspelt field is flagged', async () => {
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByRole('textbox', { name: 'YAML of the DaemonSet' });
  await expect(editor).toContainText('dnsPolicy: ClusterFirst');
  // A new key in the pod spec, after the server's dnsPolicy default.
  await page.getByTestId('code-editor').locator('.cm-line', { hasText: 'dnsPolicy: ClusterFirst' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n      ');
  await page.keyboard.type('priorityCl');
  const option = page.locator('.cm-tooltip-autocomplete li').filter({ hasText: /^priorityClassName/ });
  await expect(option).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('hostNetwrk: true');
  await expect(page.getByTestId('code-editor').locator('.cm-lintRange-error')).toHaveText(['hostNetwrk']);
  await page.getByRole('button', { name: 'Discard my edit' }).click();
  await expect(editor).toHaveCount(0);
});
