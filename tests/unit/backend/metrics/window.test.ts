import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageWindow } from '../../../../electron/backend/metrics/window.js';
import { ContextSampler, Samplers } from '../../../../electron/backend/metrics/sampler.js';
import type { ContextSession } from '../../../../electron/backend/session/session.js';

const u = (cpu: number) => ({ cpu, memory: cpu * 2 });

describe('UsageWindow', () => {
  it('keeps each reading once and only the span after the newest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 200 }), (times) => {
        const w = new UsageWindow(30);
        for (const t of times) w.add('a', t, u(t));
        w.prune();
        const kept = w.points('a').map((p) => p.t);
        // Strictly increasing: a time read twice (two views, two polls in one API window) counts once.
        expect(kept).toEqual([...new Set(kept)].sort((x, y) => x - y));
        const newest = Math.max(...times);
        expect(kept.every((t) => t >= newest - 30)).toBe(true);
        expect(w.coverage(['a']).coveredMs).toBeLessThanOrEqual(30);
      }),
    );
  });

  it('says how many sample times and how long the series cover', () => {
    const w = new UsageWindow(1000);
    w.add('a', 100, u(1));
    w.add('b', 100, u(2));
    w.add('a', 400, u(3));
    expect(w.coverage(['a', 'b'])).toEqual({ samples: 2, coveredMs: 300 });
    expect(w.latest('a')).toEqual({ t: 400, ...u(3) });
  });
});

describe('Samplers', () => {
  it('polls while a view is joined, and drops the window and the polling when the last one leaves', async () => {
    let polls = 0;
    const samplers = new Samplers(() => ({ intervalMs: 5, spanMs: 1000 }));
    const target = {
      poll: (w: UsageWindow) => {
        w.add('a', ++polls, u(1));
        return Promise.resolve();
      },
      sampled: () => {},
    };
    const session = {} as ContextSession;
    const first = samplers.join(session, target);
    const second = samplers.join(session, { ...target });
    expect(second.window).toBe(first.window);
    // Round after round (two joins, then the timer's rounds), however slow the machine.
    while (polls < 4) await new Promise((r) => setTimeout(r, 5));
    first.leave();
    expect(samplers.size).toBe(1);
    second.leave();
    expect(samplers.size).toBe(0);
    const stopped = polls;
    await new Promise((r) => setTimeout(r, 30));
    expect(polls).toBeLessThanOrEqual(stopped + 1);
    const next = samplers.join(session, target);
    expect(next.window).not.toBe(first.window);
    next.leave();
  });

  it('reports a failed poll to its target and goes on', async () => {
    const errors: unknown[] = [];
    const sampler = new ContextSampler({ intervalMs: 5, spanMs: 100 }, () => {});
    const target = { poll: () => Promise.reject(new Error('unreachable')), sampled: (e: unknown) => errors.push(e) };
    sampler.join(target);
    while (errors.length < 2) await new Promise((r) => setTimeout(r, 5));
    sampler.leave(target);
    expect(errors[0]).toBeInstanceOf(Error);
  });
});
