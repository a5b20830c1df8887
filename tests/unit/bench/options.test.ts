import { describe, expect, it } from 'vitest';
import { parseOnly, parseSoakMinutes } from '../../bench/options';
import { memoryTrace } from '../../bench/stats';

describe('bench options', () => {
  it('--only takes known scenario names and refuses unknown ones', () => {
    expect(parseOnly(undefined)).toBeUndefined();
    expect([...(parseOnly('ui, startup') ?? [])]).toEqual(['ui', 'startup']);
    expect(() => parseOnly('ui,bogus')).toThrow(/unknown scenario bogus/);
  });

  it('--soak-minutes takes a positive number of minutes up to two hours', () => {
    expect(parseSoakMinutes(undefined)).toBeUndefined();
    expect(parseSoakMinutes('3')).toBe(3);
    expect(parseSoakMinutes('0.5')).toBe(0.5);
    for (const bad of ['0', '-1', 'ten', '', '121']) expect(() => parseSoakMinutes(bad)).toThrow(/--soak-minutes/);
  });
});

describe('the soak memory trace', () => {
  const sample = (rss: number, heapTotal: number) => ({ rss, heapTotal, heapUsed: 20, external: 10, arrayBuffers: 1 });

  it('gives the first, middle and last sample of each field', () => {
    const trace = memoryTrace([sample(100, 30), sample(150, 90), sample(200, 150), sample(210, 150), sample(220, 160)]);
    expect(trace).toContain('5 samples');
    expect(trace).toContain('rss 100.0 → 200.0 → 220.0');
    expect(trace).toContain('heap total 30.0 → 150.0 → 160.0');
  });

  it('names a lone sample once and says nothing without samples', () => {
    expect(memoryTrace([sample(100, 30)])).toContain('rss 100.0,');
    expect(memoryTrace([])).toBe('');
  });
});
