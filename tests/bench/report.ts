// Metric rows, their pass/fail against the goals, and the two outputs: a Markdown table and the same as JSON.
import { writeFileSync } from 'node:fs';
import os from 'node:os';

export type Result = 'pass' | 'fail' | 'info' | 'skip';

export interface Goal {
  /** What the goal applies to: the measured value, or the ratio ours ÷ peer. */
  on: 'value' | 'ratio';
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
  const subject = goal.on === 'ratio' ? ratio : ours;
  if (subject === null) {
    row.result = 'fail';
    row.note = [row.note, 'peer not measured, ratio unknown'].filter(Boolean).join('; ');
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
  return goal.on === 'ratio' ? `ratio ${op} ${goal.limit}` : `${op} ${figure(goal.limit, unit)}`;
}

export function markdownTable(metrics: readonly Metric[]): string {
  const lines = [
    '| metric | ours | peer / baseline | ratio | goal | result | note |',
    '| --- | ---: | --- | ---: | --- | --- | --- |',
  ];
  for (const m of metrics) {
    const peer =
      m.peer === null ? (m.peerLabel ? `${m.peerLabel}: —` : '—') : `${m.peerLabel}: ${figure(m.peer, m.unit)}`;
    const ratio = m.ratio === null ? '—' : `${figure(m.ratio)}×`;
    const note = m.note.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    lines.push(
      `| \`${m.id}\` | ${figure(m.ours, m.unit)} | ${peer} | ${ratio} | ${goalText(m.goal, m.unit)} | ${m.result} | ${note} |`,
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
  metrics: Metric[];
}

export function buildReport(
  metrics: Metric[],
  mode: Report['mode'],
  soak: boolean,
  startedAt: Date,
  durationMs: number,
): Report {
  const summary = { pass: 0, fail: 0, info: 0, skip: 0 };
  for (const m of metrics) summary[m.result]++;
  return { date: startedAt.toISOString(), mode, soak, durationMs, machine: machine(), summary, metrics };
}

export function writeJson(file: string, report: Report): void {
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export function header(report: Report): string {
  const m = report.machine;
  return [
    `Everynode bench — ${report.date} — ${report.mode}${report.soak ? ' + soak' : ''} run, ${Math.round(report.durationMs / 1000)} s`,
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, load average at the end ${m.loadAverage.join(' / ')}`,
    `Result: ${report.summary.pass} pass, ${report.summary.fail} fail, ${report.summary.info} info, ${report.summary.skip} skipped`,
  ].join('\n');
}

/** Orders the rows by the fixed ids and adds a fail row for every id that no scenario reported. */
export function completeRows(
  metrics: readonly Metric[],
  ids: readonly string[],
  why: string,
  notRun: (id: string) => string | undefined = () => undefined,
): Metric[] {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  // With --only, the rows of scenarios left out on purpose are skips; a chosen scenario that broke still fails.
  const rows = ids.map(
    (id) =>
      byId.get(id) ??
      (notRun(id) !== undefined
        ? metric(id, { unit: '', ours: undefined, skipped: true, note: notRun(id) })
        : metric(id, { unit: '', ours: undefined, required: true, note: `not measured: ${why}` })),
  );
  return [...rows, ...metrics.filter((m) => !ids.includes(m.id))];
}
