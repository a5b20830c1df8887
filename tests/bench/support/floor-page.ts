// The long-task floor: a static page in the same Chromium, in a context of its own (so its own renderer process),
// running a fixed small job (2 ms of script every 100 ms) while the scenario runs. A task of 2 ms that is seen taking
// over 50 ms was stretched by the machine (other processes on the cores), not by its own work: its longest task is
// what the machine alone does to a page at that moment.
import type { Browser, BrowserContext, Page } from '@playwright/test';

const STATIC_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><h1>DaemonSets</h1><ul>${Array.from({ length: 20 }, (_, i) => `<li>ds-${i}</li>`).join('')}</ul></body></html>`;

const START = String.raw`(() => {
  window.__floor = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__floor.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  window.__floor.timer = setInterval(() => {
    const end = performance.now() + 2;
    while (performance.now() < end);
  }, 100);
})()`;

export interface FloorPage {
  /** The tasks over 50 ms seen so far (ms), and stops the job. */
  stop(): Promise<number[]>;
}

export async function startFloorPage(browser: Browser): Promise<FloorPage> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page: Page = await context.newPage();
  await page.setContent(STATIC_HTML);
  await page.evaluate(START);
  return {
    async stop() {
      try {
        return (await page.evaluate(
          '(() => { clearInterval(window.__floor.timer); return window.__floor.longTasks; })()',
        )) as number[];
      } finally {
        await context.close();
      }
    },
  };
}
