import { Informer, type InformerSource, type InformerTiming } from './informer.js';
import type { KubeObject } from './types.js';

export interface InformerHandle<T extends KubeObject> {
  informer: Informer<T>;
  release(): void;
}

interface Entry {
  informer: Informer<KubeObject>;
  refs: number;
  context: string;
}

/**
 * One informer per (context, resource, namespace or all, selector), shared by every subscriber and stopped when the
 * last one lets go.
 */
export class WatchManager {
  private readonly entries = new Map<string, Entry>();
  private readonly trafficListeners = new Set<(context: string) => void>();

  constructor(private readonly timing: InformerTiming) {}

  static key(context: string, resource: string, namespace: string | undefined, selector = ''): string {
    return JSON.stringify([context, resource, namespace ?? '*', selector]);
  }

  acquire<T extends KubeObject>(key: string, context: string, source: () => InformerSource<T>): InformerHandle<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const informer = new Informer<T>(source(), this.timing, () => {
        for (const listener of this.trafficListeners) listener(context);
      });
      entry = { informer: informer as unknown as Informer<KubeObject>, refs: 0, context };
      this.entries.set(key, entry);
      informer.start();
    }
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      informer: held.informer as unknown as Informer<T>,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0 && this.entries.get(key) === held) {
          this.entries.delete(key);
          held.informer.stop();
        }
      },
    };
  }

  /** Told of the context of every answer any informer gets from its server (watch events and bookmarks included). */
  onTraffic(listener: (context: string) => void): () => void {
    this.trafficListeners.add(listener);
    return () => this.trafficListeners.delete(listener);
  }

  /** Number of running informers (tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  stopAll(): void {
    for (const entry of this.entries.values()) entry.informer.stop();
    this.entries.clear();
  }
}
