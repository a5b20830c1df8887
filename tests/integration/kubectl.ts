// Real kubectl for integration tests against the in-process sandbox cluster.
import { execFile } from 'node:child_process';

/** The kubectl versions the tests judge the sandbox with: this machine's default and the oldest and newest others. */
export const KUBECTL_1_32 = 'kubectl';
export const OTHER_KUBECTLS: [version: string, bin: string][] = [
  ['1.27', '/usr/lib/google-cloud-sdk/bin/kubectl.1.27'],
  ['1.33', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'],
];
export const KUBECTLS: [version: string, bin: string][] = [['1.32', KUBECTL_1_32], ...OTHER_KUBECTLS];

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kubectl and resolves with its exit code and output, failures included. Asynchronous on purpose: the sandbox
 * serves from this process, so a synchronous child would deadlock it.
 */
export function runKubectl(bin: string, args: string[], kubeconfig: string): Promise<KubectlRun> {
  return new Promise((resolve) => {
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    execFile(bin, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the default kubectl and resolves with its output; a failure rejects with its stderr. */
export async function kubectlOutput(args: string[], kubeconfig: string): Promise<string> {
  const run = await runKubectl(KUBECTL_1_32, args, kubeconfig);
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}
