import path from 'node:path';
import type { ClustersState, EventName, EverynodeEvents } from '../contract/index.js';
import { ActiveContext } from './connection.js';
import { ConsentGate } from './consent/gate.js';
import { ConsentStore } from './consent/store.js';
import { AppError } from './errors.js';
import { LiveHub } from './live/hub.js';
import { streamSpecs } from './live/streams.js';
import type { ContextSession } from './session/session.js';
import { KubeconfigStore } from './kubeconfig/store.js';
import { Projects } from './projects/projects.js';
import { startBuiltInSandbox, type RunningSandbox } from './sandbox.js';
import { StateFile } from './state-file.js';
import { defaultTuning, type BackendOptions, type BackendTuning, type EventSink } from './types.js';
import { WatchManager } from './watch/manager.js';

/** Everything one backend owns; client sessions reach it through createServices() (see create-backend.ts). */
export class BackendCore {
  readonly tuning: BackendTuning;
  readonly store: KubeconfigStore;
  readonly state: StateFile;
  readonly manager: WatchManager;
  readonly projects: Projects;
  readonly active: ActiveContext;
  readonly consent: ConsentGate;
  readonly live: LiveHub;
  readonly sinks = new Set<EventSink>();
  sandbox: RunningSandbox | undefined;

  constructor(readonly options: BackendOptions) {
    this.tuning = { ...defaultTuning, ...options.tuning };
    this.store = new KubeconfigStore({
      ...(options.kubeconfigEnv !== undefined ? { kubeconfigEnv: options.kubeconfigEnv } : {}),
      homeDir: options.homeDir,
      debounceMs: this.tuning.kubeconfigDebounceMs,
    });
    this.state = new StateFile(options.stateDir);
    this.manager = new WatchManager({
      livenessMs: this.tuning.livenessMs,
      backoffBaseMs: this.tuning.backoffBaseMs,
      backoffMaxMs: this.tuning.backoffMaxMs,
    });
    // Any watch of the active context that hears from its server (bookmarks too) shows the server answering, so the
    // health probe asks only after all of them have been silent for its interval.
    this.manager.onTraffic((context) => {
      if (this.active.current()?.name === context) this.active.noteActivity();
    });
    this.projects = new Projects(this.state);
    this.live = new LiveHub(
      streamSpecs({
        manager: this.manager,
        projects: this.projects,
        tuning: this.tuning,
        onHealth: (session, error) => {
          if (this.active.current() === session) this.active.reportHealth(error);
        },
      }),
      (context) => this.sessionFor(context),
    );
    this.consent = new ConsentGate(new ConsentStore(options.stateDir, options.allowPrograms ?? []), (request) =>
      this.broadcast('onDidChangeConsent', { request }),
    );
    const probe = { intervalMs: this.tuning.probeIntervalMs, timeoutMs: this.tuning.probeTimeoutMs };
    this.active = new ActiveContext(
      this.store,
      this.projects,
      this.tuning.requestTimeoutMs,
      probe,
      this.consent,
      (reason) => {
        if (reason === 'session') this.onSessionChanged();
        this.broadcast('onDidChangeClusters', this.clustersState());
      },
    );
  }

  async start(): Promise<void> {
    await this.state.load();
    await this.consent.store.load();
    await this.store.load();
    for (const file of this.options.kubeconfigFiles ?? []) await this.store.addFile(file);
    const mode = this.options.sandbox;
    if (mode === 'on' || (mode === 'auto' && !this.store.hasAnyKubeconfig())) {
      const { stateDir, sandboxOptions, sandboxLauncher } = this.options;
      this.sandbox = await startBuiltInSandbox(path.join(stateDir), sandboxOptions, sandboxLauncher);
      this.store.addSandbox(this.sandbox.kubeconfig, this.sandbox.kubeconfigPath);
    }
    this.store.onDidChange(() => {
      this.broadcast('onDidChangeClusters', this.clustersState());
      void this.active.onKubeconfigChanged();
    });
    const first = this.firstContext();
    // The app's own pick, not the user's: a context that would run a credential program waits for a window.
    if (first !== undefined) void this.active.activate(first, false).catch(() => undefined);
  }

  /** The last context used, else kubectl's current-context, else the first one listed. */
  firstContext(): string | undefined {
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
      activeContext: this.active.name,
      connection: this.active.name === null ? { state: 'not-connected' } : { ...this.active.connection },
      sandboxAvailable: this.options.sandbox !== 'off',
    };
  }

  async switchContext(name: string): Promise<void> {
    // Choosing the context that is already connected changes nothing (reconnect() is the explicit retry).
    const unchanged =
      this.active.name === name && this.active.current() && this.active.connection.state === 'connected';
    if (!unchanged) await this.active.activate(name);
    await this.state.update((s) => {
      s.lastContext = name;
    });
  }

  broadcast<E extends EventName>(event: E, payload: EverynodeEvents[E]): void {
    for (const sink of this.sinks) sink.emit(event, payload);
  }

  /** The active context's session; an AppError names why another context, or one not connected, has none. */
  async sessionFor(context: string): Promise<ContextSession> {
    await this.active.settled();
    if (this.active.name !== context) {
      throw new AppError('invalid-argument', `Context "${context}" is not the active context; switch to it first.`);
    }
    const session = this.active.current();
    if (!session) {
      throw new AppError('unreachable', this.active.connection.message ?? `Context "${context}" is not connected.`);
    }
    return session;
  }

  async dispose(): Promise<void> {
    this.live.disposeAll();
    this.manager.stopAll();
    this.active.dispose();
    this.store.dispose();
    this.sinks.clear();
    await this.state.flushed();
    await this.consent.store.flushed();
    await this.sandbox?.stop();
  }

  // A new session for the active context (reconnect, kubeconfig edit) restarts its streams with a fresh picture;
  // streams of a context that is no longer active end.
  private onSessionChanged(): void {
    const session = this.active.current();
    for (const context of this.live.contexts())
      if (context !== session?.name) this.live.onSessionChanged(context, undefined);
    if (session) this.live.onSessionChanged(session.name, session);
  }
}
