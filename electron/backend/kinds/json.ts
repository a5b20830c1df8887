// Guards for reading parsed JSON (the API's answers, the user's manifests), shared by the backend's kinds, watch,
// detail, editor and wizard code instead of a copy in each file.

/** A JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value when it is a JSON object, else an empty one. */
export const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What a projection always keeps of `metadata`: what the informer keys, compares and indexes objects by. */
export function identityOf(meta: Record<string, unknown>): {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
} {
  return {
    name: text(meta.name),
    namespace: text(meta.namespace),
    uid: text(meta.uid),
    resourceVersion: text(meta.resourceVersion),
  };
}
