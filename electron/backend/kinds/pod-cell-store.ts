import type { PodProblem } from '../../contract/index.js';
import type { InformerStore } from '../watch/store.js';
import { projectPodCell, type PodCell } from './pod-cell.js';
import type { Projection } from './source.js';

// The coverage matrix's cluster-wide pod cache, kept compact: 150,000 pods of a 5,000 × 30 matrix as objects (the
// cell, its metadata and node use, the informer's map entry, the node index's set entry) cost about 1 KB each. Here a
// pod is a slot: its fields in typed arrays, its repeated strings (node, owner uid, revision hash, phase, namespace)
// as numbers into one table, its node index an intrusive list through the slots, its problem and host ports (rare)
// in side maps. What it hands out is a fresh PodCell equal to the one put in (tests/unit/backend/pod-cell-store).

type HostPort = { port: number; protocol: string; hostIP?: string };
const NO_HOST_PORTS: HostPort[] = Object.freeze([]) as never;
const NONE = -1;

const READY = 1;
const DELETING = 2;
const STARTED = 4;
const USE = 8;
const USE_OWNER = 16;

/** Index values of the pod cells (podCell.index): a node's pods, and the pod of a uid (a Warning event's). */
export const byNode = (node: string): string => `node\u0000${node}`;
export const byUid = (uid: string): string => `uid\u0000${uid}`;
/** A node's pods of one owner (a DaemonSet's uid): answered from the node's list without handing out the others. */
const OWNED = 'owned\u0000';
export const byNodeAndOwner = (node: string, owner: string): string => `${OWNED}${owner}\u0000${node}`;

/** Strings by number, each kept once: few distinct values, repeated by every pod. */
class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  id(value: string | undefined): number {
    if (value === undefined) return NONE;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a value already kept, else NONE (a question never adds a value). */
  find(value: string): number {
    return this.ids.get(value) ?? NONE;
  }

  value(id: number): string | undefined {
    return id === NONE ? undefined : this.values[id];
  }
}

// A resourceVersion is opaque (compared for equality only); one that is a plain decimal integer, as the API server's
// are, is kept as a number and given back as the same text; any other is kept as it came.
const NUMERIC_VERSION = /^(0|[1-9]\d{0,14})$/;

export class PodCellStore implements InformerStore<PodCell> {
  private readonly slots = new Map<string, number>();
  private readonly uidSlots = new Map<string, number>();
  private readonly strings = new StringTable();
  private readonly free: number[] = [];
  private capacity = 0;
  private used = 0;
  private keyOf: (string | undefined)[] = [];
  private uidOf: (string | undefined)[] = [];
  private nameStart = new Int32Array(0);
  private namespace = new Int32Array(0);
  private node = new Int32Array(0);
  private owner = new Int32Array(0);
  private hash = new Int32Array(0);
  private phase = new Int32Array(0);
  private useNode = new Int32Array(0);
  private flags = new Uint8Array(0);
  private version = new Float64Array(0);
  private cpu = new Float64Array(0);
  private memory = new Float64Array(0);
  // The node index: a list per node id through the slots.
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  private head = new Int32Array(0);
  /** The node id whose list a slot is in, else NONE. */
  private listed = new Int32Array(0);
  private readonly versionText = new Map<number, string | undefined>();
  /** A name that is not the end of its key (never from the API: its key is made of it). */
  private readonly oddNames = new Map<number, string>();
  /** A node use that the slot's fields cannot say (its pod not the key, or another owner): kept as it came. */
  private readonly oddUses = new Map<number, NonNullable<PodCell['use']>>();
  private readonly problems = new Map<number, PodProblem>();
  private readonly hostPorts = new Map<number, HostPort[]>();

  get size(): number {
    return this.slots.size;
  }

  get(key: string): PodCell | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.cell(slot);
  }

  put(key: string, pod: PodCell): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.take();
      this.slots.set(key, slot);
      this.keyOf[slot] = key;
    } else this.clear(slot);
    this.write(slot, key, pod);
  }

  remove(key: string): PodCell | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    const pod = this.cell(slot);
    this.clear(slot);
    this.slots.delete(key);
    this.keyOf[slot] = undefined;
    this.free.push(slot);
    return pod;
  }

  keys(): Iterable<string> {
    return this.slots.keys();
  }

  values(): PodCell[] {
    return [...this.slots.values()].map((slot) => this.cell(slot));
  }

  inNamespace(namespace: string): PodCell[] {
    const id = this.strings.find(namespace);
    const found: PodCell[] = [];
    if (id === NONE && namespace !== '') return found;
    for (const slot of this.slots.values()) {
      const own = this.namespace[slot] ?? NONE;
      if (own === id || (own === NONE && namespace === '')) found.push(this.cell(slot));
    }
    return found;
  }

  /** Pod cells keep no labels: only the empty selector matches them (all of them). */
  matching(labels: Record<string, string>): PodCell[] | undefined {
    return Object.keys(labels).length === 0 ? undefined : [];
  }

  indexed(value: string): PodCell[] {
    if (value.startsWith(byUid(''))) {
      const slot = this.uidSlots.get(value.slice(byUid('').length));
      return slot === undefined ? [] : [this.cell(slot)];
    }
    if (value.startsWith(OWNED)) {
      const [owner = '', node = ''] = value.slice(OWNED.length).split('\u0000');
      const id = this.strings.find(owner);
      return id === NONE ? [] : this.onNode(node, id);
    }
    if (!value.startsWith(byNode(''))) return [];
    return this.onNode(value.slice(byNode('').length));
  }

  /** The pods on a node (of one owner's string id, when given), oldest first as a map's insertion order gives them. */
  private onNode(name: string, owner?: number): PodCell[] {
    const node = this.strings.find(name);
    const found: PodCell[] = [];
    if (node === NONE || node >= this.head.length) return found;
    for (let slot = this.head[node] ?? NONE; slot !== NONE; slot = this.next[slot] ?? NONE) {
      if (owner === undefined || this.owner[slot] === owner) found.push(this.cell(slot));
    }
    return found.reverse();
  }

  private take(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.grow(Math.max(1024, Math.ceil(this.capacity * 1.5)));
    return this.used++;
  }

  private grow(capacity: number): void {
    const more = <A extends Int32Array | Uint8Array | Float64Array>(array: A): A => {
      const grown = new (array.constructor as new (n: number) => A)(capacity);
      grown.set(array);
      return grown;
    };
    this.nameStart = more(this.nameStart);
    this.namespace = more(this.namespace);
    this.node = more(this.node);
    this.owner = more(this.owner);
    this.hash = more(this.hash);
    this.phase = more(this.phase);
    this.useNode = more(this.useNode);
    this.flags = more(this.flags);
    this.version = more(this.version);
    this.cpu = more(this.cpu);
    this.memory = more(this.memory);
    this.next = more(this.next);
    this.prev = more(this.prev);
    this.listed = more(this.listed);
    this.capacity = capacity;
  }

  private write(slot: number, key: string, pod: PodCell): void {
    const { name, namespace, uid, resourceVersion } = pod.metadata;
    // The key is `namespace/name` (watch/types.ts objectKey): the name is kept as where it starts in the key.
    this.nameStart[slot] = name !== undefined && key.endsWith(`/${name}`) ? key.length - name.length : NONE;
    if (this.nameStart[slot] === NONE && name !== undefined) this.oddNames.set(slot, name);
    this.namespace[slot] = this.strings.id(namespace);
    this.uidOf[slot] = uid;
    if (uid !== undefined) this.uidSlots.set(uid, slot);
    if (resourceVersion !== undefined && NUMERIC_VERSION.test(resourceVersion)) {
      this.version[slot] = Number(resourceVersion);
    } else {
      this.version[slot] = Number.NaN;
      this.versionText.set(slot, resourceVersion);
    }
    this.node[slot] = this.strings.id(pod.node);
    this.owner[slot] = this.strings.id(pod.ownerUid);
    this.hash[slot] = this.strings.id(pod.revisionHash);
    this.phase[slot] = this.strings.id(pod.phase);
    let flags = (pod.ready ? READY : 0) | (pod.deleting ? DELETING : 0) | (pod.started ? STARTED : 0);
    if (pod.problem) this.problems.set(slot, pod.problem);
    const use = pod.use;
    if (use) {
      flags |= USE;
      if (use.daemonSetUid !== undefined) flags |= USE_OWNER;
      this.useNode[slot] = this.strings.id(use.node);
      this.cpu[slot] = use.cpu;
      this.memory[slot] = use.memory;
      if (use.hostPorts.length > 0) this.hostPorts.set(slot, use.hostPorts);
      // The use's pod is the key, and its owner the cell's (both read the controlling DaemonSet reference); a pod
      // for which either differs is kept as it came.
      if (use.pod !== key || (use.daemonSetUid !== undefined && use.daemonSetUid !== pod.ownerUid)) {
        this.oddUses.set(slot, use);
      }
    }
    this.flags[slot] = flags;
    this.link(slot, pod.node === '' ? NONE : (this.node[slot] ?? NONE));
  }

  private clear(slot: number): void {
    this.unlink(slot);
    const uid = this.uidOf[slot];
    if (uid !== undefined && this.uidSlots.get(uid) === slot) this.uidSlots.delete(uid);
    this.uidOf[slot] = undefined;
    this.versionText.delete(slot);
    this.oddNames.delete(slot);
    this.problems.delete(slot);
    this.hostPorts.delete(slot);
    this.oddUses.delete(slot);
  }

  private link(slot: number, node: number): void {
    this.prev[slot] = NONE;
    this.next[slot] = NONE;
    this.listed[slot] = node;
    if (node === NONE) return;
    if (node >= this.head.length) {
      const grown = new Int32Array(Math.max(1024, node * 2)).fill(NONE);
      grown.set(this.head);
      this.head = grown;
    }
    const first = this.head[node] ?? NONE;
    this.next[slot] = first;
    if (first !== NONE) this.prev[first] = slot;
    this.head[node] = slot;
  }

  private unlink(slot: number): void {
    const node = this.listed[slot] ?? NONE;
    if (node === NONE) return;
    this.listed[slot] = NONE;
    const before = this.prev[slot] ?? NONE;
    const after = this.next[slot] ?? NONE;
    if (before === NONE) this.head[node] = after;
    else this.next[before] = after;
    if (after !== NONE) this.prev[after] = before;
  }

  private cell(slot: number): PodCell {
    const key = this.keyOf[slot] ?? '';
    const start = this.nameStart[slot] ?? NONE;
    const version = this.version[slot] ?? Number.NaN;
    const s = (ids: Int32Array): string => this.strings.value(ids[slot] ?? NONE) ?? '';
    const cell: PodCell = {
      metadata: {
        name: start === NONE ? this.oddNames.get(slot) : key.slice(start),
        namespace: this.strings.value(this.namespace[slot] ?? NONE),
        uid: this.uidOf[slot],
        resourceVersion: Number.isNaN(version) ? this.versionText.get(slot) : String(version),
      },
      node: s(this.node),
      ownerUid: s(this.owner),
      revisionHash: s(this.hash),
      phase: s(this.phase),
      ready: ((this.flags[slot] ?? 0) & READY) !== 0,
      deleting: ((this.flags[slot] ?? 0) & DELETING) !== 0,
      started: ((this.flags[slot] ?? 0) & STARTED) !== 0,
    };
    const problem = this.problems.get(slot);
    if (problem) cell.problem = problem;
    const flags = this.flags[slot] ?? 0;
    if ((flags & USE) !== 0) {
      cell.use = this.oddUses.get(slot) ?? {
        node: s(this.useNode),
        pod: key,
        cpu: this.cpu[slot] ?? 0,
        memory: this.memory[slot] ?? 0,
        hostPorts: this.hostPorts.get(slot) ?? NO_HOST_PORTS,
        ...((flags & USE_OWNER) !== 0 ? { daemonSetUid: cell.ownerUid } : {}),
      };
    }
    return cell;
  }
}

/** The coverage matrix's pod watch: each pod's cell facts, indexed by node and uid, kept in a PodCellStore. */
export const podCell: Projection<PodCell> = {
  name: 'cell',
  project: projectPodCell,
  // The matrix finds a node's pods by the node's name (byNode), or those of one DaemonSet (byNodeAndOwner), and the pod
  // a Warning event is about by its uid.
  index: (pod) => [
    ...(pod.node === '' ? [] : [byNode(pod.node), byNodeAndOwner(pod.node, pod.ownerUid)]),
    ...(pod.metadata.uid === undefined ? [] : [byUid(pod.metadata.uid)]),
  ],
  store: () => new PodCellStore(),
};
