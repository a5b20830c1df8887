import path from 'node:path';
import { FileWatcher } from './file-watcher.js';
import type { ParsedKubeconfig } from './parse.js';

const CLUSTER_FILES = ['certificate-authority'];
const USER_FILES = ['client-certificate', 'client-key', 'tokenFile', 'token-file'];

/** The CA, certificate, key and token files a kubeconfig names (absolute paths: relative ones have no directory). */
export function referencedFiles(parsed: ParsedKubeconfig): string[] {
  const named = [
    ...parsed.clusters.flatMap((c) => CLUSTER_FILES.map((key) => c.body[key])),
    ...parsed.users.flatMap((u) => USER_FILES.map((key) => u.body[key])),
  ];
  return [...new Set(named.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)))];
}

/**
 * Watches the files each kubeconfig source names for its credentials. A session reads them once, when it connects
 * (credential-files.ts), so a renewed certificate, a rotated token or a new CA is used only after a reconnect: the
 * source whose file changed is told, and its contexts connect again.
 */
export class CredentialFileWatch {
  private readonly bySource = new Map<string, string[]>();
  private readonly watcher: FileWatcher;

  constructor(debounceMs: number, onChange: (sourceId: string) => void) {
    this.watcher = new FileWatcher(debounceMs, (file) => {
      for (const [sourceId, files] of this.bySource) if (files.includes(file)) onChange(sourceId);
    });
  }

  /** The files a source names now (none when it cannot be parsed or is gone). */
  set(sourceId: string, parsed: ParsedKubeconfig | undefined): void {
    const before = this.bySource.get(sourceId) ?? [];
    const files = parsed ? referencedFiles(parsed) : [];
    if (files.length > 0) this.bySource.set(sourceId, files);
    else this.bySource.delete(sourceId);
    for (const file of files) this.watcher.watch(file);
    const used = new Set([...this.bySource.values()].flat());
    for (const file of before) if (!used.has(file)) this.watcher.unwatch(file);
  }

  dispose(): void {
    this.watcher.dispose();
    this.bySource.clear();
  }
}
