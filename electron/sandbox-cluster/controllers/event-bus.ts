// One store subscription shared by several loops, so the store's dispatch calls one listener per component instead of
// one per loop. Events (and the objects in them) are shared with every other subscriber and read-only.

import type { ClusterApi, StoreEvent } from '../types.js';

export type Listener = (event: StoreEvent) => void;

export interface Subscribable {
  subscribe(listener: Listener): () => void;
}

export class EventBus implements Subscribable {
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  constructor(api: ClusterApi) {
    this.unsubscribe = api.subscribe((event) => {
      for (const listener of this.listeners) listener(event);
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
