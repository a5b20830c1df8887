import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { ConsentRequest, ConsentSettings } from '../../electron/contract/consent-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { busyAction } from '../composables/busy-action';
import { useClustersStore } from './clusters';

/**
 * The credential program waiting for the user's consent (shown as a dialog) and the remembered decisions with the
 * allowlist (the settings view). The backend decides what needs consent; this store only shows and answers.
 */
export const useConsentStore = defineStore('consent', () => {
  const request = ref<ConsentRequest | null>(null);
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
    events.on('onDidChangeConsent', (next) => (request.value = next.request));
    onReconnect(() => void loadPending());
    void loadPending();
    api()
      .services.host.info()
      .then((info) => (nativeDialogs.value = info.kind === 'electron'))
      .catch(() => undefined);
  }

  async function loadPending(): Promise<void> {
    try {
      request.value = await api().services.consent.pending();
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
      useClustersStore().state = await api().services.consent.decide(pending.id, allow);
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
