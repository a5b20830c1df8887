import { expect, type Browser, type Page } from '@playwright/test';
import { kubectl, startSandbox, startWebHost, type Cleanup, type Sandbox } from './processes.js';
import { chooseProject, openApp } from './ui.js';

/** A sandbox holding `manifest` (a DaemonSet in "default"), the app on it, and the page open on that DaemonSet. */
export async function openOnDetailPage(
  browser: Browser,
  cleanup: Cleanup,
  options: { sandboxName: string; name: string; manifest: string },
): Promise<{ sandbox: Sandbox; page: Page }> {
  const sandbox = cleanup.add(await startSandbox(options.sandboxName, 5));
  const host = cleanup.add(await startWebHost([sandbox.kubeconfig]));
  const context = cleanup.add(await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' }));
  const page = await context.newPage();
  await kubectl(sandbox.kubeconfig, ['apply', '-f', '-'], options.manifest);
  await openApp(page, host.url);
  await chooseProject(page, 'default');
  await page.getByRole('link', { name: options.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: options.name })).toBeVisible();
  return { sandbox, page };
}

/** Someone else's change made with kubectl while the user edits: an annotation on the pod template. */
export async function annotateTemplateMeanwhile(sandbox: Sandbox, name: string): Promise<void> {
  const patch = '{"spec":{"template":{"metadata":{"annotations":{"team":"ops"}}}}}';
  await kubectl(sandbox.kubeconfig, ['patch', 'ds', name, '-n', 'default', '--type', 'merge', '-p', patch]);
}
