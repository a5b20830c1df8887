// Debian's Chromium under Playwright, with the flags the e2e tests use, and the few page operations the bench needs.
import { chromium, type Browser, type Page } from '@playwright/test';
import { PROBE_SOURCE } from './page-probe.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page on the host's one-time URL, waiting until the app is connected; the probe installed.
 * `beforeGoto` sees the page before it loads (to listen to its WebSocket from the first frame).
 */
export async function openApp(
  browser: Browser,
  url: string,
  timeoutMs = 60_000,
  beforeGoto?: (page: Page) => void,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  beforeGoto?.(page);
  await page.goto(url);
  await page.getByText('Connected', { exact: true }).waitFor({ timeout: timeoutMs });
  await page.getByLabel('Project', { exact: true }).waitFor({ timeout: timeoutMs });
  await page.evaluate(PROBE_SOURCE);
  return page;
}

/** Calls a method of the in-page probe (window.__bench) with JSON arguments. */
export function probe<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`window.__bench[${JSON.stringify(method)}](...${JSON.stringify(args)})`) as Promise<T>;
}

/** The renderer's live JS heap in MB, after a full garbage collection. */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

/** Waits until a project choice is offered (the projects list has loaded). */
export async function waitForProject(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const options = await probe<{ label: string }[]>(page, 'projectOptions');
    if (options.some((o) => o.label === label)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`project "${label}" is not offered`);
}
