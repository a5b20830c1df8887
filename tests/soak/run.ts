// `npm run soak -- [--minutes M] [--seed S] [--nodes N] [--speed F] [--heap-snapshots DIR]`: the chaos soak; prints its figures and exits
// non-zero when a check fails. The seed is printed first, so that a failing run can be replayed with --seed.
import { parseArgs } from 'node:util';
import { formatReport } from './report.js';
import { runSoak } from './runner.js';

function numberFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      seed: { type: 'string' },
      nodes: { type: 'string' },
      speed: { type: 'string' },
      'heap-snapshots': { type: 'string' },
    },
    strict: true,
  });
  const minutes = numberFlag(values.minutes, '--minutes', 10);
  const seed = Math.floor(numberFlag(values.seed, '--seed', 1 + Math.floor(Math.random() * 2 ** 31)));
  process.stdout.write(`chaos soak: ${minutes} min, seed ${seed} (replay with --seed ${seed})\n`);
  const result = await runSoak({
    durationMs: minutes * 60_000,
    seed,
    nodes: Math.floor(numberFlag(values.nodes, '--nodes', 4)),
    speed: numberFlag(values.speed, '--speed', 10),
    ...(values['heap-snapshots'] ? { heapSnapshotDir: values['heap-snapshots'] } : {}),
    log: (line) => process.stdout.write(`  ${new Date().toISOString().slice(11, 19)} ${line}\n`),
  });
  process.stdout.write(formatReport(result.figures) + '\n');
  return result.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`chaos soak: ${e instanceof Error ? e.message : 'failed'}\n`);
    process.exit(2);
  },
);
