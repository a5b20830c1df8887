import type { EverynodeServices, FleetState } from '../../contract/index.js';
import type { BackendCore } from '../backend.js';
import { resolveContext } from '../session/context-connection.js';
import type { GroupHandlers } from '../guard.js';

/** The contract's `fleet` group: the opted-in contexts; createServices guards it. */
export function fleetServices(core: BackendCore): GroupHandlers<EverynodeServices['fleet']> {
  const state = (): FleetState => ({ optedIn: core.fleet.list() });
  return {
    getState: state,
    setOptIn: async (context, optedIn) => {
      // Only a context some kubeconfig defines may be remembered (refused by name otherwise).
      if (optedIn) resolveContext(core.store, context);
      await core.fleet.set(context, optedIn);
      // Opting in is the user's choice of this context: it connects through the consent gate, which runs only an
      // allowed program and otherwise leaves the context waiting for consent.
      if (optedIn) await core.sessions.choose(context);
      return state();
    },
  };
}

/**
 * A window exists: every opted-in context still defined connects, each on its own (one that needs consent, times
 * out or is refused leaves the others alone). The consent gate decides: a program not already allowed never runs.
 */
export async function connectFleet(core: BackendCore): Promise<void> {
  const defined = core.fleet.list().filter((name) => core.store.resolve(name) !== undefined);
  const waiting = defined.filter((name) => core.sessions.get(name) === undefined);
  await Promise.all(waiting.map((name) => core.sessions.choose(name).catch(() => undefined)));
}
