import type { PodSpec } from 'kubernetes-types/core/v1';
import type { MatrixColumn, MatrixDelta, MatrixNode, MatrixRow } from '../../contract/index.js';
import { toErrorDTO, type AppError } from '../errors.js';
import type { Producer } from './producer.js';
import type { ContextSession } from '../session/session.js';
import { KINDS } from '../kinds/kinds.js';
import type { DaemonSetObject } from '../kinds/objects.js';
import { podCell, type PodCell } from '../kinds/pod-cell.js';
import { nodeRow, type NodeRowObject } from '../kinds/node-row.js';
import { revisionRef, type RevisionRef } from '../kinds/revision-ref.js';
import { watchKind } from '../kinds/source.js';
import { warningEvent, type WarningEvent } from '../kinds/warning-event.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import { Coalescer } from '../watch/coalescer.js';
import type { InformerEvent } from '../watch/types.js';
import { nodeRoom } from '../resources/node-room.js';
import { cellState, isCovered, isExpected } from './coverage-cells.js';

export interface CoverageOptions {
  session: ContextSession;
  manager: WatchManager;
  /** A namespace, or '*' for all projects. */
  selection: string;
  flushMs: number;
  emit(delta: MatrixDelta): void;
}

interface Column extends MatrixColumn {
  spec: PodSpec;
  /** The hash of its newest ControllerRevision: pods with another one run an older template. */
  updateHash?: string;
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
 * (tens, their templates decide eligibility), and projected pods, nodes, ControllerRevisions and FailedCreate events,
 * one watch each for the selection. A pod's change recomputes its node's row only; a DaemonSet's template or newest
 * revision changing recomputes the whole matrix (a reset). Closed with the view: the watches go with their last holder.
 */
export class CoverageSubscription implements Producer<MatrixDelta> {
  private readonly handles: InformerHandle<never>[] = [];
  private readonly cleanups: (() => void)[] = [];
  private ds!: InformerHandle<DaemonSetObject>;
  private pods!: InformerHandle<PodCell>;
  private nodes!: InformerHandle<NodeRowObject>;
  private revisions!: InformerHandle<RevisionRef>;
  private events!: InformerHandle<WarningEvent>;
  private columns: Column[] = [];
  private readonly rows = new Map<string, MatrixRow>();
  private readonly podNode = new Map<string, string>();
  private readonly dirtyNodes = new Set<string>();
  private resetNeeded = true;
  private allDirty = false;
  private sentReset = false;
  private statusChanged = false;
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
    this.revisions = this.hold(watchKind(manager, session, KINDS.controllerrevisions, { namespace }, revisionRef), () =>
      this.columnsChanged(),
    );
    this.pods = this.hold(watchKind(manager, session, KINDS.pods, { namespace }, podCell), (events) =>
      this.onPods(events),
    );
    this.nodes = this.hold(watchKind(manager, session, KINDS.nodes, {}, nodeRow), (events) => this.onNodes(events));
    const warnings = { namespace, fieldSelector: 'type=Warning' };
    this.events = this.hold(watchKind(manager, session, KINDS.events, warnings, warningEvent), () => {
      this.allDirty = true;
      this.schedule();
    });
    this.schedule();
  }

  current(): MatrixDelta | undefined {
    return this.sentReset ? this.delta(true, [...this.rows.values()], []) : undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.coalescer.stop();
    for (const cleanup of this.cleanups) cleanup();
    for (const handle of this.handles) handle.dispose();
  }

  private hold<T extends { metadata?: { name?: string } }>(
    handle: InformerHandle<T>,
    onEvents: (events: InformerEvent<T>[]) => void,
  ): InformerHandle<T> {
    this.handles.push(handle as unknown as InformerHandle<never>);
    const listener = handle.informer.addListener({
      onEvents: (events) => {
        onEvents(events);
        this.schedule();
      },
      onStatus: () => {
        this.statusChanged = true;
        this.resetNeeded = true;
        this.schedule();
      },
    });
    this.cleanups.push(() => listener.dispose());
    return handle;
  }

  private columnsChanged(): void {
    this.resetNeeded = true;
  }

  // Status writes (counts during a rollout) change no cell: only a new, changed (generation) or deleted DaemonSet does.
  private readonly versions = new Map<string, string>();
  private onDaemonSets(events: InformerEvent<DaemonSetObject>[]): void {
    for (const event of events) {
      if (event.type === 'delete') {
        this.versions.delete(event.key);
        this.columnsChanged();
        continue;
      }
      const meta = event.object.metadata;
      const version = `${meta?.uid ?? ''}/${meta?.generation ?? 0}/${meta?.deletionTimestamp ?? ''}`;
      if (this.versions.get(event.key) === version) continue;
      this.versions.set(event.key, version);
      this.columnsChanged();
    }
  }

  private onPods(events: InformerEvent<PodCell>[]): void {
    for (const event of events) {
      const before = this.podNode.get(event.key);
      if (before !== undefined) this.dirtyNodes.add(before);
      if (event.type === 'delete') {
        this.podNode.delete(event.key);
        continue;
      }
      this.podNode.set(event.key, event.object.node);
      if (event.object.node !== '') this.dirtyNodes.add(event.object.node);
    }
  }

  private onNodes(events: InformerEvent<NodeRowObject>[]): void {
    for (const event of events) {
      // Nodes are cluster-scoped: their key is `/name`.
      const name = event.key.slice(event.key.indexOf('/') + 1);
      this.dirtyNodes.add(name);
    }
  }

  private schedule(): void {
    if (!this.disposed) this.coalescer.request();
  }

  private synced(): boolean {
    return [this.ds, this.pods, this.nodes, this.revisions, this.events].every((h) => {
      const status = h.informer.currentStatus();
      return status.synced || status.error !== undefined;
    });
  }

  private buildColumns(): void {
    const newest = new Map<string, RevisionRef>();
    for (const r of this.revisions.informer.snapshot()) {
      const seen = newest.get(r.ownerUid);
      if (!seen || r.revision > seen.revision) newest.set(r.ownerUid, r);
    }
    this.columns = this.ds.informer
      .snapshot()
      .filter((ds) => !ds.metadata?.deletionTimestamp)
      .map((ds): Column => {
        const namespace = ds.metadata?.namespace ?? '';
        const name = ds.metadata?.name ?? '';
        const uid = ds.metadata?.uid ?? '';
        const column: Column = {
          key: `${namespace}/${name}`,
          namespace,
          name,
          uid,
          eligible: 0,
          covered: 0,
          spec: (ds.spec?.template?.spec ?? {}) as PodSpec,
        };
        const hash = newest.get(uid)?.hash;
        if (hash) column.updateHash = hash;
        return column;
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Node names with their projected node; without the node list, the nodes pods are bound to. */
  private nodeNames(): Map<string, MatrixNode | undefined> {
    const names = new Map<string, MatrixNode | undefined>();
    if (!forbidden(this.nodes.informer.currentStatus().error)) {
      for (const n of this.nodes.informer.snapshot()) names.set(n.node.name, n.node);
      return names;
    }
    for (const pod of this.pods.informer.snapshot()) if (pod.node !== '') names.set(pod.node, undefined);
    return names;
  }

  private row(name: string, node: MatrixNode | undefined): MatrixRow {
    const pods = this.pods.informer.indexed(name);
    const podsForbidden = forbidden(this.pods.informer.currentStatus().error);
    // The room counts every pod on the node: only a cluster-wide pod watch sees them all.
    const allocatable = this.nodes.informer.get(`/${name}`)?.allocatable;
    const room =
      this.options.selection === '*' && allocatable && !podsForbidden
        ? nodeRoom(
            allocatable,
            pods.flatMap((p) => (p.use ? [p.use] : [])),
          )
        : undefined;
    const failures = this.failedCreates();
    let ok = 0;
    let expected = 0;
    const cells = this.columns.map((column) => {
      const cell = cellState({
        spec: column.spec,
        uid: column.uid,
        updateHash: column.updateHash,
        node,
        pods,
        room,
        createFailed: failures.get(column.uid),
        podsForbidden,
      });
      if (isExpected(cell)) expected++;
      if (isCovered(cell)) ok++;
      return cell;
    });
    return { node: node ?? bareNode(name), cells, ok, expected };
  }

  private failureCache: Map<string, string> | undefined;

  /** The newest FailedCreate message per DaemonSet uid. */
  private failedCreates(): Map<string, string> {
    if (this.failureCache) return this.failureCache;
    const newest = new Map<string, WarningEvent>();
    for (const column of this.columns) {
      const event = this.events.informer
        .indexed(column.uid)
        .filter((e) => e.reason === 'FailedCreate')
        .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))[0];
      if (event) newest.set(column.uid, event);
    }
    this.failureCache = new Map([...newest].map(([uid, e]) => [uid, e.message]));
    return this.failureCache;
  }

  private flush(): void {
    if (this.disposed || !this.synced()) return;
    this.failureCache = undefined;
    const reset = this.resetNeeded || !this.sentReset;
    const names = this.nodeNames();
    let changed: MatrixRow[] = [];
    const removed: string[] = [];
    if (reset) this.buildColumns();
    const targets = reset || this.allDirty ? [...names.keys()] : [...this.dirtyNodes].filter((n) => names.has(n));
    for (const name of targets) {
      const row = this.row(name, names.get(name));
      const before = this.rows.get(name);
      this.rows.set(name, row);
      if (reset || !before || JSON.stringify(before) !== JSON.stringify(row)) changed.push(row);
    }
    for (const name of [...this.rows.keys()]) {
      if (!names.has(name)) {
        this.rows.delete(name);
        removed.push(name);
      }
    }
    if (reset) changed = [...this.rows.values()];
    this.dirtyNodes.clear();
    this.allDirty = false;
    this.resetNeeded = false;
    if (!reset && changed.length === 0 && removed.length === 0 && !this.statusChanged) return;
    this.statusChanged = false;
    this.sentReset = true;
    this.options.emit(this.delta(reset, changed, removed));
  }

  private delta(reset: boolean, rows: MatrixRow[], removed: string[]): MatrixDelta {
    const columns: MatrixColumn[] = this.columns.map((c, i) => {
      let eligible = 0;
      let covered = 0;
      for (const row of this.rows.values()) {
        const cell = row.cells[i];
        if (cell && isExpected(cell)) eligible++;
        if (cell && isCovered(cell)) covered++;
      }
      return { key: c.key, namespace: c.namespace, name: c.name, uid: c.uid, eligible, covered };
    });
    const podsError = this.pods.informer.currentStatus().error;
    const nodesError = this.nodes.informer.currentStatus().error;
    const dsError = this.ds.informer.currentStatus().error;
    const delta: MatrixDelta = {
      reset,
      columns,
      rows: [...rows].sort((a, b) => a.node.name.localeCompare(b.node.name)),
      removed,
      synced: this.synced(),
      forbiddenNamespaces: forbidden(podsError) ? this.forbiddenNamespaces() : [],
      nodesForbidden: forbidden(nodesError),
    };
    const error = dsError ?? (forbidden(podsError) ? undefined : podsError);
    if (error) delta.error = toErrorDTO(error);
    return delta;
  }

  private forbiddenNamespaces(): string[] {
    if (this.options.selection !== '*') return [this.options.selection];
    return [...new Set(this.columns.map((c) => c.namespace))].sort();
  }
}
