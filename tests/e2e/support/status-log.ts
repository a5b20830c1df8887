/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Records, inside the page, every status a DaemonSet's row shows: a rollout at sandbox speed may pass through
// Updating faster than a test can poll, but a MutationObserver sees every render.
import type { Page } from '@playwright/test';

type Phase = 'Updating' | 'Running' | 'Stopped';

export async function recordStatuses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: Record<string, string[]> = {};
    Object.defineProperty(window, '__statusLog', { value: log });
    const scan = (): void => {
      for (const box of document.querySelectorAll('[role="row"] input[type="checkbox"][aria-label^="Select "]')) {
        const name = (box.getAttribute('aria-label') ?? '').slice('Select '.length);
        const text = box.closest('[role="row"]')?.textContent ?? '';
        const phase = /(Updating|Running|Stopped)/.exec(text)?.[1];
        if (!phase) continue;
        const seen = (log[name] ??= []);
        if (seen[seen.length - 1] !== phase) seen.push(phase);
      }
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** The distinct statuses the row of `name` went through, in order. */
export async function statusHistory(page: Page, name: string): Promise<Phase[]> {
  return page.evaluate(
    (n) => ((window as unknown as { __statusLog: Record<string, Phase[]> }).__statusLog[n] ?? []).slice(),
    name,
  );
}
