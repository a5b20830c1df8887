import fc from 'fast-check';

// One fixed seed for every suite: a failure found in CI replays exactly on a laptop. Change it to explore further.
export const FUZZ_SEED = 20261127;

/** Cases per property: the fuzz folder as a whole stays under a minute on the two-core CI machine. */
export const RUNS = { small: 60, medium: 150, large: 400 } as const;

/** Unit-test timeout for one property (vitest's default of 5 s is too short for hundreds of cases). */
export const PROPERTY_TIMEOUT_MS = 30_000;

/**
 * Runs a property with the fixed seed and prints its case count, so CI output shows how much hostile input each
 * suite tried and that none escaped. A failure throws fast-check's report (seed, path and shrunk counterexample).
 */
export async function checkProperty<T>(
  name: string,
  property: fc.IRawProperty<T>,
  numRuns: number,
  examples: T[] = [],
): Promise<void> {
  const details = await fc.check(property, { seed: FUZZ_SEED, numRuns, examples });
  const escapes = details.failed ? 1 : 0;
  console.log(`[fuzz] ${name}: ${details.numRuns} cases, ${details.numSkips} skipped, ${escapes} escapes`);
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? `${name} failed`}\nCause: ${cause}`);
  }
}

/** A marker planted in every credential field: it must never appear in an error, a problem text or a log line. */
export const SECRET = 'S3CR3T-do-not-show';

/** Arbitrary text that always contains the secret marker somewhere, to hide it among hostile bytes. */
export const secretText = (): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}${SECRET}${b}`);
