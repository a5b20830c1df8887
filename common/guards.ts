// Guards for reading parsed JSON (the API's answers, the user's manifests and files, saved state) where the types
// promise a shape nobody checked. One copy for the backend, the renderer and the contract; the sandbox keeps its own
// (it is the oracle).

/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value when it is a JSON object, else an empty one. */
export const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** The JSON objects of a list; anything that is not a list reads as an empty one. */
export const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/** The value when it is a string, else undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
