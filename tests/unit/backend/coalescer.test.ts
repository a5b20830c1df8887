// The list's batching: a lone change leaves at once, a stream of changes leaves once per window (real timers).
import { afterEach, describe, expect, it } from 'vitest';
import { Coalescer } from '../../../electron/backend/watch/coalescer.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const made: Coalescer[] = [];

function coalescer(windowMs: number): { coalescer: Coalescer; sends: number[]; started: number } {
  const sends: number[] = [];
  const started = performance.now();
  const c = new Coalescer(windowMs, () => sends.push(performance.now() - started));
  made.push(c);
  return { coalescer: c, sends, started };
}

afterEach(() => {
  for (const c of made.splice(0)) c.stop();
});

describe('Coalescer', () => {
  it('sends a lone change without waiting for the window', async () => {
    const { coalescer: c, sends } = coalescer(1000);
    c.request();
    expect(sends).toEqual([]); // not inside the caller: events of the same read still join it
    await new Promise((resolve) => setImmediate(resolve));
    expect(sends).toHaveLength(1);
    expect(sends[0]).toBeLessThan(100);
  });

  it('joins the changes of one turn of the event loop into one send', async () => {
    const { coalescer: c, sends } = coalescer(1000);
    for (let i = 0; i < 50; i++) c.request();
    await sleep(20);
    expect(sends).toHaveLength(1);
  });

  it('coalesces a burst into one send per window, then sends what came last', async () => {
    const { coalescer: c, sends, started } = coalescer(100);
    // 25 changes, one every ~10 ms (longer on a loaded machine: the bounds below follow the real duration).
    let lastAsked = 0;
    for (let i = 0; i < 25; i++) {
      lastAsked = performance.now() - started;
      c.request();
      await sleep(10);
    }
    await sleep(250);
    // The leading send, then at most one per 100 ms window: never one per change.
    expect(sends.length).toBeGreaterThanOrEqual(2);
    expect(sends.length).toBeLessThanOrEqual(Math.ceil(lastAsked / 100) + 1);
    for (let i = 1; i < sends.length; i++) expect((sends[i] ?? 0) - (sends[i - 1] ?? 0)).toBeGreaterThanOrEqual(95);
    // The last change was not left behind.
    expect(sends.at(-1)).toBeGreaterThanOrEqual(lastAsked);
  });

  it('is idle again after a quiet window: the next lone change leaves at once', async () => {
    const { coalescer: c, sends, started } = coalescer(50);
    c.request();
    await sleep(200);
    expect(sends).toHaveLength(1);
    const asked = performance.now() - started;
    c.request();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sends).toHaveLength(2);
    expect((sends[1] ?? 0) - asked).toBeLessThan(40);
  });

  it('flushNow sends at once and restarts the window; stop drops what is pending', async () => {
    const { coalescer: c, sends } = coalescer(100);
    c.request();
    await new Promise((resolve) => setImmediate(resolve));
    c.request(); // inside the window: waits
    c.flushNow();
    expect(sends).toHaveLength(2);
    c.request();
    c.stop();
    await sleep(150);
    expect(sends).toHaveLength(2);
  });
});
