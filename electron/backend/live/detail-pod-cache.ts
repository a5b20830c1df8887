import type { DetailPod } from '../../contract/index.js';
import { applyKeyed, byNodeThenName, type KeyedChange } from '../../../common/detail-delta.js';
import { objectKey } from '../watch/types.js';
import type { PodObject } from '../kinds/objects.js';
import { controlledBy } from '../kinds/owner.js';
import type { WarningEvent } from '../kinds/warning-event.js';
import { podProblem } from '../resources/pod-problem.js';
import { toDetailPod } from '../resources/detail-convert.js';

interface Entry {
  uid: string;
  version: string;
  /** The pod's Warning events the entry was converted with (the same array while the events did not change). */
  events: WarningEvent[] | undefined;
  minReady: number;
  object: PodObject;
  detail: DetailPod;
}

/** What a flush judges the pods by: their owner, the DaemonSet's minReadySeconds, the clock and the Warning events. */
export interface PodJudgement {
  owner: string;
  minReady: number;
  now: number;
  /** Warning events by the uid of the object they are about; the same map (and arrays) while nothing changed. */
  warnings: Map<string, WarningEvent[]>;
}

/** The pods' informer, as far as the cache reads it. */
export interface PodSource {
  get(key: string): PodObject | undefined;
  snapshot(): PodObject[];
}

/**
 * The detail page's pods, converted once per version and kept in (node, name) order. A flush on 5,000 nodes looks
 * only at the pods its informer reported (by key), the pods whose Warning events changed and those Ready but not yet
 * available (they become available by the clock alone), and says what changed: the delta is built from that instead
 * of comparing 5,000 pods, and the list is not sorted again: the pods that came or moved are merged in.
 */
export class DetailPodCache {
  private entries = new Map<string, Entry>();
  private keyOfUid = new Map<string, string>();
  private clockBound = new Set<string>();
  private sorted: DetailPod[] = [];
  private judged: PodJudgement | undefined;

  /**
   * Brings the pods up to date: `keys` are the informer keys that may have changed since the last call ('all': every
   * pod, as after a relist). Returns what changed in `pods()`, by pod name.
   */
  update(judgement: PodJudgement, keys: Iterable<string> | 'all', source: PodSource): KeyedChange<DetailPod> {
    const before = this.judged;
    const whole = keys === 'all' || before?.owner !== judgement.owner || before.minReady !== judgement.minReady;
    const dirty = new Set<string>(whole ? this.entries.keys() : keys);
    if (whole) for (const pod of source.snapshot()) dirty.add(objectKey(pod));
    for (const key of this.clockBound) dirty.add(key);
    if (before && before.warnings !== judgement.warnings) {
      for (const uid of new Set([...before.warnings.keys(), ...judgement.warnings.keys()])) {
        const key = this.keyOfUid.get(uid);
        if (key !== undefined && before.warnings.get(uid) !== judgement.warnings.get(uid)) dirty.add(key);
      }
    }
    this.judged = judgement;
    const change: KeyedChange<DetailPod> = { set: [], removed: [] };
    for (const key of dirty) {
      const old = this.entries.get(key);
      const entry = this.look(key, source.get(key), judgement);
      if (entry === old) continue;
      if (entry === undefined) {
        this.forget(key, old);
        change.removed.push(old?.detail.name ?? '');
        continue;
      }
      if (old && old.uid !== entry.uid) this.keyOfUid.delete(old.uid);
      this.entries.set(key, entry);
      this.keyOfUid.set(entry.uid, key);
      if (entry.detail !== old?.detail) change.set.push(entry.detail);
    }
    // The same rule the page applies the delta by: the pods that came or moved are merged in, the list not sorted.
    this.sorted = applyKeyed(this.sorted, change, byNodeThenName);
    return change;
  }

  /** The pods, in (node, name) order: the same array while nothing changed. */
  pods(): DetailPod[] {
    return this.sorted;
  }

  /** The problem the last conversion found for a pod (by uid), so the DaemonSet's issues need not judge it again. */
  problemOf(uid: string): DetailPod['problem'] {
    const key = this.keyOfUid.get(uid);
    return key === undefined ? undefined : this.entries.get(key)?.detail.problem;
  }

  /** The owned pods as the API sent them; `withProblem`: only those the last conversion found a problem with. */
  objects(withProblem = false): PodObject[] {
    const out: PodObject[] = [];
    for (const entry of this.entries.values()) if (!withProblem || entry.detail.problem) out.push(entry.object);
    return out;
  }

  owns(uid: string): boolean {
    return this.keyOfUid.has(uid);
  }

  /** Some pod is Ready but not yet available: it becomes available by the clock alone. */
  waitingOnClock(): boolean {
    return this.clockBound.size > 0;
  }

  /** The entry the pod at `key` has now (the old one when nothing it shows changed); undefined when it is not ours. */
  private look(key: string, pod: PodObject | undefined, judgement: PodJudgement): Entry | undefined {
    const { owner, minReady, now, warnings } = judgement;
    if (pod === undefined || !controlledBy(pod, owner)) return undefined;
    const old = this.entries.get(key);
    const uid = pod.metadata?.uid ?? '';
    const version = pod.metadata?.resourceVersion ?? '';
    const events = warnings.get(uid);
    const fresh =
      old !== undefined &&
      version !== '' &&
      old.version === version &&
      old.events === events &&
      old.minReady === minReady;
    const clockBound = fresh && old.detail.ready && !old.detail.available && minReady > 0;
    if (fresh && !clockBound) return old;
    const detail = toDetailPod(pod, minReady, now, podProblem(pod, events ?? []));
    if (detail.ready && !detail.available && minReady > 0) this.clockBound.add(key);
    else this.clockBound.delete(key);
    // Still not available by the clock, nothing else changed: the old entry stays.
    if (fresh && detail.available === old.detail.available) return old;
    return { uid, version, events, minReady, object: pod, detail };
  }

  private forget(key: string, old: Entry | undefined): void {
    this.entries.delete(key);
    this.clockBound.delete(key);
    if (old) this.keyOfUid.delete(old.uid);
  }
}
