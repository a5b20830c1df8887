// The read-only file tree a simulated container sees: its own few files, its mounted ConfigMaps, Secrets and
// hostPaths. Paths are absolute and normalised; a directory exists as soon as anything lies below it.

export type Entry = { type: 'dir' } | { type: 'file'; content: string };

/** `/a/./b/../c` -> `/a/c`, relative to `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

export class FileTree {
  private readonly entries = new Map<string, Entry>([['/', { type: 'dir' }]]);

  /** Adds a file (a later mount over the same path wins, as a later mount shadows an earlier one). */
  file(path: string, content: string): void {
    const at = resolvePath('/', path);
    this.dir(at.slice(0, at.lastIndexOf('/')) || '/');
    this.entries.set(at, { type: 'file', content });
  }

  dir(path: string): void {
    let at = resolvePath('/', path);
    while (!this.entries.has(at)) {
      this.entries.set(at, { type: 'dir' });
      at = at.slice(0, at.lastIndexOf('/')) || '/';
    }
  }

  /** Replaces everything below `path` (a volume mounted there hides what the image had). */
  clear(path: string): void {
    const at = resolvePath('/', path);
    for (const key of [...this.entries.keys()]) if (key.startsWith(at + '/')) this.entries.delete(key);
  }

  get(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  /** Names directly inside a directory, sorted as ls sorts them. */
  children(path: string): string[] {
    const prefix = path === '/' ? '/' : path + '/';
    const names = new Set<string>();
    for (const key of this.entries.keys()) {
      if (key === path || !key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (rest !== '' && !rest.includes('/')) names.add(rest);
    }
    return [...names].sort();
  }
}
