// One store subscription shared by several loops. The in-process API copies every event for every subscriber, so with
// thousands of pods each extra subscription is a real cost; loops behind one bus share a copy and must treat it as
// read-only.

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
