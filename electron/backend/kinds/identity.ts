import { text } from '../../../common/guards.js';

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
