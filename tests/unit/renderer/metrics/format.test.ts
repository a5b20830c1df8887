import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuText, memoryText, windowMessage } from '../../../../renderer/metrics/format';

describe('units as kubectl top prints them', () => {
  it('rounds CPU up to whole millicores and memory down to whole mebibytes', () => {
    expect(cpuText(0)).toBe('0m');
    expect(cpuText(1)).toBe('1m');
    expect(cpuText(1_000_000)).toBe('1m');
    expect(cpuText(41_000_001)).toBe('42m');
    expect(memoryText(2 ** 20 - 1)).toBe('0Mi');
    expect(memoryText(128 * 2 ** 20)).toBe('128Mi');
    expect(memoryText(35 * 2 ** 20 + 1023 * 1024)).toBe('35Mi');
  });

  it('never shows less CPU than used, nor more memory', () => {
    fc.assert(
      fc.property(fc.nat({ max: 64e9 }), fc.nat({ max: 2 ** 40 }), (nanocores, bytes) => {
        const m = Number(cpuText(nanocores).slice(0, -1));
        expect(m * 1e6).toBeGreaterThanOrEqual(nanocores);
        expect((m - 1) * 1e6).toBeLessThan(nanocores);
        const mi = Number(memoryText(bytes).slice(0, -2));
        expect(mi * 2 ** 20).toBeLessThanOrEqual(bytes);
        expect((mi + 1) * 2 ** 20).toBeGreaterThan(bytes);
      }),
    );
  });
});

describe('windowMessage', () => {
  const w = { spanMs: 900_000, intervalMs: 15_000 };
  it('says which stretch of the window the figures cover', () => {
    expect(windowMessage({ ...w, samples: 0, coveredMs: 0 })).toEqual({
      key: 'metrics.window.none',
      values: { interval: 15, span: 15 },
    });
    expect(windowMessage({ ...w, samples: 3, coveredMs: 30_000 })).toEqual({
      key: 'metrics.window.seconds',
      values: { covered: 30, span: 15 },
    });
    expect(windowMessage({ ...w, samples: 17, coveredMs: 240_000 })).toEqual({
      key: 'metrics.window.minutes',
      values: { covered: 4, span: 15 },
    });
  });
});
