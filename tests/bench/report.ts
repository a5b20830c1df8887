// Metric rows, their pass/fail against the goals, and the two outputs: a Markdown table and the same as JSON.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

export type Result = 'pass' | 'fail' | 'info' | 'skip';

export interface Goal {
  /**
   * What the goal applies to: the measured value, the ratio ours ÷ peer, or the excess ours − peer (a latency over
   * the same events' arrival at a bare client: the peer's share of the time is the machine's, the rest is ours).
   */
  on: 'value' | 'ratio' | 'excess';
  op: '<=' | '>=';
  limit: number;
}

export interface Metric {
  id: string;
  unit: string;
  ours: number | null;
  peer: number | null;
  peerLabel: string;
  ratio: number | null;
  goal: Goal | null;
  result: Result;
  note: string;
  /** CPU burners running beside the scenario (`--load N`); 0 on a machine left alone. */
  load: number;
}

export interface MetricInput {
  unit: string;
  ours: number | undefined;
  peer?: number | undefined;
  peerLabel?: string;
  goal?: Goal;
  note?: string;
  /** No numeric goal, but the figure is owed: missing it is a fail. */
  required?: boolean;
  /** Not run in this mode (e.g. the soak without --soak): reported as skip, not fail. */
  skipped?: boolean;
  load?: number;
}

const finite = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);

/** Builds a row: a goal with no measured value (or no peer for a ratio) is a fail, never a missing row. */
export function metric(id: string, input: MetricInput): Metric {
  const ours = finite(input.ours) ? input.ours : null;
  const peer = finite(input.peer) ? input.peer : null;
  const ratio = ours !== null && peer !== null && peer > 0 ? ours / peer : null;
  const row: Metric = {
    id,
    unit: input.unit,
    ours,
    peer,
    peerLabel: input.peerLabel ?? '',
    ratio,
    goal: input.goal ?? null,
    result: 'info',
    note: input.note ?? '',
    load: input.load ?? 0,
  };
  if (input.skipped) {
    row.result = 'skip';
    return row;
  }
  if (ours === null) {
    row.result = input.goal || input.required ? 'fail' : 'info';
    if (!row.note) row.note = 'not measured';
    return row;
  }
  const goal = input.goal;
  if (!goal) return row;
  const subject = goal.on === 'ratio' ? ratio : goal.on === 'excess' ? (peer === null ? null : ours - peer) : ours;
  if (subject === null) {
    row.result = 'fail';
    row.note = [row.note, `peer not measured, ${goal.on === 'ratio' ? 'ratio' : 'excess'} unknown`]
      .filter(Boolean)
      .join('; ');
    return row;
  }
  row.result = (goal.op === '<=' ? subject <= goal.limit : subject >= goal.limit) ? 'pass' : 'fail';
  return row;
}

function figure(n: number | null, unit = ''): string {
  if (n === null) return '—';
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  const text = n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

function goalText(goal: Goal | null, unit: string): string {
  if (!goal) return '—';
  const op = goal.op === '<=' ? '≤' : '≥';
  if (goal.on === 'ratio') return `ratio ${op} ${goal.limit}`;
  if (goal.on === 'excess') return `${op} peer + ${figure(goal.limit, unit)}`;
  return `${op} ${figure(goal.limit, unit)}`;
}

function peerText(m: Metric): string {
  return m.peer === null ? (m.peerLabel ? `${m.peerLabel}: —` : '—') : `${m.peerLabel}: ${figure(m.peer, m.unit)}`;
}

export function markdownTable(metrics: readonly Metric[]): string {
  const lines = [
    '| metric | ours | peer / baseline | ratio | goal | result | note |',
    '| --- | ---: | --- | ---: | --- | --- | --- |',
  ];
  for (const m of metrics) {
    const ratio = m.ratio === null ? '—' : `${figure(m.ratio)}×`;
    const note = m.note.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const id = m.load > 0 ? `\`${m.id}\` @ load ${m.load}` : `\`${m.id}\``;
    lines.push(
      `| ${id} | ${figure(m.ours, m.unit)} | ${peerText(m)} | ${ratio} | ${goalText(m.goal, m.unit)} | ${m.result} | ${note} |`,
    );
  }
  return lines.join('\n');
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  loadAverage: number[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

export interface Report {
  date: string;
  mode: 'quick' | 'full';
  soak: boolean;
  durationMs: number;
  machine: Machine;
  summary: { pass: number; fail: number; info: number; skip: number };
  /** The machine's 1/5/15-minute load average before each load level and at the end (others' work shows here). */
  loadAverages: { label: string; values: number[] }[];
  metrics: Metric[];
}

export function buildReport(
  metrics: Metric[],
  mode: Report['mode'],
  soak: boolean,
  startedAt: Date,
  durationMs: number,
  loadAverages: Report['loadAverages'] = [],
): Report {
  const summary = { pass: 0, fail: 0, info: 0, skip: 0 };
  for (const m of metrics) summary[m.result]++;
  return { date: startedAt.toISOString(), mode, soak, durationMs, machine: machine(), summary, loadAverages, metrics };
}

export function writeJson(file: string, report: Report): void {
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export function header(report: Report): string {
  const m = report.machine;
  return [
    `Everynode bench — ${report.date} — ${report.mode}${report.soak ? ' + soak' : ''} run, ${Math.round(report.durationMs / 1000)} s`,
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`,
    `Load average (1/5/15 min): ${report.loadAverages.map((l) => `${l.label} ${l.values.join(' / ')}`).join('; ') || m.loadAverage.join(' / ')}`,
    `Result: ${report.summary.pass} pass, ${report.summary.fail} fail, ${report.summary.info} info, ${report.summary.skip} skipped`,
  ].join('\n');
}

/** A row the run owes: a metric id at a load level (a bare id is at load 0). */
export type Expected = string | { id: string; load: number };

const rowKey = (id: string, load: number): string => `${id}@${load}`;

/** Orders the rows by the fixed ids and adds a fail row for every id (at its load) that no scenario reported. */
export function completeRows(
  metrics: readonly Metric[],
  expected: readonly Expected[],
  why: string,
  notRun: (id: string) => string | undefined = () => undefined,
): Metric[] {
  const byKey = new Map(metrics.map((m) => [rowKey(m.id, m.load), m]));
  const wanted = expected.map((e) => (typeof e === 'string' ? { id: e, load: 0 } : e));
  // With --only, the rows of scenarios left out on purpose are skips; a chosen scenario that broke still fails.
  const rows = wanted.map(
    ({ id, load }) =>
      byKey.get(rowKey(id, load)) ??
      (notRun(id) !== undefined
        ? metric(id, { unit: '', ours: undefined, skipped: true, note: notRun(id), load })
        : metric(id, { unit: '', ours: undefined, required: true, note: `not measured: ${why}`, load })),
  );
  const owed = new Set(wanted.map(({ id, load }) => rowKey(id, load)));
  return [...rows, ...metrics.filter((m) => !owed.has(rowKey(m.id, m.load)))];
}

/**
 * The rows measured at more than one load level, one line per id with each level's figure and result side by side
 * (the full run measures churn, long tasks and start-up at load 0 and load 1).
 */
export function sideBySideTable(metrics: readonly Metric[]): string {
  const levels = [...new Set(metrics.map((m) => m.load))].sort((a, b) => a - b);
  const ids = [...new Set(metrics.map((m) => m.id))].filter(
    (id) => metrics.filter((m) => m.id === id && m.result !== 'skip').length > 1,
  );
  if (levels.length < 2 || ids.length === 0) return '';
  const cell = (m: Metric | undefined): string => {
    if (!m) return '—';
    const peer = m.peer === null ? '' : ` (${m.peerLabel} ${figure(m.peer, m.unit)})`;
    return `${figure(m.ours, m.unit)}${peer} ${m.result}`;
  };
  const lines = [
    `| metric | ${levels.map((l) => `load ${l}`).join(' | ')} | goal |`,
    `| --- | ${levels.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const id of ids) {
    const at = levels.map((l) => metrics.find((m) => m.id === id && m.load === l));
    const goal = at.find((m) => m?.goal)?.goal ?? null;
    lines.push(`| \`${id}\` | ${at.map(cell).join(' | ')} | ${goalText(goal, at[0]?.unit ?? '')} |`);
  }
  return lines.join('\n');
}
