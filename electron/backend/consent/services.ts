import type { EverynodeServices } from '../../contract/index.js';
import type { BackendCore } from '../backend.js';

/** The contract's `consent` group over the backend's gate and its active context. */
export function consentServices(
  core: BackendCore,
  guard: <T>(work: () => Promise<T>) => Promise<T>,
): EverynodeServices['consent'] {
  const gate = core.consent;
  return {
    pending: () => Promise.resolve(gate.pending()),
    decide: (requestId, allow) =>
      guard(async () => {
        const context = await gate.decide(requestId, allow);
        // Connect again through the gate: allowed, the program runs now; refused, the context shows it was refused.
        if (core.active.name === context) await core.active.activate(context);
        return core.clustersState();
      }),
    list: () => Promise.resolve(gate.store.settings()),
    revoke: (decisionId) =>
      guard(async () => {
        await gate.store.revoke(decisionId);
        // A connected context whose program was just revoked stops using it: it asks again before connecting.
        if (core.active.name !== null && core.active.uses(decisionId)) await core.active.activate(core.active.name);
        return gate.store.settings();
      }),
    setAllowlist: (entries) =>
      guard(async () => {
        await gate.store.setAllowlist(entries);
        if (core.active.name !== null && core.active.connection.state === 'needs-consent') {
          await core.active.activate(core.active.name);
        }
        return gate.store.settings();
      }),
  };
}
