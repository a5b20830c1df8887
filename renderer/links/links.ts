import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { HelmReleaseInfo, ReferencedObject, ReferencesList, RefKind } from '../../electron/contract/refs-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';

export interface LinkTarget {
  context: string;
  namespace: string;
  name: string;
}

/** The open side panel: which object, and what the backend sent of it (a Secret's values only once revealed). */
export interface RefPanelState {
  context: string;
  namespace: string;
  kind: RefKind;
  name: string;
  object: ReferencedObject | null;
  error: AppErrorDTO | null;
  busy: boolean;
}

/**
 * The detail page's references (what its pod template names, each looked up by the backend), the one open read-only
 * panel, and the Helm release summary of a Helm-managed DaemonSet. A Secret's decoded values live in `panel` only:
 * closing it, or hiding them, drops them (they are asked for again on the next press).
 */
export const useLinksStore = defineStore('links', () => {
  const target = ref<LinkTarget | null>(null);
  const references = shallowRef<ReferencesList | null>(null);
  const error = ref<AppErrorDTO | null>(null);
  const panel = shallowRef<RefPanelState | null>(null);
  const helm = shallowRef<HelmReleaseInfo | null>(null);
  const helmError = ref<AppErrorDTO | null>(null);
  let asked = 0;

  const same = (a: LinkTarget | null, b: LinkTarget): boolean =>
    a?.context === b.context && a.namespace === b.namespace && a.name === b.name;

  /** (Re)reads the references of a DaemonSet: on open, and when its template changed. */
  async function load(next: LinkTarget): Promise<void> {
    if (!same(target.value, next)) {
      references.value = null;
      helm.value = null;
    }
    target.value = next;
    const mine = ++asked;
    try {
      const answer = await api().services.refs.list(next.context, next.namespace, next.name);
      if (mine !== asked) return;
      references.value = answer;
      error.value = null;
    } catch (e) {
      if (mine === asked) error.value = toErrorDTO(e);
    }
  }

  async function loadHelm(context: string, namespace: string, release: string): Promise<void> {
    try {
      helm.value = await api().services.helm.release(context, namespace, release);
      helmError.value = null;
    } catch (e) {
      helmError.value = toErrorDTO(e);
    }
  }

  async function fetchPanel(reveal: boolean): Promise<void> {
    const p = panel.value;
    if (!p) return;
    panel.value = { ...p, busy: true };
    try {
      const object = await api().services.refs.get(p.context, p.kind, p.namespace, p.name, { reveal });
      // Closed, or another object opened, meanwhile: the answer (values included) is dropped.
      if (panel.value?.kind === p.kind && panel.value.name === p.name) {
        panel.value = { ...panel.value, object, error: null, busy: false };
      }
    } catch (e) {
      if (panel.value?.kind === p.kind && panel.value.name === p.name) {
        panel.value = { ...panel.value, error: toErrorDTO(e), busy: false };
      }
    }
  }

  function openPanel(kind: RefKind, name: string): void {
    const t = target.value;
    if (!t) return;
    panel.value = { context: t.context, namespace: t.namespace, kind, name, object: null, error: null, busy: false };
    void fetchPanel(false);
  }

  const revealValues = (): Promise<void> => fetchPanel(true);
  /** Drops the decoded values here; the sizes stay. */
  function hideValues(): void {
    const p = panel.value;
    const secret = p?.object?.secret;
    if (!p?.object || !secret) return;
    const entries = secret.entries.map(({ key, bytes }) => ({ key, bytes }));
    panel.value = { ...p, object: { ...p.object, secret: { ...secret, entries, revealed: false } } };
  }

  function closePanel(): void {
    panel.value = null;
  }

  function reset(): void {
    asked++;
    target.value = null;
    references.value = null;
    error.value = null;
    panel.value = null;
    helm.value = null;
    helmError.value = null;
  }

  return {
    target,
    references,
    error,
    panel,
    helm,
    helmError,
    load,
    loadHelm,
    openPanel,
    revealValues,
    hideValues,
    closePanel,
    reset,
  };
});
