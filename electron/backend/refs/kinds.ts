import type { RefKind } from '../../contract/index.js';
import { KINDS, type Kind } from '../kinds/kinds.js';

/** The kind descriptor of each kind a pod template may reference. */
export const REF_KINDS: Record<RefKind, Kind> = {
  ConfigMap: KINDS.configmaps,
  Secret: KINDS.secrets,
  PersistentVolumeClaim: KINDS.persistentvolumeclaims,
  ServiceAccount: KINDS.serviceaccounts,
};
