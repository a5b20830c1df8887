import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { ConsentRequest, ConsentSettings } from '../../electron/contract/consent-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { busyAction } from '../composables/busy-action';
import { useClustersStore } from './clusters';

/**
 * The credential programs waiting for the user's consent, one per context (shown as a dialog, one at a time: the
 * active context's first, then the others), and the remembered decisions with the allowlist (the settings view). The
 * backend decides what needs consent; this store only shows and answers.
 */
export const useConsentStore = defineStore('consent', () => {
  const requests = ref<ConsentRequest[]>([]);
  const clusters = useClustersStore();
  /** The request the dialog asks about now: an unanswered one, the active context's first. */
  const request = computed<ConsentRequest | null>(() => {
    const open = requests.value.filter((r) => !r.denied);
    return open.find((r) => r.context === clusters.activeContext) ?? open[0] ?? null;
  });
  const settings = ref<ConsentSettings | null>(null);
  const busy = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  /** The desktop app answers consent in native dialogs of its own (the page may only ask for them). */
  const nativeDialogs = ref(false);

  let started = false;
  function init(): void {
    if (started) return;
    started = true;
    const { events, onReconnect } = api();
    events.on('onDidChangeConsent', (next) => (requests.value = next.requests));
    onReconnect(() => void loadPending());
    void loadPending();
    api()
      .services.host.info()
      .then((info) => (nativeDialogs.value = info.kind === 'electron'))
      .catch(() => undefined);
  }

  async function loadPending(): Promise<void> {
    try {
      requests.value = await api().services.consent.pending();
    } catch (e) {
      error.value = toErrorDTO(e);
    }
  }

  const run = busyAction(busy, error);

  /** Answers the pending request; allowing connects the context (the clusters store gets the new state). */
  function decide(allow: boolean): Promise<boolean> {
    const pending = request.value;
    if (!pending) return Promise.resolve(false);
    return run(async () => {
      clusters.state = await api().services.consent.decide(pending.id, allow);
      // The settings view, when open, lists the new answer too.
      if (settings.value) settings.value = await api().services.consent.list();
    });
  }

  const loadSettings = () =>
    run(async () => {
      settings.value = await api().services.consent.list();
    });
  const revoke = (id: string) =>
    run(async () => {
      settings.value = await api().services.consent.revoke(id);
    });
  const setAllowlist = (entries: string[]) =>
    run(async () => {
      settings.value = await api().services.consent.setAllowlist(entries);
    });

  return {
    requests,
    request,
    settings,
    busy,
    error,
    nativeDialogs,
    init,
    loadPending,
    decide,
    loadSettings,
    revoke,
    setAllowlist,
  };
});
