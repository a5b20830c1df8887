import type { AppError } from '../errors.js';
import type { KubeObject } from '../kinds/objects.js';

/** What the informers handle: any object with the usual metadata, as the API sends it (kinds/objects.ts). */
export type { KubeObject };

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

/** `previous`: the cached object the event replaced or removed, when there was one (where a moved object was). */
export type InformerEvent<T> =
  { type: 'upsert'; key: string; object: T; previous?: T } | { type: 'delete'; key: string; object: T; previous?: T };

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
