import type { MatrixDelta, MatrixNode, MatrixRow, NodeRoom } from '../../contract/index.js';
import { diffPicture } from '../../../common/matrix-delta.js';
import { toErrorDTO, type AppError } from '../errors.js';
import type { Producer } from './producer.js';
import type { ContextSession } from '../session/session.js';
import { KINDS } from '../kinds/kinds.js';
import type { DaemonSetObject } from '../kinds/objects.js';
import type { PodCell } from '../kinds/pod-cell.js';
import { byNode, byNodeAndOwner, byUid, podCell } from '../kinds/pod-cell-store.js';
import { nodeRow, type NodeRowObject } from '../kinds/node-row.js';
import { revisionRef, type RevisionRef } from '../kinds/revision-ref.js';
import { watchKind } from '../kinds/source.js';
import { warningEvent, type WarningEvent } from '../kinds/warning-event.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import { Coalescer } from '../watch/coalescer.js';
import type { InformerEvent } from '../watch/types.js';
import { nodeRoom } from '../resources/node-room.js';
import { cellState, isCovered, isExpected } from './coverage-cells.js';
import { buildColumns, columnSummaries, countRows, tally, type Column, type ColumnCounts } from './coverage-columns.js';
import { ScopedWatch } from './coverage-scope.js';

export interface CoverageOptions {
  session: ContextSession;
  manager: WatchManager;
  /** A namespace, or '*' for all projects. */
  selection: string;
  flushMs: number;
  emit(delta: MatrixDelta): void;
}

const forbidden = (error: AppError | undefined): boolean => error?.code === 'forbidden';
const bareNode = (name: string): MatrixNode => ({
  name,
  labels: {},
  taints: [],
  unschedulable: false,
  ready: false,
  conditions: [],
  allocatable: {},
});

/**
 * The coverage matrix of a selection (the `coverage` stream, shared by the clients that show it): DaemonSets whole
 * (tens, their templates decide eligibility), and projected pods, nodes, ControllerRevisions and Warning events, one
 * watch each for the selection, or one per DaemonSet namespace when the user may not list them cluster-wide
 * (coverage-scope.ts). What changed is recomputed and sent, nothing more: a pod's change (or one of its Warning
 * events) its node's row, a node's change its row, a DaemonSet's change (template, newest revision, FailedCreate) its
 * column; the delta carries only the cells that changed (common/matrix-delta.ts). Closed with the view.
 */
export class CoverageSubscription implements Producer<MatrixDelta> {
  private readonly cleanups: (() => void)[] = [];
  private ds!: InformerHandle<DaemonSetObject>;
  private nodes!: InformerHandle<NodeRowObject>;
  private pods!: ScopedWatch<PodCell>;
  private revisions!: ScopedWatch<RevisionRef>;
  private events!: ScopedWatch<WarningEvent>;
  private columns: Column[] = [];
  private rows = new Map<string, MatrixRow>();
  // The columns' counts over the rows, kept as rows change: counting 150,000 cells at every flush cost more than the
  // flush's own work during a rollout step.
  private counts: ColumnCounts = { eligible: [], covered: [] };
  private readonly dirtyNodes = new Set<string>();
  // Nodes whose pods changed, with the owners (DaemonSet uids) of those pods: only those columns of the row, and its
  // cells missing a pod (whose resource fit reads every pod on the node), are judged again. A rollout step on 5,000
  // nodes × 30 DaemonSets then judges 500 cells, not 15,000.
  private readonly dirtyOwners = new Map<string, Set<string>>();
  private columnsStale = true;
  private allDirty = false;
  private sentFirst = false;
  private lastMeta = '';
  private readonly coalescer: Coalescer;
  private disposed = false;

  constructor(private readonly options: CoverageOptions) {
    this.coalescer = new Coalescer(options.flushMs, () => this.flush());
  }

  start(): void {
    const { session, manager, selection } = this.options;
    const namespace = selection === '*' ? undefined : selection;
    this.ds = this.hold(watchKind(manager, session, KINDS.daemonsets, { namespace }), (events) =>
      this.onDaemonSets(events),
    );
    this.nodes = this.hold(watchKind(manager, session, KINDS.nodes, {}, nodeRow), (events) => this.onNodes(events));
    const scoped = <T extends { metadata?: { name?: string } }>(
      kind: (typeof KINDS)[keyof typeof KINDS],
      projection: Parameters<typeof watchKind>[4],
      onEvents: (events: InformerEvent<T>[]) => void,
      fieldSelector?: string,
    ): ScopedWatch<T> => {
      const watch = new ScopedWatch<T>({
        session,
        manager,
        kind,
        projection: projection as never,
        ...(namespace ? { namespace } : {}),
        ...(fieldSelector ? { fieldSelector } : {}),
        onEvents: (events) => {
          onEvents(events);
          this.schedule();
        },
        onChange: () => this.everythingChanged(),
      });
      this.cleanups.push(() => watch.dispose());
      watch.start();
      return watch;
    };
    this.revisions = scoped<RevisionRef>(KINDS.controllerrevisions, revisionRef, () => (this.columnsStale = true));
    this.pods = scoped<PodCell>(KINDS.pods, podCell, (events) => this.onPods(events));
    this.events = scoped<WarningEvent>(KINDS.events, warningEvent, (events) => this.onEvents(events), 'type=Warning');
    this.schedule();
  }

  current(): MatrixDelta | undefined {
    return this.sentFirst ? this.delta(true, { rows: [...this.rows.values()], patches: [], removed: [] }) : undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.coalescer.stop();
    for (const cleanup of this.cleanups) cleanup();
  }

  private hold<T extends { metadata?: { name?: string } }>(
    handle: InformerHandle<T>,
    onEvents: (events: InformerEvent<T>[]) => void,
  ): InformerHandle<T> {
    const listener = handle.informer.addListener({
      onEvents: (events) => {
        onEvents(events);
        this.schedule();
      },
      onStatus: () => this.everythingChanged(),
    });
    this.cleanups.push(() => {
      listener.dispose();
      handle.dispose();
    });
    return handle;
  }

  /** A watch's status changed, or a watch started or went: everything is computed again (only changes are sent). */
  private everythingChanged(): void {
    this.columnsStale = true;
    this.allDirty = true;
    this.schedule();
  }

  // Status writes (counts during a rollout) change no cell: only a new, changed (generation) or deleted DaemonSet does.
  private readonly versions = new Map<string, string>();
  private onDaemonSets(events: InformerEvent<DaemonSetObject>[]): void {
    for (const event of events) {
      if (event.type === 'delete') {
        this.versions.delete(event.key);
        this.columnsStale = true;
        continue;
      }
      const meta = event.object.metadata;
      const version = `${meta?.uid ?? ''}/${meta?.generation ?? 0}/${meta?.deletionTimestamp ?? ''}`;
      if (this.versions.get(event.key) === version) continue;
      this.versions.set(event.key, version);
      this.columnsStale = true;
    }
  }

  /** A pod's change touches its owner's cell on the node it was on and on the one it is on (the informer says both). */
  private onPods(events: InformerEvent<PodCell>[]): void {
    const touch = (pod: PodCell | undefined): void => {
      if (!pod || pod.node === '') return;
      let owners = this.dirtyOwners.get(pod.node);
      if (!owners) this.dirtyOwners.set(pod.node, (owners = new Set()));
      if (pod.ownerUid !== '') owners.add(pod.ownerUid);
    };
    for (const event of events) {
      touch(event.previous);
      touch(event.object);
    }
  }

  /** A Warning event about a pod touches its node's row; one about a DaemonSet (FailedCreate) its column. */
  private onEvents(events: InformerEvent<WarningEvent>[]): void {
    for (const { object } of events) {
      const node = this.pods.indexed(byUid(object.involvedUid))[0]?.node;
      if (node !== undefined) this.dirtyNodes.add(node);
      else if (this.columns.some((c) => c.uid === object.involvedUid)) this.columnsStale = true;
    }
  }

  private onNodes(events: InformerEvent<NodeRowObject>[]): void {
    // Nodes are cluster-scoped: their key is `/name`.
    for (const event of events) this.dirtyNodes.add(event.key.slice(event.key.indexOf('/') + 1));
  }

  private schedule(): void {
    if (!this.disposed) this.coalescer.request();
  }

  private synced(): boolean {
    const settled = [this.ds, this.nodes].every((h) => {
      const status = h.informer.currentStatus();
      return status.synced || status.error !== undefined;
    });
    return settled && this.pods.synced() && this.revisions.synced() && this.events.synced();
  }

  private nodesForbidden(): boolean {
    return forbidden(this.nodes.informer.currentStatus().error);
  }

  /** Node names with their projected node; without the node list, the nodes pods are bound to. */
  private nodeNames(): Map<string, MatrixNode | undefined> {
    const names = new Map<string, MatrixNode | undefined>();
    if (!this.nodesForbidden()) {
      for (const n of this.nodes.informer.snapshot()) names.set(n.node.name, n.node);
      return names;
    }
    for (const pod of this.pods.snapshot()) if (pod.node !== '') names.set(pod.node, undefined);
    return names;
  }

  /**
   * A node's row. `keep`: cells of the previous row (in the `before` column order) that stay as they are; every cell
   * is computed when there is no previous row or `keep` is undefined.
   */
  private row(
    name: string,
    node: MatrixNode | undefined,
    previous: MatrixRow | undefined,
    before: Map<string, number>,
    recompute: Set<string> | undefined,
    unseen: Set<string>,
  ): MatrixRow {
    let nodePods: PodCell[] | undefined;
    const allPods = (): PodCell[] => (nodePods ??= this.pods.indexed(byNode(name)));
    let room: { value: NodeRoom | undefined } | undefined;
    // The room counts every pod on the node (only a complete cluster-wide pod watch sees them all); it is read only
    // for a cell without its pod, so a rollout step's cells, which have theirs, read only their own DaemonSet's pods.
    const roomOf = (): NodeRoom | undefined => {
      if (room) return room.value;
      const allocatable = this.nodes.informer.get(`/${name}`)?.allocatable;
      const complete = this.options.selection === '*' && this.pods.complete();
      const uses = complete && allocatable ? allPods().flatMap((p) => (p.use ? [p.use] : [])) : undefined;
      room = { value: uses && allocatable ? nodeRoom(allocatable, uses) : undefined };
      return room.value;
    };
    let ok = 0;
    let expected = 0;
    const cells = this.columns.map((column) => {
      const at = before.get(column.key);
      const kept =
        previous && recompute && !recompute.has(column.key) && at !== undefined ? previous.cells[at] : undefined;
      // A whole row reads the node's pods once; a row judged again column by column, each column's own.
      const pods = (): PodCell[] =>
        recompute === undefined ? allPods() : this.pods.indexed(byNodeAndOwner(name, column.uid));
      const cell =
        kept ??
        cellState({
          spec: column.spec,
          uid: column.uid,
          updateHash: column.updateHash,
          node,
          pods: pods(),
          room: roomOf,
          createFailed: column.createFailed,
          podsForbidden: unseen.has(column.namespace),
          eventsOf: (uid) => this.events.indexed(uid),
        });
      if (isExpected(cell)) expected++;
      if (isCovered(cell)) ok++;
      return cell;
    });
    return { node: node ?? bareNode(name), cells, ok, expected };
  }

  private flush(): void {
    if (this.disposed || !this.synced()) return;
    const allDirty = this.allDirty;
    const dirtyNodes = new Set(this.dirtyNodes);
    const dirtyOwners = new Map(this.dirtyOwners);
    this.dirtyOwners.clear();
    this.allDirty = false;
    this.dirtyNodes.clear();
    const beforeKeys = this.columns.map((c) => c.key);
    const beforeSignatures = new Map(this.columns.map((c) => [c.key, c.signature]));
    if (this.columnsStale) {
      this.columnsStale = false;
      this.columns = buildColumns(this.ds.informer.snapshot(), this.revisions.snapshot(), (uid) =>
        this.events.indexed(uid),
      );
      // Without the cluster-wide lists, the DaemonSets' namespaces are the ones watched (each asked first).
      const namespaces = this.columns.map((c) => c.namespace);
      for (const watch of [this.pods, this.revisions, this.events]) watch.want(namespaces);
    }
    const changedColumns = new Set(
      this.columns.filter((c) => beforeSignatures.get(c.key) !== c.signature).map((c) => c.key),
    );
    const before = new Map(beforeKeys.map((key, i) => [key, i]));
    const names = this.nodeNames();
    const next = new Map(this.rows);
    const touched: string[] = [];
    const keyOfUid = new Map(this.columns.map((c) => [c.uid, c.key]));
    const unseen = new Set(this.pods.forbidden());
    for (const [name, node] of names) {
      const previous = this.rows.get(name);
      const whole = allDirty || !previous || dirtyNodes.has(name);
      const owners = dirtyOwners.get(name);
      if (!whole && changedColumns.size === 0 && !owners) continue;
      let recompute: Set<string> | undefined = changedColumns;
      if (!whole && owners && previous) {
        recompute = new Set(changedColumns);
        for (const uid of owners) {
          const key = keyOfUid.get(uid);
          if (key !== undefined) recompute.add(key);
        }
        for (const [key, at] of before) if (previous.cells[at]?.state === 'missing') recompute.add(key);
      }
      next.set(name, this.row(name, node, previous, before, whole ? undefined : recompute, unseen));
      touched.push(name);
    }
    const gone = [...this.rows.keys()].filter((name) => !names.has(name));
    for (const name of gone) next.delete(name);
    const columnKeys = this.columns.map((c) => c.key);
    this.recount(beforeKeys, columnKeys, next, touched, gone);
    const change = diffPicture({ columns: beforeKeys, rows: this.rows }, { columns: columnKeys, rows: next }, touched);
    this.rows = next;
    const first = !this.sentFirst;
    const delta = first
      ? this.delta(true, { rows: [...next.values()], patches: [], removed: [] })
      : this.delta(false, change);
    const meta = JSON.stringify({ ...delta, rows: undefined, patches: undefined, removed: undefined });
    const empty = change.rows.length === 0 && change.patches.length === 0 && change.removed.length === 0;
    if (!first && empty && meta === this.lastMeta) return;
    this.lastMeta = meta;
    this.sentFirst = true;
    this.options.emit(delta);
  }

  private recount(
    beforeKeys: string[],
    columnKeys: string[],
    next: Map<string, MatrixRow>,
    touched: string[],
    gone: string[],
  ): void {
    const sameColumns = beforeKeys.length === columnKeys.length && beforeKeys.every((k, i) => k === columnKeys[i]);
    if (!sameColumns || !this.sentFirst) {
      this.counts = countRows(columnKeys.length, next.values());
      return;
    }
    for (const name of [...touched, ...gone]) {
      tally(this.counts, this.rows.get(name), -1);
      tally(this.counts, next.get(name), 1);
    }
  }

  private delta(reset: boolean, change: Pick<MatrixDelta, 'rows' | 'patches' | 'removed'>): MatrixDelta {
    const nodesError = this.nodes.informer.currentStatus().error;
    const dsError = this.ds.informer.currentStatus().error;
    const delta: MatrixDelta = {
      reset,
      columns: columnSummaries(this.columns, this.counts),
      rows: [...change.rows].sort((a, b) => a.node.name.localeCompare(b.node.name)),
      patches: change.patches,
      removed: change.removed,
      synced: this.synced(),
      forbiddenNamespaces: this.pods.forbidden(),
      nodesForbidden: forbidden(nodesError),
    };
    const error = dsError ?? this.pods.error();
    if (error) delta.error = toErrorDTO(error);
    return delta;
  }
}
