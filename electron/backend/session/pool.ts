import type { Connection, ConsentRequest } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { ContextConnection, resolveContext, type ConnectionDeps } from './context-connection.js';
import type { ContextSession } from './session.js';

export type SessionsDeps = Omit<ConnectionDeps, 'plainHttpConfirmed' | 'inUse'> & {
  /** Whether a context has open streams (its session then never closes for being idle). */
  hasStreams(context: string): boolean;
};

/**
 * The contexts the user chose to connect in this run, several at once, each with its own connection (session,
 * probe, consent, generation), and the UI's active context among them. A context is never connected until chosen:
 * switching to it, `connect`, or the remembered context once a window exists. Calls address a context by name.
 */
export class Sessions {
  /** The UI's choice, remembered for the next start; not a limit on what else is connected. */
  active: string | null = null;
  private readonly entries = new Map<string, ContextConnection>();
  private readonly deps: ConnectionDeps;

  constructor(deps: SessionsDeps) {
    this.deps = {
      ...deps,
      plainHttpConfirmed: new Set<string>(),
      // The active context stays open: the UI shows it as connected and its pages rely on that.
      inUse: (context) => context === this.active || deps.hasStreams(context),
    };
  }

  get(context: string): ContextConnection | undefined {
    return this.entries.get(context);
  }

  /** Connects a context (again), making it one of the chosen ones; resolves once the attempt has an outcome. */
  choose(context: string, chosen = true): Promise<void> {
    return this.entryFor(context).connect(chosen);
  }

  /**
   * Makes a context the active one, connecting it unless it already is (`reconnect` is the explicit retry).
   * `chosen` is false for the app's own pick at start-up (see ContextConnection.connect).
   */
  async activate(context: string, chosen = true): Promise<void> {
    this.resolvable(context);
    this.active = context;
    const entry = this.entries.get(context);
    if (entry?.current() && entry.connection.state === 'connected') return;
    await this.choose(context, chosen);
  }

  /** A window (or browser tab) now exists: the active context, if it waits and the user chose it last time, connects. */
  async chooseOnFirstWindow(remembered: string | undefined): Promise<void> {
    const entry = this.active === null ? undefined : this.entries.get(this.active);
    await entry?.settled();
    if (entry?.waitingForChoice && entry.name === remembered) await entry.connect();
  }

  /** The session of a chosen context, once its connection attempt has an outcome; an idle-closed one connects again. */
  async sessionFor(context: string): Promise<ContextSession> {
    this.resolvable(context);
    const entry = this.entries.get(context);
    if (!entry) throw new AppError('invalid-argument', `Context "${context}" is not connected; choose it first.`);
    await entry.settled();
    if (entry.idleClosed) await entry.connect();
    const session = entry.current();
    if (!session) {
      throw new AppError('unreachable', entry.connection.message ?? `Context "${context}" is not connected.`);
    }
    entry.touch();
    return session;
  }

  /** Reconnects a context (the active one by default); a context not chosen yet is chosen by this. */
  async reconnect(context = this.active): Promise<void> {
    if (context !== null) await this.choose(context);
  }

  /** Ends a context's connection on purpose: it is no longer chosen, and calls to it are refused until it is again. */
  disconnect(context: string): void {
    const entry = this.entries.get(context);
    if (!entry) return;
    entry.dispose();
    this.entries.delete(context);
    this.deps.onChange(context, 'session');
  }

  /** Connects again those of these contexts that are chosen (an idle-closed one reads its definition when used). */
  async reconnectChosen(contexts: readonly string[]): Promise<void> {
    const chosen = contexts.flatMap((name) => this.entries.get(name) ?? []).filter((entry) => !entry.idleClosed);
    await Promise.all(chosen.map((entry) => entry.connect()));
  }

  async confirmPlainHttp(context: string): Promise<void> {
    const entry = this.entries.get(context);
    if (entry?.connection.state !== 'needs-confirmation') {
      throw new AppError('invalid-argument', `Context "${context}" is not waiting for that confirmation.`);
    }
    await entry.confirmPlainHttp();
  }

  /** After a kubeconfig change, every chosen context checks its definition. */
  async onKubeconfigChanged(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.onKubeconfigChanged()));
  }

  /** Connects again every chosen context that runs (or would run) the program with this consent key. */
  async reconnectUsing(consentId: string): Promise<void> {
    await Promise.all([...this.entries.values()].filter((e) => e.uses(consentId)).map((e) => e.connect()));
  }

  /** Connects again the contexts that wait for consent (the allowlist changed) or for this decision. */
  async reconnectWaiting(contexts?: readonly string[]): Promise<void> {
    const waiting = [...this.entries.values()].filter((e) =>
      contexts ? contexts.includes(e.name) : e.connection.state === 'needs-consent',
    );
    await Promise.all(waiting.map((e) => e.connect()));
  }

  /** The connection of every chosen context. */
  connections(): Record<string, Connection> {
    return Object.fromEntries([...this.entries].map(([name, entry]) => [name, { ...entry.connection }]));
  }

  /** The active context's connection (not connected when it was never chosen or was disconnected). */
  activeConnection(): Connection {
    const entry = this.active === null ? undefined : this.entries.get(this.active);
    return entry ? { ...entry.connection } : { state: 'not-connected' };
  }

  /** Consent requests with the active context's first. */
  ordered(requests: ConsentRequest[]): ConsentRequest[] {
    return [...requests].sort((a, b) => Number(b.context === this.active) - Number(a.context === this.active));
  }

  /** A watch delivered something for this context: its server answers, and its probe need not ask. */
  noteActivity(context: string): void {
    this.entries.get(context)?.noteActivity();
  }

  /** A stream of this session reports its watches' health; a replaced session's reports are ignored. */
  reportHealth(session: ContextSession, error: AppError | undefined): void {
    const entry = this.entries.get(session.name);
    if (entry?.current() === session) entry.reportHealth(error);
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
  }

  private entryFor(context: string): ContextConnection {
    this.resolvable(context);
    let entry = this.entries.get(context);
    if (!entry) this.entries.set(context, (entry = new ContextConnection(context, this.deps)));
    return entry;
  }

  private resolvable(context: string): void {
    if (!this.entries.has(context)) resolveContext(this.deps.store, context);
  }
}
