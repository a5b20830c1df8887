import type {
  ApplyOptions,
  ApplyResult,
  Draft,
  DraftSummary,
  DraftsState,
  BulkResult,
  ClustersState,
  CreateOptions,
  CreateResult,
  NodeSummary,
  ProjectResources,
  Readable,
  RegistrySecretInput,
  HostInfo,
  KubeconfigInput,
  ObjectRef,
  ProjectSelection,
  ProjectsState,
  WireResult,
} from './dto.js';
import type { ConsentRequest, ConsentSettings } from './consent-dto.js';
import type { DetailAccess, EditableDaemonSet } from './detail-dto.js';
import type { FleetState } from './fleet-dto.js';
import type { ExecAccess } from './exec-dto.js';
import type { ForwardAccess } from './forward-dto.js';
import type { DrainOptions, DrainResult } from './node-view-dto.js';
import type { EditorSuggestions } from './editor-dto.js';
import type { HelmReleaseInfo, ReferencedObject, ReferencesList, RefKind } from './refs-dto.js';
import type { Disposable, StreamArgs, StreamEvent, StreamName } from './streams.js';
import type { KeyCommand } from '../../common/keymap.js';

/** The services the backend offers. Every channel and the preload's API derive from this. */
export interface EverynodeServices {
  host: {
    info(): Promise<HostInfo>;
  };
  clusters: {
    getState(): Promise<ClustersState>;
    /** Makes a context the active one, connecting it unless it is connected already. */
    switchContext(name: string): Promise<ClustersState>;
    /** Connects a context without making it the active one (calls and streams may then address it). */
    connect(context: string): Promise<ClustersState>;
    /** Ends a context's connection: its streams end, and calls to it are refused until it is chosen again. */
    disconnect(context: string): Promise<ClustersState>;
    addKubeconfig(input: KubeconfigInput): Promise<ClustersState>;
    /** Connects a context again (the active one when none is named). */
    reconnect(context?: string): Promise<ClustersState>;
    /**
     * The user confirmed that this context (state `needs-confirmation`) may send its credentials over plain HTTP:
     * it connects, and is not asked again while the app runs.
     */
    confirmPlainHttp(context: string): Promise<ClustersState>;
    // ---- Clusters page (issue 12) ----
    /** Removes a kubeconfig source (not the built-in sandbox): its contexts' sessions end, its path is forgotten. */
    removeKubeconfig(sourceId: string): Promise<ClustersState>;
    /** Reads a file known by path again and reconnects its connected contexts (new credentials, a new CA). */
    reloadKubeconfig(sourceId: string): Promise<ClustersState>;
  };
  projects: {
    getState(context: string): Promise<ProjectsState>;
    select(context: string, selection: ProjectSelection): Promise<ProjectsState>;
    /** Checks access with a SelfSubjectAccessReview first; refuses a namespace the user cannot list DaemonSets in. */
    add(context: string, namespace: string): Promise<ProjectsState>;
    remove(context: string, namespace: string): Promise<ProjectsState>;
  };
  daemonsets: {
    redeploy(context: string, refs: ObjectRef[]): Promise<BulkResult>;
    delete(context: string, refs: ObjectRef[], propagation: 'Background' | 'Orphan'): Promise<BulkResult>;
    /**
     * Creates a DaemonSet from a manifest (or only validates it with a server-side dry run). A 422 carries field
     * causes; a name already taken is a 409 whose cause names `metadata.name`.
     */
    create(
      context: string,
      namespace: string,
      manifest: Record<string, unknown>,
      options: CreateOptions,
    ): Promise<CreateResult>;
    /** Whether no DaemonSet of that name exists in the namespace; null when the user may not read DaemonSets there. */
    nameAvailable(context: string, namespace: string, name: string): Promise<boolean | null>;
  };
  wizard: {
    /** Nodes with labels and taints for the coverage preview; not allowed for users who cannot list nodes. */
    nodes(context: string): Promise<Readable<NodeSummary[]>>;
    /** The pickers' data for one project; each part degrades on its own when the user may not read it. */
    projectResources(context: string, namespace: string): Promise<ProjectResources>;
    /** Creates a kubernetes.io/dockerconfigjson Secret; returns its name. */
    createRegistrySecret(context: string, namespace: string, input: RegistrySecretInput): Promise<string>;
  };
  detail: {
    /** SelfSubjectAccessReviews for the page's actions in that namespace. */
    access(context: string, namespace: string): Promise<DetailAccess>;
    deletePod(context: string, namespace: string, pod: string): Promise<void>;
    /** As `kubectl rollout undo --to-revision`: strategic merge patch of the revision's data; false when already at it. */
    rollback(context: string, namespace: string, name: string, revision: number): Promise<{ rolledBack: boolean }>;
    /** The live object for the YAML edit, without status and managedFields, with its resourceVersion beside it. */
    editable(context: string, namespace: string, name: string): Promise<EditableDaemonSet>;
    /** PUT conditional on `baseResourceVersion`: a change made meanwhile is a 409 (`conflict`), never overwritten. */
    update(
      context: string,
      namespace: string,
      name: string,
      manifest: Record<string, unknown>,
      baseResourceVersion: string,
    ): Promise<{ resourceVersion: string }>;
  };
  nodeView: {
    /** `kubectl cordon` / `uncordon`: patches spec.unschedulable. */
    cordon(context: string, node: string, unschedulable: boolean): Promise<void>;
    /** `kubectl drain --ignore-daemonsets`: cordons, then evicts the confirmed pods (eviction API), each reported. */
    drain(
      context: string,
      node: string,
      pods: { namespace: string; name: string }[],
      options: DrainOptions,
    ): Promise<DrainResult>;
  };
  editor: {
    /** The cluster's OpenAPI v3 document for one group-version (`v1`, `apps/v1`), fetched with the session's credentials. */
    openapi(context: string, groupVersion: string): Promise<Record<string, unknown>>;
    /** Server-side apply (field manager `everynode`) of one object; a conflict is a 409 naming the other manager. */
    apply(context: string, manifest: Record<string, unknown>, options: ApplyOptions): Promise<ApplyResult>;
    /** Value completion's names from the cluster for one project (images, ConfigMaps, Secrets, node label keys). */
    suggestions(context: string, namespace: string): Promise<EditorSuggestions>;
  };
  /**
   * Every draft (wizard, edit mode, form edit of a live object), kept by the backend in the state directory, keyed by
   * what it is for (common/draft-keys.ts). A write names the revision it replaces: a stale one (another window wrote
   * meanwhile) is refused as `conflict`, never last-writer-wins.
   */
  drafts: {
    /** What is saved; a page calls it before it saves anything, so a blank start never replaces saved drafts. */
    list(): Promise<DraftsState>;
    get(key: string): Promise<Draft | null>;
    /** Saves a draft over revision `baseRevision` (0: there is none yet); answers the new revision. */
    put(key: string, value: unknown, baseRevision: number): Promise<DraftSummary>;
    /**
     * One part of a put too large for one message: the JSON text of `[key, value, baseRevision]`, cut in `count`
     * parts sent in order under one `saveId`; the last one saves (or fails saying why) and answers the new revision.
     */
    putPart(saveId: string, index: number, count: number, part: string): Promise<DraftSummary | null>;
    /** Drops a draft at `revision`; it stays as the one `undoDiscard` brings back. */
    discard(key: string, revision: number): Promise<DraftsState>;
    undoDiscard(): Promise<Draft>;
    /** Brings back the previous version's drafts listed in `previous`, as new revisions; answers them. */
    restorePrevious(): Promise<Draft[]>;
  };
  // ---- issue 16: a shell in the pod (its output is the `exec` stream; these carry what the user types) ----
  exec: {
    /** SelfSubjectAccessReviews for `create` and `get` on `pods/exec` in a namespace (a WebSocket exec needs both). */
    access(context: string, namespace: string): Promise<ExecAccess>;
    /** Keystrokes (or pasted text) for an open `exec` stream of this client. */
    input(streamId: string, data: string): Promise<void>;
    /** The terminal's new size for an open `exec` stream of this client. */
    resize(streamId: string, cols: number, rows: number): Promise<void>;
  };
  // ---- issue 16: port-forward (a forward is a `forward` stream: opened to start, disposed to stop) ----
  forward: {
    /** SelfSubjectAccessReviews for `create` and `get` on `pods/portforward` in a namespace. */
    access(context: string, namespace: string): Promise<ForwardAccess>;
  };
  // ---- issue 18: links between objects ----
  refs: {
    /** The ConfigMaps, Secrets, PVCs and ServiceAccounts a DaemonSet's pod template references, each looked up. */
    list(context: string, namespace: string, name: string): Promise<ReferencesList>;
    /** One such object for the read-only panel; a Secret's values are decoded only with `reveal` (never cached). */
    get(
      context: string,
      kind: RefKind,
      namespace: string,
      name: string,
      options: { reveal: boolean },
    ): Promise<ReferencedObject>;
  };
  // ---- issue 18: Helm awareness ----
  helm: {
    /** The deployed revision of a release from its release Secret: chart, version, revision, status, time only. */
    release(context: string, namespace: string, release: string): Promise<HelmReleaseInfo>;
  };
  /** The live views (streams.ts): renderer/api's `watch` is their one client. */
  streams: {
    /**
     * Starts (or joins: two clients asking for the same stream share one producer) a stream; its deltas arrive as
     * `onDidReceiveDelta` events with the id answered here, possibly before this answer does.
     */
    open<N extends StreamName>(name: N, args: StreamArgs<N>): Promise<{ streamId: string }>;
    /** Ends a stream this client opened; an id it does not hold (already ended, another client's) changes nothing. */
    dispose(streamId: string): Promise<void>;
  };
  consent: {
    /** Every context's credential program waiting for consent (at most one per context), the active context's first. */
    pending(): Promise<ConsentRequest[]>;
    /**
     * Remembers the user's answer for that request's subject; allowing connects every context waiting for it (two
     * contexts running the same program from the same file share one decision).
     */
    decide(requestId: string, allow: boolean): Promise<ClustersState>;
    list(): Promise<ConsentSettings>;
    /** Forgets a decision: the next connection through that program asks again. */
    revoke(decisionId: string): Promise<ConsentSettings>;
    /** Replaces the allowlist (command names or absolute paths that never ask). */
    setAllowlist(entries: string[]): Promise<ConsentSettings>;
  };
  // ---- Fleet view (issue 15) ----
  fleet: {
    /** The contexts opted in to the fleet view (remembered across starts, names only). */
    getState(): Promise<FleetState>;
    /**
     * Opts a context in (it connects now, through the consent gate: a program not allowed yet runs nothing) or out
     * (remembered no longer; its connection is left as it is, it may be the active context).
     */
    setOptIn(context: string, optedIn: boolean): Promise<FleetState>;
  };
}

export interface EverynodeEvents {
  onDidChangeClusters: ClustersState;
  onDidChangeProjects: ProjectsState;
  /** A delta of a stream opened with `streams.open`. */
  onDidReceiveDelta: StreamEvent;
  /** The pending consent requests changed (a context needs consent, or it was answered): the whole list, as pending(). */
  onDidChangeConsent: { requests: ConsentRequest[] };
  // ---- issue 18: the desktop menu's keyboard commands (common/keymap.ts); the browser host never sends it ----
  /** The user chose a menu item whose shortcut the renderer owns: it runs the command as if the key were pressed. */
  onDidChooseCommand: { command: KeyCommand };
}

export type ServiceName = keyof EverynodeServices;
export type EventName = keyof EverynodeEvents;

/** What `window.everynode` holds: every service method returning a wire result, plus event subscriptions. */
export type EverynodeBridge = {
  [S in ServiceName]: {
    [M in keyof EverynodeServices[S]]: EverynodeServices[S][M] extends (...args: infer A) => Promise<infer R>
      ? (...args: A) => Promise<WireResult<R>>
      : never;
  };
} & {
  events: { [E in EventName]: (listener: (payload: EverynodeEvents[E]) => void) => Disposable };
};
