import { BackendCore } from './backend.js';
import { createServices } from './services.js';
import { connectFleet } from './fleet/services.js';
import type { Backend, BackendOptions, ClientSession, EventSink } from './types.js';

// The backend's composition root, apart from BackendCore so that the services, which take the core, do not form an
// import cycle with it (backend.ts -> services.ts -> backend.ts).

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const core = new BackendCore(options);
  await core.start();
  return {
    connect(sink: EventSink): ClientSession {
      core.sinks.add(sink);
      // A window exists now: the context the user chose last time may run its (allowed) credential program.
      void core.sessions.chooseOnFirstWindow(core.state.get().lastContext).catch(() => undefined);
      // And the contexts opted in to the fleet view, each through the consent gate (issue 15).
      void connectFleet(core);
      return {
        services: createServices(core, sink),
        dispose: () => {
          core.sinks.delete(sink);
          core.live.disposeClient(sink);
        },
      };
    },
    addKubeconfigPath: (file: string) => core.addKubeconfigFile(file),
    dispose: () => core.dispose(),
  };
}
