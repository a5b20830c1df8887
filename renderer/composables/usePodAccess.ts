import { ref, watch } from 'vue';
import { execAccess } from '../exec/shell';
import { forwardAccess } from '../forward/forwards';

/** What the user lacks for a pod's Shell and Forward (PodActions offers each only where nothing is missing). */
export interface PodAccess {
  /** The verbs of pods/exec missing (empty: a shell may open); null while asking. */
  exec: string[] | null;
  /** The verbs of pods/portforward missing; null while asking. */
  forward: string[] | null;
}

/**
 * Asks both subresources' verbs once per context and project (SelfSubjectAccessReviews), for the detail page's pods
 * table and the pod panel alike; a refused question counts as both verbs missing.
 */
export function usePodAccess(where: () => readonly [string, string] | null) {
  const access = ref<PodAccess>({ exec: null, forward: null });
  watch(
    () => where()?.join('\u0000') ?? '',
    () => {
      const at = where();
      access.value = { exec: null, forward: null };
      if (!at) return;
      const [context, namespace] = at;
      const key = at.join('\u0000');
      const ask = (kind: keyof PodAccess, question: (c: string, n: string) => Promise<{ missing: string[] }>) =>
        question(context, namespace)
          .then(
            (answer) => answer.missing,
            () => ['create', 'get'],
          )
          .then((missing) => {
            if (where()?.join('\u0000') === key) access.value = { ...access.value, [kind]: missing };
          });
      void ask('exec', execAccess);
      void ask('forward', forwardAccess);
    },
    { immediate: true },
  );
  return access;
}
