import type { AppError } from '../errors.js';

/** What the informers handle: any object with the usual metadata (typed client-node models or raw watch JSON). */
export interface KubeObject {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
  };
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export type InformerEvent<T> = { type: 'upsert'; key: string; object: T } | { type: 'delete'; key: string; object: T };

export interface InformerStatus {
  /** The first complete list has arrived. */
  synced: boolean;
  /** The last list or watch failed; cleared when one succeeds. */
  error?: AppError;
}

export interface InformerListener<T> {
  onEvents(events: InformerEvent<T>[]): void;
  onStatus(status: InformerStatus): void;
}

export const objectKey = (object: KubeObject): string =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
