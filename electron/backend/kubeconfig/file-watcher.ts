import fs from 'node:fs';
import path from 'node:path';

/**
 * Watches files through their directories, so a file that is replaced by rename (as editors save), deleted or created
 * later is still noticed. Changes are debounced per file.
 */
export class FileWatcher {
  private readonly dirs = new Map<string, { watcher: fs.FSWatcher; files: Set<string> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly debounceMs: number,
    private readonly onChange: (file: string) => void,
  ) {}

  watch(file: string): void {
    const dir = path.dirname(file);
    const existing = this.dirs.get(dir);
    if (existing) {
      existing.files.add(file);
      return;
    }
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, { persistent: false });
    } catch {
      return; // The directory does not exist (yet): nothing to watch; the file counts as missing.
    }
    const entry = { watcher, files: new Set([file]) };
    watcher.on('change', (_event, name) => {
      const changed = typeof name === 'string' ? path.join(dir, name) : undefined;
      for (const watched of entry.files) if (changed === undefined || changed === watched) this.schedule(watched);
    });
    // The directory itself vanished or cannot be watched any more: stop quietly, the store keeps its last view.
    watcher.on('error', () => {
      watcher.close();
      this.dirs.delete(dir);
      for (const watched of entry.files) this.schedule(watched);
    });
    this.dirs.set(dir, entry);
  }

  /** Stops watching a file (its directory too, once no other file in it is watched). */
  unwatch(file: string): void {
    const dir = path.dirname(file);
    const entry = this.dirs.get(dir);
    clearTimeout(this.timers.get(file));
    this.timers.delete(file);
    if (!entry) return;
    entry.files.delete(file);
    if (entry.files.size > 0) return;
    entry.watcher.close();
    this.dirs.delete(dir);
  }

  dispose(): void {
    for (const { watcher } of this.dirs.values()) watcher.close();
    this.dirs.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(file: string): void {
    const pending = this.timers.get(file);
    if (pending) clearTimeout(pending);
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.onChange(file);
      }, this.debounceMs),
    );
  }
}
