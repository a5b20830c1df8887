// Stored objects are shared by every reader (controllers, kubelets, watches, persistence) and never mutated. Outside
// production they are deeply frozen when committed, so a reader that forgets to copy before modifying fails loudly at
// that line (ES modules run in strict mode) instead of silently changing what the store holds; production skips the
// walk and relies on the same rule, documented on ClusterApi.

export const FREEZE_STORED_OBJECTS = process.env.NODE_ENV !== 'production';

/** Freezes `value` and everything reachable from it; subtrees already frozen (shared with older versions) are skipped. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
