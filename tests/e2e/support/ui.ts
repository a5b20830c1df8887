// Page helpers shared by the e2e specs: open the host, find rows by their accessible names, check axe, screenshot.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Opens the host's one-time URL and waits until the app has read the kubeconfig and connected. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByLabel('Cluster')).toBeEnabled();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
}

/** A DaemonSet's row, found by its selection checkbox's accessible name ("Select <name>"). */
export function row(page: Page, name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });
}

/** The names of the DaemonSets the table shows, in order. */
export async function shownNames(page: Page): Promise<string[]> {
  const labels = await page
    .getByRole('table')
    .getByRole('checkbox', { name: /^Select (?!all)/ })
    .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label') ?? ''));
  return labels.map((label) => label.replace(/^Select /, '')).sort();
}

export async function chooseProject(page: Page, project: string): Promise<void> {
  await page.getByLabel('Project', { exact: true }).selectOption({ label: project });
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue(project === 'All projects' ? /.+/ : project);
}

/**
/**
 * Fails with the rule ids and the elements they flag, so a violation is readable in the report. `include` limits the
 * check to one part of the page (an open dialog: the page behind it is checked by its own specs); `rules` to some
 * of axe's rules (a second theme changes colours only: its pages need the contrast rule, not all of axe again).
 */
export async function expectAccessible(page: Page, step: string, include?: string, rules?: string[]): Promise<void> {
  let builder = new AxeBuilder({ page });
  if (include !== undefined) builder = builder.include(include);
  if (rules !== undefined) builder = builder.withRules(rules);
  const result = await builder.analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(violations, `axe violations at "${step}"`).toEqual([]);
}

/** test-results/screens/<spec>-<step>.png: the record of what each step looked like (not committed). */
export async function screenshot(page: Page, step: string): Promise<void> {
  const spec = test
    .info()
    .file.replace(/^.*[/\\]/, '')
    .replace(/\.spec\.ts$/, '');
  await page.screenshot({ path: `test-results/screens/${spec}-${step}.png` });
}

/** Imports files through edit mode's file input (in `dialog`), as the browser's file picker would. */
export async function importEditorFiles(dialog: Locator, files: { name: string; text: string }[]): Promise<void> {
  await dialog
    .getByTestId('import-input')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })));
}

/** A detail page's tab by its name ("Pods", "日志"), with the count Pods and Events carry after it ("Pods (6)"). */
export function detailTab(page: Page, name: string): Locator {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('tablist').getByRole('tab', { name: new RegExp(`^${escaped}( ?[(（][\\d,]+[)）])?$`) });
}

/** Shows one tab of the detail page by its visible name ("Pods", "日志") and waits until it is the selected one. */
export async function showTab(page: Page, name: string): Promise<void> {
  const tab = detailTab(page, name);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}
