import type { DetailPod } from '../../contract/index.js';
import { byNodeThenName } from '../../../common/detail-delta.js';
import type { PodObject } from '../kinds/objects.js';
import type { WarningEvent } from '../kinds/warning-event.js';
import { podProblem } from '../resources/pod-problem.js';
import { toDetailPod } from '../resources/detail-convert.js';

interface Entry {
  version: string;
  /** The pod's Warning events the entry was converted with (the same array while the events did not change). */
  events: WarningEvent[] | undefined;
  minReady: number;
  detail: DetailPod;
}

/**
 * The detail page's pods, converted once per version. A flush on 5,000 nodes converts only the pods whose
 * resourceVersion or Warning events changed since the last one and hands back the same DetailPod objects for the
 * rest, so the delta's compare stops at `===` and an unchanged list is not sorted again. A pod Ready but not yet
 * available is converted at every flush: it becomes available by the clock alone.
 */
export class DetailPodCache {
  private entries = new Map<string, Entry>();
  private sorted: DetailPod[] = [];

  /** `pods` as DetailPods in (node, name) order; `warnings` by pod uid, the same arrays while nothing changed. */
  convert(pods: PodObject[], minReady: number, now: number, warnings: Map<string, WarningEvent[]>): DetailPod[] {
    const next = new Map<string, Entry>();
    let changed = pods.length !== this.sorted.length;
    for (const pod of pods) {
      const uid = pod.metadata?.uid ?? '';
      const version = pod.metadata?.resourceVersion ?? '';
      const events = warnings.get(uid);
      let entry = this.entries.get(uid);
      const fresh =
        entry !== undefined &&
        version !== '' &&
        entry.version === version &&
        entry.events === events &&
        entry.minReady === minReady;
      const clockBound = entry !== undefined && entry.detail.ready && !entry.detail.available && minReady > 0;
      if (!fresh || clockBound) {
        const detail = toDetailPod(pod, minReady, now, podProblem(pod, events ?? []));
        // A clock-bound pod still not available, nothing else changed: the old object stays.
        if (!(fresh && entry !== undefined && detail.available === entry.detail.available)) {
          entry = { version, events, minReady, detail };
          changed = true;
        }
      }
      if (entry !== undefined) next.set(uid, entry);
    }
    this.entries = next;
    if (changed) this.sorted = [...next.values()].map((e) => e.detail).sort(byNodeThenName);
    return this.sorted;
  }

  /** The problem the last conversion found for a pod (by uid), so the DaemonSet's issues need not judge it again. */
  problemOf(uid: string): DetailPod['problem'] {
    return this.entries.get(uid)?.detail.problem;
  }
}
