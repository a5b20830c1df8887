import type { KubeObject } from './objects.js';

/** Whether `uid` is the object's controller (its ownerReference with `controller: true`), as controllers adopt. */
export const controlledBy = (object: KubeObject, uid: string | undefined): boolean =>
  uid !== undefined &&
  (object.metadata?.ownerReferences ?? []).some((ref) => ref.uid === uid && ref.controller === true);
