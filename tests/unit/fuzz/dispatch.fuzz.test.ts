import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/host/dispatch.js';
import { channels, type EverynodeServices } from '../../../electron/contract/index.js';
import { OPTIONAL_TRAILING, shapedLike, VALID_ARGS } from './channel-samples.js';
import { checkProperty, PROPERTY_TIMEOUT_MS, RUNS, SECRET } from './support.js';

interface Call {
  channel: string;
  args: unknown[];
}

/** Services that only record what reached them: the property is about what the boundary lets through. */
function recordingServices(calls: Call[]): EverynodeServices {
  const services: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const spec of channels) {
    const service = (services[spec.service] ??= {});
    service[spec.method] = (...args: unknown[]) => {
      calls.push({ channel: spec.channel, args });
      return Promise.resolve('done');
    };
  }
  return services as unknown as EverynodeServices;
}

// What a compromised renderer can send: Electron's IPC carries structured clones (BigInt, Map, Date, typed arrays,
// cycles), the browser host carries JSON.
const hostile = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  stringUnit: 'binary',
});
const planted = fc.oneof(
  hostile,
  fc.string().map((s) => `${s}${SECRET}`),
);

/** A well-formed argument list with one thing wrong (or nothing wrong, sometimes). */
function mutated(sample: unknown[]): fc.Arbitrary<unknown> {
  const position = fc.nat({ max: Math.max(0, sample.length) });
  return fc.oneof(
    fc.constant(sample),
    fc.tuple(position, planted).map(([i, value]) => sample.map((arg, j) => (j === i ? value : arg))),
    fc
      .tuple(position, fc.string({ maxLength: 10 }), planted)
      .map(([i, key, value]) =>
        sample.map((arg, j) => (j === i && typeof arg === 'object' && arg !== null ? { ...arg, [key]: value } : arg)),
      ),
    fc.constant(sample.slice(0, -1)),
    planted.map((extra) => [...sample, extra]),
    hostile,
    fc.array(hostile, { maxLength: 6 }),
  );
}

const known = channels.map((spec) => spec.channel);
const call = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...known)
      .chain((channel) => fc.tuple(fc.constant<unknown>(channel), mutated(VALID_ARGS[channel] ?? []))),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.oneof(
        hostile,
        fc.string().map((s) => `everynode:${s}`),
      ),
      hostile,
    ),
  },
);

let accepted = 0;

async function checkCall(channel: unknown, args: unknown): Promise<void> {
  const calls: Call[] = [];
  // A rejection here is an escape: dispatch must answer every call with a WireResult.
  const result = await dispatch(recordingServices(calls), channel, args);
  const spec = channels.find((s) => s.channel === channel);
  if (result.ok) {
    accepted++;
    expect(spec).toBeDefined();
    expect(calls).toHaveLength(1);
    const received = calls[0]?.args ?? [];
    const sample = VALID_ARGS[spec?.channel ?? ''] ?? [];
    expect(received.length).toBeLessThanOrEqual(sample.length);
    expect(received.length).toBeGreaterThanOrEqual(sample.length - (OPTIONAL_TRAILING[spec?.channel ?? ''] ?? 0));
    expect(shapedLike(sample, received)).toBe(true);
    return;
  }
  expect(calls).toEqual([]);
  expect(result.error.code).toBe('invalid-argument');
  expect(result.error.message).not.toContain(SECRET);
  expect(result.error.message.length).toBeLessThan(2000);
  if (spec === undefined) {
    expect(result.error.message).toMatch(/^Unknown channel /);
  } else {
    // Names the channel and the argument (its position, and the path inside it), or the list as a whole.
    expect(result.error.message).toMatch(
      new RegExp(`^Invalid arguments for ${spec.channel}: (\\d+(\\.[^:]+)?|arguments): `),
    );
  }
}

describe('the bridge boundary under hostile calls', () => {
  it('has a well-formed sample for every channel, and accepts it', async () => {
    // A channel added to the contract without a sample here fails this test, so the fuzzer always covers it.
    expect(known.filter((channel) => VALID_ARGS[channel] === undefined)).toEqual([]);
    for (const channel of known) {
      const calls: Call[] = [];
      expect(await dispatch(recordingServices(calls), channel, VALID_ARGS[channel])).toEqual({
        ok: true,
        value: 'done',
      });
      expect(calls).toEqual([{ channel, args: VALID_ARGS[channel] }]);
    }
  });

  it(
    'every call is accepted with well-typed arguments or refused naming channel and argument; none throws',
    async () => {
      const cyclic: Record<string, unknown> = { apiVersion: 'apps/v1' };
      cyclic.self = cyclic;
      await checkProperty(
        'bridge dispatch: arbitrary calls',
        fc.asyncProperty(call, ([channel, args]) => checkCall(channel, args)),
        RUNS.large * 2,
        // Found by this suite: the manifest check ran JSON.stringify, which throws on a cycle or a BigInt (both
        // survive Electron's structured clone), so dispatch rejected instead of answering.
        [
          [['everynode:daemonsets.create', ['dev', 'team-a', cyclic, { dryRun: true }]]],
          [['everynode:editor.apply', ['dev', { spec: { n: 1n } }, { dryRun: false, force: false }]]],
        ],
      );
      // Both branches must be exercised: well-formed calls get through, the rest is refused.
      expect(accepted).toBeGreaterThan(RUNS.large / 4);
      expect(accepted).toBeLessThan(RUNS.large * 2 - RUNS.large / 4);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
