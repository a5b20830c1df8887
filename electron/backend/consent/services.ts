import type { EverynodeServices } from '../../contract/index.js';
import type { BackendCore } from '../backend.js';
import type { GroupHandlers } from '../guard.js';

/** The contract's `consent` group over the backend's gate and the contexts that use it; createServices guards it. */
export function consentServices(core: BackendCore): GroupHandlers<EverynodeServices['consent']> {
  const gate = core.consent;
  return {
    pending: () => core.consentRequests(),
    decide: async (requestId, allow) => {
      const contexts = await gate.decide(requestId, allow);
      // Connect again through the gate: allowed, the program runs now; refused, the context shows it was refused.
      await core.sessions.reconnectWaiting(contexts);
      return core.clustersState();
    },
    list: () => gate.store.settings(),
    revoke: async (decisionId) => {
      await gate.store.revoke(decisionId);
      // A connected context whose program was just revoked stops using it: it asks again before connecting.
      await core.sessions.reconnectUsing(decisionId);
      return gate.store.settings();
    },
    setAllowlist: async (entries) => {
      await gate.store.setAllowlist(entries);
      await core.sessions.reconnectWaiting();
      return gate.store.settings();
    },
  };
}
