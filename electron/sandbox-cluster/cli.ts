// `npm run sandbox -- --port <p> --kubeconfig <file> [--nodes N] [--speed F] [--name NAME] [--data DIR] [--no-metrics]`
// Runs a sandbox cluster in the foreground until SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';

const HELP = `Usage: npm run sandbox -- --kubeconfig <file> [options]

Runs a simulated Kubernetes cluster (API server, DaemonSet controller, kubelets) on https://127.0.0.1.

Options:
  --port <p>          port to listen on (default 0: a random free port)
  --kubeconfig <file> write the kubeconfig here (mode 0600, overwritten); required
  --nodes <N>         nodes in the seed world (default 6)
  --speed <F>         make image pulls, probes and grace periods F times faster (default 1)
  --name <NAME>       cluster name; contexts NAME-admin (current), NAME-developer, NAME-operator (default sandbox)
  --data <DIR>        keep state, CA and credentials in DIR across restarts
  --no-metrics        serve no metrics.k8s.io (a cluster without metrics-server)
  --help              show this help

Prints one line "sandbox ready: https://127.0.0.1:<port> kubeconfig=<file>" once serving; stops on SIGINT/SIGTERM.
`;

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n\n${HELP}`);
  process.exit(2);
}

function numberFlag(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0)
    fail(`${flag} must be a ${integer ? 'non-negative integer' : 'positive number'}`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        kubeconfig: { type: 'string' },
        nodes: { type: 'string' },
        speed: { type: 'string' },
        name: { type: 'string' },
        data: { type: 'string' },
        'no-metrics': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : 'bad arguments');
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!values.kubeconfig) fail('--kubeconfig <file> is required');
  const port = numberFlag(values.port, '--port', true);
  if (port !== undefined && port > 65535) fail('--port must be at most 65535');
  const speed = numberFlag(values.speed, '--speed', false);
  if (speed === 0) fail('--speed must be a positive number');
  const kubeconfigPath = resolve(values.kubeconfig);
  const handle = await startSandbox({
    port,
    kubeconfigPath,
    nodes: numberFlag(values.nodes, '--nodes', true),
    speed,
    name: values.name,
    dataDir: values.data ? resolve(values.data) : undefined,
    metrics: !values['no-metrics'],
  });
  process.stdout.write(`sandbox ready: ${handle.url} kubeconfig=${kubeconfigPath}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    handle.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`sandbox: stop failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
