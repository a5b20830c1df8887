// The server's state as kubectl reads it, and the comparison with the store's rows.
import { execFile } from 'node:child_process';
import { keyOfObject, viewOfObject, viewText, type StatusView } from './protocol.js';

export function kubectlViews(kubeconfigPath: string): Promise<Record<string, StatusView>> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, KUBECONFIG: kubeconfigPath };
    execFile(
      'kubectl',
      ['get', 'daemonsets', '--all-namespaces', '-o', 'json'],
      { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`kubectl get daemonsets failed: ${stderr.trim() || error.message}`));
          return;
        }
        const list = JSON.parse(stdout) as { items?: unknown[] };
        resolve(Object.fromEntries((list.items ?? []).map((ds) => [keyOfObject(ds), viewOfObject(ds)])));
      },
    );
  });
}

/** Keys whose view differs, including rows only one side has. */
export function differingKeys(store: Record<string, string>, server: Record<string, StatusView>): string[] {
  const keys = new Set([...Object.keys(store), ...Object.keys(server)]);
  const differing: string[] = [];
  for (const key of keys) {
    const view = server[key];
    if (store[key] !== (view ? viewText(view) : undefined)) differing.push(key);
  }
  return differing.sort();
}

/** What the list's header shows (DaemonSets, pods) from the store, next to the same figures from the server's view. */
export function summaryMismatch(
  summary: { daemonSets: number; pods: number } | null,
  server: Record<string, StatusView>,
): string | null {
  const views = Object.values(server);
  const pods = views.reduce((sum, view) => sum + view.current, 0);
  if (summary?.daemonSets === views.length && summary.pods === pods) return null;
  const shown = summary ? `${summary.daemonSets} DaemonSets, ${summary.pods} pods` : 'none';
  return `summary (store: ${shown}; server: ${views.length} DaemonSets, ${pods} pods)`;
}
