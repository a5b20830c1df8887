import path from 'node:path';
import { PrivateFile } from '../files/private-file.js';
import { isRecord } from '../../../common/guards.js';

/**
 * The contexts the user opted in to the fleet view, remembered for the next start in `fleet.json` in the state
 * directory: context names only, in the order they were opted in, never anything read from a kubeconfig.
 */
export class FleetOptIns {
  private names: string[] = [];
  private readonly file: PrivateFile;

  constructor(stateDir: string) {
    this.file = new PrivateFile(path.join(stateDir, 'fleet.json'));
  }

  async load(): Promise<string[]> {
    try {
      this.names = sanitize(JSON.parse((await this.file.read()) ?? 'null'));
    } catch {
      // Missing or damaged: nothing opted in; the fleet page offers every context again.
      this.names = [];
    }
    return this.list();
  }

  list(): string[] {
    return [...this.names];
  }

  /** Adds or removes one name; writes only when the list changed. */
  async set(context: string, optedIn: boolean): Promise<void> {
    const has = this.names.includes(context);
    if (has === optedIn) return;
    this.names = optedIn ? [...this.names, context] : this.names.filter((n) => n !== context);
    await this.file.write(JSON.stringify({ version: 1, contexts: this.names }, null, 2));
  }

  flushed(): Promise<void> {
    return this.file.flushed();
  }
}

function sanitize(value: unknown): string[] {
  if (!isRecord(value) || !Array.isArray(value.contexts)) return [];
  const names = value.contexts.filter((n): n is string => typeof n === 'string' && n.length > 0 && n.length <= 1024);
  return [...new Set(names)];
}
