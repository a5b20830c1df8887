// Data that crosses the bridge. Plain JSON only: no credentials, no client objects, no class instances.
import type { HelmOwner } from '../../common/helm.js';

export type ConnectionState =
  | 'not-connected'
  | 'connecting'
  | 'connected'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'error'
  /** The context's credential program waits for the user's consent (see consent.pending); nothing was run. */
  | 'needs-consent'
  /** The server is plain HTTP: its credentials go out only once the user confirms (clusters.confirmPlainHttp). */
  | 'needs-confirmation'
  /** Connected, but the API server stopped answering (a request timed out, or the health probe got no answer). */
  | 'not-responding';

export type ErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'already-exists'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'unreachable'
  | 'unsupported'
  /** The browser host refused a call: its connection sent too much, too fast. */
  | 'rate-limited'
  | 'internal';

/** An error as the renderer sees it: a message safe to show, and where it belongs (a field, a line). */
export interface AppErrorDTO {
  code: ErrorCode;
  message: string;
  /** HTTP status from the API server, when the error came from one. */
  status?: number;
  /** Field causes of a 422, e.g. `{ field: 'metadata.name', message: '...' }`. */
  causes?: { field?: string; message: string; reason?: string }[];
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorDTO };

export interface HostInfo {
  kind: 'electron' | 'web';
  version: string;
  platform: string;
}

/** A kubeconfig file the app reads (KUBECONFIG entries, ~/.kube/config, files the user added, the sandbox's). */
export interface KubeconfigSource {
  id: string;
  /** What the user recognises: a file name or "Built-in sandbox". Never file contents. */
  label: string;
  kind: 'env' | 'default' | 'added' | 'sandbox';
  /** The built-in sandbox only: where its kubeconfig is written for kubectl (the app never reads that file). */
  path?: string;
  /** Set when the file cannot be read or parsed; the other files keep working. */
  error?: string;
  // ---- Clusters page (issue 12) ----
  /** Every context the source defines, in its order: one whose name an earlier source took is shadowed by it. */
  contexts: SourceContext[];
  /** A file known by path (KUBECONFIG, --kubeconfig, the file dialog): its path is remembered for the next start. */
  remembered?: boolean;
  /** Uploaded in the browser host: held in memory only, forgotten when the host stops. */
  uploaded?: boolean;
  /** Known by path: `clusters.reloadKubeconfig` reads it again (it is also watched for changes). */
  reloadable?: boolean;
}

/** A context as one source defines it, shadowed or not. */
export interface SourceContext {
  name: string;
  /** The line of the source where it is defined. */
  line?: number;
  /** The id of the earlier source whose context of the same name wins (kubectl's first-wins rule). */
  shadowedBy?: string;
}

export interface ContextSummary {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace?: string;
  sourceId: string;
  sandbox: boolean;
  /** Set when the context cannot be used as written (e.g. it names a missing cluster). */
  problem?: string;
  /** The line of its source (`sourceId`) where the context is defined. */
  line?: number;
  /**
   * The connection is not safe: `plain-http` (nothing is encrypted; credentials are sent only once the user
   * confirms) or `skip-tls-verify` (the server's certificate is not checked: anyone in the path can pose as it).
   */
  insecure?: 'plain-http' | 'skip-tls-verify';
}

export interface Connection {
  state: ConnectionState;
  message?: string;
}

export interface ClustersState {
  sources: KubeconfigSource[];
  contexts: ContextSummary[];
  /** The UI's choice (remembered for the next start); other contexts may be connected too. */
  activeContext: string | null;
  /** The active context's connection (`not-connected` when there is none). */
  connection: Connection;
  /**
   * Every context the user chose to connect in this run, by name; a context absent here was never chosen (or was
   * disconnected) and runs nothing.
   */
  connections: Record<string, Connection>;
  /** Whether the app may start the built-in sandbox cluster (off with --no-sandbox). */
  sandboxAvailable: boolean;
}

/** `'*'` stands for "All projects". */
export type ProjectSelection = string;

export interface ProjectsState {
  context: string;
  /** The user may list namespaces: every namespace is offered, plus "All projects". */
  canListAll: boolean;
  projects: string[];
  /** Namespaces the user added by hand (when they cannot list namespaces). */
  added: string[];
  selected: ProjectSelection;
}

export interface ObjectRef {
  namespace: string;
  name: string;
}

export interface DaemonSetStatusCounts {
  desired: number;
  current: number;
  ready: number;
  available: number;
  updated: number;
  misscheduled: number;
  unavailable: number;
}

/** What the scheduler found short on a node for a pod it could not place (the FailedScheduling message, parsed). */
export type Shortfall =
  /** `Insufficient cpu`, `Insufficient memory`, `Insufficient nvidia.com/gpu`... */
  | { kind: 'resource'; resource: string }
  /** `Too many pods`: the node's pod limit. */
  | { kind: 'pods' }
  /** `node(s) didn't have free ports for the requested pod ports`. */
  | { kind: 'hostPort' }
  /** `node(s) had untolerated taint {key: value}`. */
  | { kind: 'taint'; taint: string }
  /** Any other reason, as the scheduler wrote it. */
  | { kind: 'other'; text: string };

/**
 * Why one pod of a DaemonSet is not running and ready, in the cluster's own terms: the reason as kubectl shows it
 * (CreateContainerConfigError, CrashLoopBackOff, Init:0/1, Unschedulable, FailedMount, NotReady...) and the cluster's
 * own text for it, quoted as it was given.
 */
export interface PodProblem {
  reason: string;
  /** A container's waiting message, the scheduler's message, or the message of the event that explains it. */
  message?: string;
  /** Unschedulable: what the scheduler found short on the node. */
  shortfalls?: Shortfall[];
  /** Restarts of the container that fails, and how it last ended (CrashLoopBackOff). */
  restarts?: number;
  lastExit?: { code: number; reason?: string };
}

/**
 * Pods of one DaemonSet that are not fine, aggregated by reason with the nodes concerned (ImagePullBackOff on
 * node-3). FailedCreate has no pod and so no node: `missing` says how many pods the controller could not create.
 */
export interface PodIssue extends PodProblem {
  nodes: string[];
  missing?: number;
}

export interface DaemonSetRow {
  /** `namespace/name`: stable row identity. */
  key: string;
  namespace: string;
  name: string;
  uid: string;
  alias?: string;
  description?: string;
  labels: Record<string, string>;
  createdAt: string;
  generation: number;
  observedGeneration?: number;
  strategy: { type: 'RollingUpdate' | 'OnDelete'; maxUnavailable?: string | number; maxSurge?: string | number };
  minReadySeconds: number;
  images: string[];
  nodeSelector: Record<string, string>;
  selector: Record<string, string>;
  status: DaemonSetStatusCounts;
  /** Only filled for DaemonSets that are not settled: the backend watches their pods, never all pods. */
  podIssues: PodIssue[];
  /** OnDelete: how many of its pods still run an old revision. */
  oldRevisionPods?: number;
  /** Issue 18: the Helm release that manages it (managed-by Helm and Helm's release annotations). */
  helm?: HelmOwner;
}

export interface QuotaUse {
  hard: string;
  used: string;
}

export interface ProjectSummary {
  selection: ProjectSelection;
  quota?: { pods?: QuotaUse; cpu?: QuotaUse; memory?: QuotaUse };
  daemonSets: number;
  pods: number;
}

/** One batch of changes to a watched list. `reset` replaces everything the renderer holds for it. */
export interface DaemonSetDelta {
  reset: boolean;
  upserts: DaemonSetRow[];
  removals: string[];
  /** False until the first complete list has arrived. */
  synced: boolean;
  summary?: ProjectSummary;
  /** Set when the watch cannot run (forbidden, unreachable); cleared by the next good batch. */
  error?: AppErrorDTO;
}

export interface BulkResult {
  results: { key: string; ok: boolean; error?: AppErrorDTO }[];
}

export type KubeconfigInput =
  /** `replaces`: the id of an earlier upload this one takes the place of (a newer version of that file). */
  { kind: 'upload'; name: string; content: string; replaces?: string } | { kind: 'dialog' };

// ---- Creation wizard -------------------------------------------------------------------------------------------

/** A read the user may not be allowed to make: the wizard falls back to free text instead of failing. */
export type Readable<T> = { allowed: true; value: T } | { allowed: false; message: string };

export interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
}

// Room on a node (allocatable against requests and host ports): defined in common/fit.ts beside the fit rule that
// reads it, which the wizard's preview and the backend's coverage matrix share.
import type { NodeRoom } from '../../common/fit.js';
export type { HostPortHeld, NodeRoom } from '../../common/fit.js';

/** What the node coverage preview needs of a node: its labels and taints (never addresses or credentials). */
export interface NodeSummary {
  name: string;
  labels: Record<string, string>;
  taints: NodeTaint[];
  unschedulable: boolean;
  ready: boolean;
  /** Only in the wizard's node list, when the user may list pods cluster-wide. */
  room?: NodeRoom;
}

/** A ConfigMap or Secret by name with its keys; Secret values never leave the backend. */
export interface NamedKeys {
  name: string;
  keys: string[];
}

export interface ClaimSummary {
  name: string;
  phase: string;
  accessModes: string[];
  capacity?: string;
  storageClassName?: string;
}

/** A host port another DaemonSet already opens on its nodes. */
export interface HostPortUse {
  port: number;
  protocol: string;
  /** `namespace/name` of the DaemonSet. */
  owner: string;
}

/** Everything the wizard's pickers offer for one project. */
export interface ProjectResources {
  /** Secrets of type kubernetes.io/dockerconfigjson, for imagePullSecrets. */
  registrySecrets: Readable<string[]>;
  configMaps: Readable<NamedKeys[]>;
  secrets: Readable<NamedKeys[]>;
  claims: Readable<ClaimSummary[]>;
  quota: Readable<ProjectSummary['quota'] | null>;
  hostPorts: Readable<HostPortUse[]>;
  /** Names the pod template may refer to: the project's ServiceAccounts and the cluster's PriorityClasses. */
  serviceAccounts: Readable<string[]>;
  priorityClasses: Readable<string[]>;
}

export interface CreateOptions {
  /** Server-side dry run (`dryRun=All`): validated and defaulted by the API server, not stored. */
  dryRun: boolean;
}

export interface CreateResult {
  /** The object as the API server returned it (defaults applied). */
  object: Record<string, unknown>;
  dryRun: boolean;
}

/** A registry secret the wizard creates: the backend builds the .dockerconfigjson; the password is never echoed. */
export interface RegistrySecretInput {
  name: string;
  server: string;
  username: string;
  password: string;
  email?: string;
}

/** Server-side apply from the editor: dry run first (diff against `live`), then for real; force takes fields over. */
export interface ApplyOptions {
  dryRun: boolean;
  force: boolean;
}

export interface ApplyResult {
  /** The object as it is in the cluster now; null when it does not exist yet (only filled on dry runs). */
  live: Record<string, unknown> | null;
  /** What the server stored (or would store, on a dry run). */
  result: Record<string, unknown>;
  dryRun: boolean;
}

/** The editor's open files as drafts, kept by the backend on disk. */
export interface EditorDrafts {
  files: { id: string; name: string; format: 'yaml' | 'json'; text: string }[];
  activeId: string | null;
  savedAt: number;
}

// --- Drafts (drafts service): every draft the app keeps, by what it is for (common/draft-keys.ts) ---

/** A saved draft without its value. `revision` grows with every write of any draft and never repeats. */
export interface DraftSummary {
  key: string;
  revision: number;
  savedAt: number;
}

/** A saved draft: its value is the JSON its owner saved (EditorDrafts, a wizard form, a live edit). */
export interface Draft extends DraftSummary {
  value: unknown;
}

/** What the draft store holds, as the page loads it before saving anything. */
export interface DraftsState {
  drafts: DraftSummary[];
  /** Drafts of the previous version of the drafts file (the last session's) that differ from today's, to bring back. */
  previous: DraftSummary[];
  /** The draft discarded last, which `undoDiscard` brings back once. */
  discarded: DraftSummary | null;
}
