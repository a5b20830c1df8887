// The soak's figures and its verdict.
import type { FaultKind } from './protocol.js';
import type { OperationCounts, OperationKind } from './workload.js';

export interface MemoryFigures {
  heapStart: number;
  heapEnd: number;
  rssStart: number;
  rssEnd: number;
}

export interface SoakFigures {
  seed: number;
  durationMs: number;
  warmupMs: number;
  chaosMs: number;
  /** From the end of the faults until the store equalled the server (null: never within the settle window). */
  convergedAfterMs: number | null;
  operations: Map<OperationKind, OperationCounts>;
  operationFailures: Map<string, number>;
  faults: Map<FaultKind, number>;
  maxStalenessMs: number;
  worstKey: string | null;
  livenessWindowMs: number;
  stalenessSamples: number;
  /** Samples skipped because the list was loading (not synced, or subscribing again after the bridge came back). */
  notLiveSamples: number;
  memory: MemoryFigures;
  /** Allowed heap growth after warm-up, in percent. */
  heapGrowthLimit: number;
  objects: number;
  differing: string[];
  unhandledRejections: number;
  /** Watch streams the sandbox held open, with every DaemonSet rolled out, before the soak and after it. */
  openWatches: { atSync: number; atEnd: number };
}

export interface Check {
  name: string;
  ok: boolean;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
export const growthPercent = (start: number, end: number): number => ((end - start) / start) * 100;

export function checksOf(f: SoakFigures): Check[] {
  return [
    { name: 'store equals the server (kubectl)', ok: f.differing.length === 0 && f.convergedAfterMs !== null },
    { name: 'no unhandled rejection', ok: f.unhandledRejections === 0 },
    {
      name: `heap flat (≤ ${f.heapGrowthLimit} %)`,
      ok: growthPercent(f.memory.heapStart, f.memory.heapEnd) <= f.heapGrowthLimit,
    },
    { name: 'staleness within the liveness window', ok: f.maxStalenessMs <= f.livenessWindowMs },
    { name: 'no leaked watch streams', ok: f.openWatches.atEnd <= f.openWatches.atSync },
  ];
}

function tally<K extends string>(map: Map<K, number>): string {
  return [...map.entries()].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
}

export function formatReport(f: SoakFigures): string {
  let attempted = 0;
  const ops: string[] = [];
  for (const [kind, c] of f.operations) {
    attempted += c.attempted;
    ops.push(`${kind} ${c.ok}/${c.attempted}`);
  }
  let faultCount = 0;
  for (const n of f.faults.values()) faultCount += n;
  const growth = growthPercent(f.memory.heapStart, f.memory.heapEnd);
  const rssGrowth = growthPercent(f.memory.rssStart, f.memory.rssEnd);
  const rows: [string, string][] = [
    ['seed', String(f.seed)],
    ['duration', `${seconds(f.durationMs)} (warm-up ${seconds(f.warmupMs)}, faults ${seconds(f.chaosMs)})`],
    ['operations', `${attempted} (ok/attempted: ${ops.join(', ')})`],
    ['operation failures', tally(f.operationFailures)],
    ['faults', `${faultCount} (${tally(f.faults)})`],
    [
      'max staleness',
      `${seconds(f.maxStalenessMs)}${f.worstKey ? ` (${f.worstKey})` : ''} over ${f.stalenessSamples} samples (${f.notLiveSamples} more while loading); liveness window ${seconds(f.livenessWindowMs)}`,
    ],
    ['converged after faults', f.convergedAfterMs === null ? 'never' : seconds(f.convergedAfterMs)],
    [
      'heap after GC',
      `${mb(f.memory.heapStart)} -> ${mb(f.memory.heapEnd)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)`,
    ],
    [
      'rss',
      `${mb(f.memory.rssStart)} -> ${mb(f.memory.rssEnd)} (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)} %)`,
    ],
    [
      'differing objects',
      `${f.differing.length} of ${f.objects}${f.differing.length ? `: ${f.differing.slice(0, 5).join(', ')}` : ''}`,
    ],
    ['unhandled rejections', String(f.unhandledRejections)],
    [
      'open watches (server)',
      `${f.openWatches.atSync} before, ${f.openWatches.atEnd} after (all DaemonSets rolled out)`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  const checks = checksOf(f).map((c) => `  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}`);
  return ['Chaos soak figures', ...lines, 'Checks', ...checks].join('\n');
}
