import type { ClustersState, EverynodeServices, HostInfo, KubeconfigInput } from '../contract/index.js';
import { hostConsent, type ConsentPolicy } from './host-consent.js';

export interface HostOverrides {
  info: HostInfo;
  /** What `clusters.addKubeconfig({ kind: 'dialog' })` does in this host (a native dialog, or a refusal). */
  addFromDialog(): Promise<ClustersState>;
  /** Who answers consent questions and may change the allowlist (see host-consent.ts). */
  consent: ConsentPolicy;
}

/**
 * The backend's services as one host offers them: the host says what it is and owns the file dialog, since the
 * backend never opens a path the renderer names. Delegation is explicit so that methods keep their `this`.
 */
export function hostServices(services: EverynodeServices, overrides: HostOverrides): EverynodeServices {
  const { clusters } = services;
  return {
    host: { info: () => Promise.resolve({ ...overrides.info }) },
    clusters: {
      getState: () => clusters.getState(),
      switchContext: (name: string) => clusters.switchContext(name),
      connect: (context: string) => clusters.connect(context),
      disconnect: (context: string) => clusters.disconnect(context),
      addKubeconfig: (input: KubeconfigInput) =>
        input.kind === 'dialog' ? overrides.addFromDialog() : clusters.addKubeconfig(input),
      reconnect: (context?: string) => clusters.reconnect(context),
      confirmPlainHttp: (context: string) => clusters.confirmPlainHttp(context),
    },
    projects: services.projects,
    daemonsets: services.daemonsets,
    wizard: services.wizard,
    detail: services.detail,
    editor: services.editor,
    streams: services.streams,
    consent: hostConsent(services.consent, overrides.consent),
  };
}
