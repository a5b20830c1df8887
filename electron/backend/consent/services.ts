import type { EverynodeServices } from '../../contract/index.js';
import type { BackendCore } from '../backend.js';

/** The contract's `consent` group over the backend's gate and the contexts that use it. */
export function consentServices(
  core: BackendCore,
  guard: <T>(work: () => Promise<T>) => Promise<T>,
): EverynodeServices['consent'] {
  const gate = core.consent;
  return {
    pending: () => Promise.resolve(core.consentRequests()),
    decide: (requestId, allow) =>
      guard(async () => {
        const contexts = await gate.decide(requestId, allow);
        // Connect again through the gate: allowed, the program runs now; refused, the context shows it was refused.
        await core.sessions.reconnectWaiting(contexts);
        return core.clustersState();
      }),
    list: () => Promise.resolve(gate.store.settings()),
    revoke: (decisionId) =>
      guard(async () => {
        await gate.store.revoke(decisionId);
        // A connected context whose program was just revoked stops using it: it asks again before connecting.
        await core.sessions.reconnectUsing(decisionId);
        return gate.store.settings();
      }),
    setAllowlist: (entries) =>
      guard(async () => {
        await gate.store.setAllowlist(entries);
        await core.sessions.reconnectWaiting();
        return gate.store.settings();
      }),
  };
}
