// The backend memory row's peer: a bare Node process (the same runtime) that lists the same DaemonSets with
// @kubernetes/client-node and holds the typed list, then reports its RSS after a GC. What any Node client holding
// this list costs; the host holds only its rows, plus a web server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const SOURCE = `
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
const config = new KubeConfig();
config.loadFromFile(process.argv[1]);
const list = await config.makeApiClient(AppsV1Api).listDaemonSetForAllNamespaces({});
globalThis.gc?.();
await new Promise((resolve) => setTimeout(resolve, 200));
process.stdout.write(JSON.stringify({ items: list.items.length, rssMb: process.memoryUsage().rss / 1048576 }));
`;

export async function clientNodeRssMb(kubeconfigPath: string, expected: number): Promise<number> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', SOURCE, kubeconfigPath],
    { maxBuffer: 1024 * 1024 },
  );
  const { items, rssMb } = JSON.parse(stdout) as { items: number; rssMb: number };
  if (items !== expected) throw new Error(`client-node listed ${items} DaemonSets, expected ${expected}`);
  return rssMb;
}
