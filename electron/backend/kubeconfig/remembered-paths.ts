import path from 'node:path';
import { PrivateFile } from '../files/private-file.js';
import { isRecord } from '../../../common/guards.js';

/**
 * The kubeconfig files known by path (KUBECONFIG, --kubeconfig, the desktop app's file dialog), remembered for the
 * next start in `kubeconfigs.json` in the state directory: their absolute paths, in the order they were first seen,
 * never anything read from them. Uploads are never remembered (they have no path).
 */
export class RememberedPaths {
  private paths: string[] = [];
  private readonly file: PrivateFile;

  constructor(stateDir: string) {
    this.file = new PrivateFile(path.join(stateDir, 'kubeconfigs.json'));
  }

  async load(): Promise<string[]> {
    try {
      this.paths = sanitize(JSON.parse((await this.file.read()) ?? 'null'));
    } catch {
      // Missing or damaged: nothing remembered; the files themselves are untouched.
      this.paths = [];
    }
    return this.list();
  }

  list(): string[] {
    return [...this.paths];
  }

  has(file: string): boolean {
    return this.paths.includes(file);
  }

  /** Remembers files (absolute paths) not remembered yet; writes only when something was added. */
  async add(files: readonly string[]): Promise<void> {
    const fresh = [...new Set(files)].filter((file) => path.isAbsolute(file) && !this.paths.includes(file));
    if (fresh.length === 0) return;
    this.paths.push(...fresh);
    await this.save();
  }

  async remove(file: string): Promise<void> {
    if (!this.paths.includes(file)) return;
    this.paths = this.paths.filter((p) => p !== file);
    await this.save();
  }

  flushed(): Promise<void> {
    return this.file.flushed();
  }

  private save(): Promise<void> {
    return this.file.write(JSON.stringify({ version: 1, paths: this.paths }, null, 2));
  }
}

function sanitize(value: unknown): string[] {
  if (!isRecord(value) || !Array.isArray(value.paths)) return [];
  const paths = value.paths.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p));
  return [...new Set(paths)];
}
