// Issue 18: links between objects (the objects a DaemonSet's pod template references) and Helm awareness.
// Plain JSON only, like dto.ts.

export type RefKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';

/** Where a pod template names an object: the renderer words it. */
export type RefUse =
  | { via: 'volume'; volume: string }
  | { via: 'projected'; volume: string }
  | { via: 'env'; container: string; variable: string; key: string }
  | { via: 'envFrom'; container: string }
  | { via: 'imagePullSecrets' }
  | { via: 'serviceAccountName' };

/**
 * One referenced object. `state`: `present`; `missing` (404); `forbidden` (the user may not read it, so whether it
 * exists is unknown); `unknown` (the cluster did not answer). `optional` only when every use says `optional: true`.
 */
export interface ObjectReference {
  kind: RefKind;
  name: string;
  optional: boolean;
  uses: RefUse[];
  state: 'present' | 'missing' | 'forbidden' | 'unknown';
  /** Keys the env entries name that the object (present) does not hold. */
  missingKeys?: string[];
}

export interface ReferencesList {
  namespace: string;
  items: ObjectReference[];
}

/** A Secret's entry: its size always, its decoded value only when asked for (`reveal`). */
export interface SecretEntry {
  key: string;
  bytes: number;
  /** UTF-8 text; absent unless revealed. */
  value?: string;
  /** The bytes are not UTF-8 text: `value` is then their base64. */
  binary?: boolean;
}

/**
 * One referenced object for the read-only panel, without managedFields. A Secret's `manifest` holds neither `data`,
 * `stringData` nor the last-applied annotation (which would repeat the values): its entries are in `secret`.
 */
export interface ReferencedObject {
  kind: RefKind;
  namespace: string;
  name: string;
  manifest: Record<string, unknown>;
  secret?: { type: string; entries: SecretEntry[]; revealed: boolean };
}

/** What the renderer may know of a Helm release, read from its release Secret (never the values or manifests). */
export interface HelmReleaseInfo {
  release: string;
  namespace: string;
  /** `readable`: read from the release Secret; `forbidden`: the user may not list Secrets there; `none`: no record. */
  state: 'readable' | 'forbidden' | 'none';
  revision?: number;
  status?: string;
  chart?: string;
  chartVersion?: string;
  appVersion?: string;
  /** RFC 3339 (Helm's info.last_deployed). */
  updated?: string;
}
