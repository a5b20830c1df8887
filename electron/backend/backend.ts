import path from 'node:path';
import type { ClustersState, ConsentRequest, EventName, EverynodeEvents } from '../contract/index.js';
import { ConsentGate } from './consent/gate.js';
import { ConsentStore } from './consent/store.js';
import { LiveHub } from './live/hub.js';
import { streamSpecs } from './live/streams.js';
import { KubeconfigStore } from './kubeconfig/store.js';
import { RememberedPaths } from './kubeconfig/remembered-paths.js';
import { Projects } from './resources/projects.js';
import { Sessions } from './session/pool.js';
import { startBuiltInSandbox, type RunningSandbox } from './sandbox.js';
import { StateFile } from './files/state-file.js';
import { FleetOptIns } from './fleet/opt-ins.js';
import { defaultTuning, type BackendOptions, type BackendTuning, type EventSink } from './types.js';
import { WatchManager } from './watch/manager.js';

/** Everything one backend owns; client sessions reach it through createServices() (see create-backend.ts). */
export class BackendCore {
  readonly tuning: BackendTuning;
  readonly store: KubeconfigStore;
  readonly remembered: RememberedPaths;
  readonly state: StateFile;
  /** The contexts opted in to the fleet view (issue 15). */
  readonly fleet: FleetOptIns;
  readonly manager: WatchManager;
  readonly projects: Projects;
  readonly sessions: Sessions;
  readonly consent: ConsentGate;
  readonly live: LiveHub;
  readonly sinks = new Set<EventSink>();
  sandbox: RunningSandbox | undefined;

  constructor(readonly options: BackendOptions) {
    this.tuning = { ...defaultTuning, ...options.tuning };
    this.remembered = new RememberedPaths(options.stateDir);
    this.store = new KubeconfigStore({
      isRemembered: (file) => this.remembered.has(file),
      ...(options.kubeconfigEnv !== undefined ? { kubeconfigEnv: options.kubeconfigEnv } : {}),
      homeDir: options.homeDir,
      debounceMs: this.tuning.kubeconfigDebounceMs,
    });
    this.state = new StateFile(options.stateDir);
    this.fleet = new FleetOptIns(options.stateDir);
    this.manager = new WatchManager({
      livenessMs: this.tuning.livenessMs,
      backoffBaseMs: this.tuning.backoffBaseMs,
      backoffMaxMs: this.tuning.backoffMaxMs,
    });
    // Any watch of a context that hears from its server (bookmarks too) shows the server answering, so its health
    // probe asks only after all of them have been silent for its interval.
    this.manager.onTraffic((context) => this.sessions.noteActivity(context));
    this.projects = new Projects(this.state);
    this.live = new LiveHub(
      streamSpecs({
        manager: this.manager,
        projects: this.projects,
        tuning: this.tuning,
        onHealth: (session, error) => this.sessions.reportHealth(session, error),
      }),
      (context) => this.sessions.sessionFor(context),
    );
    this.consent = new ConsentGate(new ConsentStore(options.stateDir, options.allowPrograms ?? []), () =>
      this.broadcast('onDidChangeConsent', { requests: this.consentRequests() }),
    );
    this.sessions = new Sessions({
      store: this.store,
      projects: this.projects,
      consent: this.consent,
      requestTimeoutMs: this.tuning.requestTimeoutMs,
      probeTiming: { intervalMs: this.tuning.probeIntervalMs, timeoutMs: this.tuning.probeTimeoutMs },
      idleMs: this.tuning.idleSessionMs,
      hasStreams: (context) => this.live.contexts().has(context),
      onChange: (context, reason) => {
        // A context's new session (reconnect, kubeconfig edit, lazy reconnect) restarts its streams with a fresh
        // picture; without one (refused, revoked, disconnected) they end. Other contexts' streams are untouched.
        if (reason === 'session') this.live.onSessionChanged(context, this.sessions.get(context)?.current());
        this.broadcast('onDidChangeClusters', this.clustersState());
      },
    });
  }

  async start(): Promise<void> {
    await this.state.load();
    await this.fleet.load();
    await this.consent.store.load();
    await this.store.load();
    // Files known by path come back at the next start, after this run's KUBECONFIG (kubectl's order for those).
    for (const file of await this.remembered.load()) await this.store.addFile(file);
    for (const file of this.options.kubeconfigFiles ?? []) await this.store.addFile(file);
    await this.remembered.add(this.store.knownFiles());
    const mode = this.options.sandbox;
    if (mode === 'on' || (mode === 'auto' && !this.store.hasAnyKubeconfig())) {
      const { stateDir, sandboxOptions, sandboxLauncher } = this.options;
      this.sandbox = await startBuiltInSandbox(path.join(stateDir), sandboxOptions, sandboxLauncher);
      this.store.addSandbox(this.sandbox.kubeconfig, this.sandbox.kubeconfigPath);
    }
    this.store.onDidChange(() => {
      this.broadcast('onDidChangeClusters', this.clustersState());
      void this.sessions.onKubeconfigChanged();
    });
    // A renewed certificate, a rotated token or a new CA file: sessions read them only when they connect.
    this.store.onDidChangeCredentials((sourceId) => void this.reconnectSource(sourceId).catch(() => undefined));
    const first = this.firstContext();
    // The app's own pick, not the user's: a context that would run a credential program waits for a window.
    if (first !== undefined) void this.sessions.activate(first, false).catch(() => undefined);
  }

  /** The last context used, else kubectl's current-context, else the first one listed. */
  private firstContext(): string | undefined {
    const names = this.store.contexts().map((c) => c.name);
    const remembered = this.state.get().lastContext;
    if (remembered !== undefined && names.includes(remembered)) return remembered;
    const current = this.store.currentContext();
    if (current !== undefined && names.includes(current)) return current;
    return names[0];
  }

  clustersState(): ClustersState {
    return {
      sources: this.store.sources(),
      contexts: this.store.contexts(),
      activeContext: this.sessions.active,
      connection: this.sessions.activeConnection(),
      connections: this.sessions.connections(),
      sandboxAvailable: this.options.sandbox !== 'off',
    };
  }

  /** Every context's pending consent request, the active context's first. */
  consentRequests(): ConsentRequest[] {
    return this.sessions.ordered(this.consent.pending());
  }

  /** After a kubeconfig was added: with no context chosen yet, its first one is chosen. */
  async chooseFirstIfNone(): Promise<void> {
    if (this.sessions.active !== null) return;
    const first = this.firstContext();
    if (first !== undefined) await this.switchContext(first);
  }

  // ---- Clusters page (issue 12): add by path, remove, reload ----

  /**
   * A file the desktop app's dialog picked: read, watched and remembered for the next start. Picking a file that is
   * listed already reads it again and reconnects its contexts (it used to change nothing).
   */
  async addKubeconfigFile(file: string): Promise<void> {
    const listed = this.store.sourceOfFile(file);
    if (listed !== undefined) {
      await this.reloadKubeconfig(listed);
      return;
    }
    await this.store.addFile(file);
    await this.remembered.add(this.store.knownFiles());
    await this.chooseFirstIfNone();
  }

  /** Removes a source: its contexts that no other file defines are disconnected; a path is forgotten. */
  async removeKubeconfig(sourceId: string): Promise<void> {
    const before = this.store.contexts().filter((c) => c.sourceId === sourceId);
    const { file } = this.store.removeSource(sourceId);
    for (const { name } of before) if (!this.store.resolve(name)) this.sessions.disconnect(name);
    if (this.sessions.active !== null && !this.store.resolve(this.sessions.active)) {
      this.sessions.active = null;
      this.broadcast('onDidChangeClusters', this.clustersState());
    }
    if (file !== undefined) await this.remembered.remove(file);
  }

  /**
   * Reads a file again and reconnects every chosen context it defines or lends a user to, even when the file's text
   * is the same: the CA, certificate or token files it names may have changed.
   */
  async reloadKubeconfig(sourceId: string): Promise<void> {
    await this.store.reloadSource(sourceId);
    await this.reconnectSource(sourceId);
  }

  private async reconnectSource(sourceId: string): Promise<void> {
    const names = this.store
      .contexts()
      .filter((c) => c.sourceId === sourceId || this.store.resolve(c.name)?.userSourceId === sourceId)
      .map((c) => c.name);
    await this.sessions.reconnectChosen(names);
  }

  async switchContext(name: string): Promise<void> {
    // Choosing a context that is already connected changes nothing (reconnect() is the explicit retry).
    await this.sessions.activate(name);
    await this.state.update((s) => {
      s.lastContext = name;
    });
  }

  broadcast<E extends EventName>(event: E, payload: EverynodeEvents[E]): void {
    for (const sink of this.sinks) sink.emit(event, payload);
  }

  async dispose(): Promise<void> {
    this.live.disposeAll();
    this.manager.stopAll();
    this.sessions.dispose();
    this.store.dispose();
    this.sinks.clear();
    await this.state.flushed();
    await this.remembered.flushed();
    await this.fleet.flushed();
    await this.consent.store.flushed();
    await this.sandbox?.stop();
  }
}
