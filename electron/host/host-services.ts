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
 * backend never opens a path the renderer names. Every other method is the backend's own (its services are closures,
 * createServices' guarded handler tables, so they need no `this`).
 */
export function hostServices(services: EverynodeServices, overrides: HostOverrides): EverynodeServices {
  const { clusters } = services;
  return {
    ...services,
    host: { info: () => Promise.resolve({ ...overrides.info }) },
    clusters: {
      ...clusters,
      addKubeconfig: (input: KubeconfigInput) =>
        input.kind === 'dialog' ? overrides.addFromDialog() : clusters.addKubeconfig(input),
    },
    consent: hostConsent(services.consent, overrides.consent),
  };
}
