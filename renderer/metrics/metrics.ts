import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue';
import type { MetricsBase, PodUsage } from '../../electron/contract/metrics-dto';
import type { StreamArgs, StreamDelta } from '../../electron/contract/streams';
import { useLive } from '../composables/useLive';

type MetricsStream = 'podMetrics' | 'nodeMetrics' | 'podUsage';

export interface MetricsFeed<N extends MetricsStream> {
  picture: ShallowRef<StreamDelta<N> | null>;
  /** Whether its CPU and memory columns show: the cluster serves metrics and the user may read them. */
  shown: ComputedRef<boolean>;
}

/** One metrics stream that follows its args (null closes it); the backend polls only while one is open. */
export function useMetrics<N extends MetricsStream>(name: N, args: () => StreamArgs<N> | null): MetricsFeed<N> {
  const picture = shallowRef<StreamDelta<N> | null>(null);
  useLive(name, args, {
    delta: (delta) => (picture.value = delta),
    opening: () => (picture.value = null),
  });
  const shown = computed(() => {
    const state: MetricsBase['state'] | undefined = picture.value?.state;
    return state === 'ok' || state === 'loading' || state === undefined;
  });
  return { picture, shown };
}

/** A DaemonSet's matchLabels as the API's labelSelector parameter (null while it has none). */
export function selectorOf(labels: Record<string, string> | undefined): string | null {
  const pairs = Object.entries(labels ?? {});
  return pairs.length === 0 ? null : pairs.map(([k, v]) => `${k}=${v}`).join(',');
}

/** A pod's usage in a picture, by namespace and name. */
export function usageOf(pods: readonly PodUsage[] | undefined, namespace: string, name: string): PodUsage | undefined {
  return pods?.find((p) => p.name === name && p.namespace === namespace);
}
