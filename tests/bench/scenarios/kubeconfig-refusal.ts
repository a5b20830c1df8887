// Finding 6 of issue 19: how long the backend takes to refuse a 4 MB hostile kubeconfig (4,000,000 "[", which once
// froze the host for 26 s at 2.9 GB), through the store a host uses for uploads. Its depth is checked in slices on
// the host's thread (electron/backend/kubeconfig/parse-off-thread.ts), so other calls are answered meanwhile; the
// tests check the refusal, this times it.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from '../context.js';
import { tempDir } from '../support/files.js';
import { metric } from '../report.js';
import { median } from '../stats.js';
import { KubeconfigStore } from '../../../electron/backend/kubeconfig/store.js';

const execFileAsync = promisify(execFile);

/** The peer: kubectl refusing the same file (`kubectl config view`: its YAML reader stops at a depth of 10,000). */
async function kubectlRefusalMs(file: string): Promise<number> {
  const started = performance.now();
  const refused = await execFileAsync('kubectl', ['--kubeconfig', file, 'config', 'view']).then(
    () => false,
    () => true,
  );
  if (!refused) throw new Error('kubectl accepted the hostile kubeconfig');
  return performance.now() - started;
}

export async function kubeconfigRefusal(ctx: BenchContext): Promise<void> {
  const hostile = '['.repeat(4_000_000);
  const file = join(tempDir('bench-hostile'), 'hostile.yaml');
  writeFileSync(file, hostile);
  const peers: number[] = [];
  const samples: number[] = [];
  let answer = '';
  for (let i = 0; i < Math.max(ctx.repeats, 3); i++) {
    const store = new KubeconfigStore({ kubeconfigEnv: '/nonexistent/kubeconfig', homeDir: '/nonexistent' });
    const started = performance.now();
    try {
      await store.addUpload('hostile.yaml', hostile);
      answer = 'accepted';
    } catch (error) {
      samples.push(performance.now() - started);
      answer = error instanceof Error ? error.message : String(error);
    } finally {
      store.dispose();
    }
    await kubectlRefusalMs(file).then(
      (ms) => peers.push(ms),
      () => undefined,
    );
  }
  ctx.add(
    metric('cold.kubeconfig-refusal.ms', {
      unit: 'ms',
      ours: samples.length > 0 ? median(samples) : undefined,
      peer: median(peers),
      peerLabel: 'kubectl',
      goal: { on: 'ratio', op: '<=', limit: 1 },
      note: `4 MB of nested "[" uploaded, call to refusal: ${answer}; median of ${samples.length}; peer: \`kubectl config view\` on the same file, process start to its refusal`,
    }),
  );
}
