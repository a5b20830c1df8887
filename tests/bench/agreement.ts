// Issue 17: two runs at different hours must agree on every median ratio within 20 %; tails (p95, p99, the longest
// task) are reported, not compared. This compares the ratios (ours ÷ peer) of two runs' JSON reports, row by row.
import type { Metric } from './report.js';

/** Two ratios agree when the larger is at most this many times the smaller. */
export const AGREEMENT_LIMIT = 1.2;

/** A tail figure: a high percentile or a maximum, which one slow sample decides. */
export const isTail = (id: string): boolean => /\.(p9\d|max)\./.test(id);

export interface Agreement {
  /** The row's id, with its load level when above 0 (`churn.rate.per-s @ load 1`). */
  row: string;
  a: number;
  b: number;
  /** The larger ratio ÷ the smaller. */
  spread: number;
  agree: boolean;
}

export interface Comparison {
  compared: Agreement[];
  /** Rows with a ratio in one run only (skipped or not measured in the other), by row name. */
  unpaired: string[];
  /** Tail rows left out of the comparison. */
  tails: string[];
}

const rowName = (m: Metric): string => (m.load > 0 ? `${m.id} @ load ${m.load}` : m.id);

/** Pairs the rows of two runs by id and load level and compares their ratios. */
export function compareRuns(first: readonly Metric[], second: readonly Metric[]): Comparison {
  const withRatio = (metrics: readonly Metric[]) =>
    new Map(metrics.filter((m) => m.ratio !== null && m.ratio > 0).map((m) => [rowName(m), m.ratio as number]));
  const a = withRatio(first);
  const b = withRatio(second);
  const comparison: Comparison = { compared: [], unpaired: [], tails: [] };
  for (const row of new Set([...a.keys(), ...b.keys()])) {
    if (isTail(row)) {
      comparison.tails.push(row);
      continue;
    }
    const ra = a.get(row);
    const rb = b.get(row);
    if (ra === undefined || rb === undefined) {
      comparison.unpaired.push(row);
      continue;
    }
    const spread = Math.max(ra, rb) / Math.min(ra, rb);
    comparison.compared.push({ row, a: ra, b: rb, spread, agree: spread <= AGREEMENT_LIMIT });
  }
  return comparison;
}

const two = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The comparison as a Markdown table, disagreements first. */
export function agreementTable(comparison: Comparison, labels: [string, string]): string {
  const rows = [...comparison.compared].sort((x, y) => Number(x.agree) - Number(y.agree) || y.spread - x.spread);
  const lines = [
    `| row | ratio ${labels[0]} | ratio ${labels[1]} | spread | within ${two((AGREEMENT_LIMIT - 1) * 100)} % |`,
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| \`${r.row}\` | ${two(r.a)}× | ${two(r.b)}× | ${two((r.spread - 1) * 100)} % | ${r.agree ? 'yes' : 'no'} |`,
    ),
  ];
  if (comparison.tails.length > 0)
    lines.push('', `Tails, not compared: ${comparison.tails.map((t) => `\`${t}\``).join(', ')}.`);
  if (comparison.unpaired.length > 0)
    lines.push('', `In one run only: ${comparison.unpaired.map((t) => `\`${t}\``).join(', ')}.`);
  return lines.join('\n');
}
