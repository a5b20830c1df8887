// The bench's counters: percentiles, medians, matching changes to what was seen, and the final UI-vs-server diff.
// Pure functions, unit-tested (tests/unit/bench/stats.test.ts), so a wrong figure is a bug we can catch.

/** Nearest-rank percentile (p in 0..100) of the values; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/** A change the server made: `name` now shows `value` (values only grow per name), at `time` (ms). */
export interface Change {
  name: string;
  value: number;
  time: number;
}

/** Something seen on the client: `name` showed `value` at `time`. */
export type Observation = Change;

export interface LatencyResult {
  /** One latency (ms) per change that was seen, in the order of the changes. */
  latencies: number[];
  /** Changes never reflected (neither that value nor a later one was ever seen for the name). */
  unseen: number;
}

/**
 * For each change, the time until the client first showed that value or a later one for the same name. A change that
 * a later one overtook before the client caught up counts as shown when the later value is: the user saw the newest.
 */
export function matchLatencies(changes: readonly Change[], observations: readonly Observation[]): LatencyResult {
  const seen = new Map<string, Observation[]>();
  for (const o of observations) {
    let list = seen.get(o.name);
    if (!list) seen.set(o.name, (list = []));
    list.push(o);
  }
  for (const list of seen.values()) list.sort((a, b) => a.time - b.time);
  const latencies: number[] = [];
  let unseen = 0;
  for (const change of changes) {
    const hit = seen.get(change.name)?.find((o) => o.value >= change.value && o.time >= change.time);
    if (hit) latencies.push(hit.time - change.time);
    else unseen++;
  }
  return { latencies, unseen };
}

export interface RowDiff {
  /** Rows present on both sides with different text. */
  differing: number;
  /** Rows the server has and the UI does not. */
  missing: number;
  /** Rows the UI shows that the server does not have. */
  extra: number;
  /** differing + missing + extra: the figure the goal (0) applies to. */
  total: number;
  /** A few example keys, for the report's note. */
  examples: string[];
}

/** Compares the server's rows with the UI's, both as key -> displayed text. */
export function diffRows(server: ReadonlyMap<string, string>, ui: ReadonlyMap<string, string>): RowDiff {
  let differing = 0;
  let missing = 0;
  let extra = 0;
  const examples: string[] = [];
  const note = (key: string): void => {
    if (examples.length < 5) examples.push(key);
  };
  for (const [key, text] of server) {
    const shown = ui.get(key);
    if (shown === undefined) {
      missing++;
      note(key);
    } else if (shown !== text) {
      differing++;
      note(key);
    }
  }
  for (const key of ui.keys()) {
    if (!server.has(key)) {
      extra++;
      note(key);
    }
  }
  return { differing, missing, extra, total: differing + missing + extra, examples };
}

/** What process.memoryUsage() said at one moment, in MB. */
export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * The first, middle and last of a series of memory samples, per field ("rss 131 → 220 → 308 MB, …"): enough to tell
 * which of RSS, the JS heap or the memory outside it (external, array buffers) grew, and whether it levels off.
 */
export function memoryTrace(samples: readonly MemorySample[]): string {
  if (samples.length === 0) return '';
  const picks = [samples[0], samples[Math.floor((samples.length - 1) / 2)], samples[samples.length - 1]].filter(
    (s, i, all): s is MemorySample => s !== undefined && all.indexOf(s) === i,
  );
  const fields: [keyof MemorySample, string][] = [
    ['rss', 'rss'],
    ['heapTotal', 'heap total'],
    ['heapUsed', 'heap used'],
    ['external', 'external'],
    ['arrayBuffers', 'array buffers'],
  ];
  const parts = fields.map(([key, label]) => `${label} ${picks.map((s) => s[key].toFixed(1)).join(' → ')}`);
  return `host memoryUsage over ${samples.length} samples (first → middle → last): ${parts.join(', ')} MB`;
}
