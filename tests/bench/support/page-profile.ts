// Opt-in evidence for a slow page: with BENCH_PROFILE_DIR set, a scenario records the page's CPU profile (CDP
// Profiler, sampled every 200 µs) over the part it measures and writes it there as a .cpuprofile, which Chromium's
// DevTools (Performance panel) opens, with the WebSocket frames the page received meanwhile (count and sizes: what
// the backend sent it). Off by default: the profiler's own cost would weigh on the figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export interface PageProfile {
  /** Stops and writes the profile; what it wrote and saw, or undefined when profiling is off. */
  stop(): Promise<string | undefined>;
}

export async function startPageProfile(page: Page, name: string): Promise<PageProfile> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return { stop: () => Promise.resolve(undefined) };
  // BENCH_PROFILE=trace: a Chromium trace instead (style, layout and paint by name, which a CPU profile lumps together
  // as "(program)"), for chrome://tracing or DevTools.
  const browser = page.context().browser();
  if (process.env.BENCH_PROFILE === 'trace' && browser) {
    const file = join(dir, `${name}-${Date.now()}.trace.json`);
    mkdirSync(dir, { recursive: true });
    await browser.startTracing(page, {
      path: file,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    return {
      async stop() {
        await browser.stopTracing();
        return file;
      },
    };
  }
  const cdp = await page.context().newCDPSession(page);
  const frames: number[] = [];
  let largest = '';
  cdp.on('Network.webSocketFrameReceived', (event) => {
    const data = event.response.payloadData;
    frames.push(data.length);
    if (data.length > largest.length) largest = data;
  });
  await cdp.send('Network.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      writeFileSync(file.replace(/\.cpuprofile$/, '.largest-frame.json'), largest);
      const total = frames.reduce((a, b) => a + b, 0);
      const sizes = [...frames].sort((a, b) => b - a);
      return `${file}; ${frames.length} WebSocket frames received, ${(total / 1024).toFixed(0)} KB, largest ${sizes
        .slice(0, 5)
        .map((b) => `${(b / 1024).toFixed(0)} KB`)
        .join(', ')}`;
    },
  };
}
