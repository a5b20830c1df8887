import { Informer, type InformerSource, type InformerTiming } from './informer.js';
import type { KubeObject } from './types.js';

export interface InformerHandle<T extends KubeObject> {
  informer: Informer<T>;
  /** Lets go of the informer (stopped once nobody holds it); a second call does nothing. */
  dispose(): void;
}

interface Entry {
  // One map serves informers of every object type: each is kept untyped and handed back by acquire() as its own.
  informer: unknown;
  stop(): void;
  refs: number;
}

/**
 * One informer per key, shared by every holder and stopped when the last one lets go. Keys come from
 * kinds/source.ts's watchKey (session, kind, scope, projection), so the same key always means the same source.
 */
export class WatchManager {
  private readonly entries = new Map<string, Entry>();
  private readonly trafficListeners = new Set<(context: string) => void>();

  constructor(private readonly timing: InformerTiming) {}

  acquire<T extends KubeObject>(key: string, context: string, source: () => InformerSource<T>): InformerHandle<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const informer = new Informer<T>(source(), this.timing, () => {
        for (const listener of this.trafficListeners) listener(context);
      });
      entry = { informer, stop: () => informer.stop(), refs: 0 };
      this.entries.set(key, entry);
      informer.start();
    }
    entry.refs++;
    const held = entry;
    let disposed = false;
    return {
      // The key names the projection, so the informer under it holds T.
      informer: held.informer as Informer<T>,
      dispose: () => {
        if (disposed) return;
        disposed = true;
        held.refs--;
        if (held.refs === 0 && this.entries.get(key) === held) {
          this.entries.delete(key);
          held.stop();
        }
      },
    };
  }

  /** Told of the context of every answer any informer gets from its server (watch events and bookmarks included). */
  onTraffic(listener: (context: string) => void): { dispose(): void } {
    this.trafficListeners.add(listener);
    return { dispose: () => void this.trafficListeners.delete(listener) };
  }

  /** Number of running informers (tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  stopAll(): void {
    for (const entry of this.entries.values()) entry.stop();
    this.entries.clear();
  }
}
