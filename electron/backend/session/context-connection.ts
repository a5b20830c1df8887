import type { Connection, ConnectionState } from '../../contract/index.js';
import type { ConsentGate } from '../consent/gate.js';
import { AppError } from '../errors.js';
import type { KubeconfigStore } from '../kubeconfig/store.js';
import type { ResolvedContext } from '../kubeconfig/merge.js';
import type { Projects } from '../resources/projects.js';
import { connectionStateFor } from './classify.js';
import { CredentialFileError } from './credential-files.js';
import { ContextSession } from './session.js';
import { HealthProbe, type ProbeTiming } from './health-probe.js';

/** What every context's connection shares: the pool hands the same to each. */
export interface ConnectionDeps {
  store: KubeconfigStore;
  projects: Projects;
  consent: ConsentGate;
  requestTimeoutMs: number;
  probeTiming: ProbeTiming;
  /** A session nobody used for this long closes (see `inUse`). */
  idleMs: number;
  /** Plain-HTTP confirmations given while the app runs (keyed by context, server and user). */
  plainHttpConfirmed: Set<string>;
  /** Whether the context's session must stay open now: the UI's active context, or one with open streams. */
  inUse(context: string): boolean;
  onChange(context: string, reason: 'connection' | 'session'): void;
}

// What the session was built from; an entry's line is left out, so an edit elsewhere in the file reconnects nothing.
const fingerprint = (resolved: ResolvedContext): string =>
  JSON.stringify([resolved.context.body, stanza(resolved.cluster), stanza(resolved.user)]);
const stanza = (entry: ResolvedContext['cluster']) => (entry ? [entry.name, entry.body] : null);

// States a watch's recovery ends.
const RECOVERABLE = new Set<ConnectionState>(['unreachable', 'unauthorized', 'not-responding']);

const plainHttpKey = (resolved: ResolvedContext): string =>
  JSON.stringify([resolved.context.name, resolved.summary.server, resolved.user?.name ?? null]);

// What would go over the wire in the clear: a token, a password, or whatever a program or provider produces.
const CREDENTIAL_KEYS = ['token', 'tokenFile', 'token-file', 'password', 'exec', 'auth-provider'];
const hasCredentials = (user: Record<string, unknown>): boolean =>
  CREDENTIAL_KEYS.some((key) => user[key] !== undefined && user[key] !== null && user[key] !== '');

/** A context's definition in the merged kubeconfig; one that no file defines is refused by name. */
export function resolveContext(store: KubeconfigStore, name: string): ResolvedContext {
  const resolved = store.resolve(name);
  if (!resolved) throw new AppError('not-found', `Context "${name}" is not defined in any kubeconfig file.`);
  return resolved;
}

/**
 * One context the user chose to connect in this run: its connection state, its session with its health probe, the
 * consent keys of its credential programs, and the generation that makes a late outcome of an older attempt moot.
 * Nothing runs for it until it is asked to connect; it closes its session when nobody used it for `idleMs`.
 */
export class ContextConnection {
  connection: Connection = { state: 'not-connected' };
  private session: ContextSession | undefined;
  private sessionFingerprint = '';
  private generation = 0;
  /** The consent keys of this context's credential programs: a revocation of one of them reconnects. */
  private consentIds: string[] = [];
  /** The session was closed for being idle: the next call or stream connects it again. */
  idleClosed = false;
  private lastUse = Date.now();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly name: string,
    private readonly deps: ConnectionDeps,
  ) {}

  /** Whether this context runs (or would run) the credential program with this consent key. */
  uses(consentId: string): boolean {
    return this.consentIds.includes(consentId);
  }

  current(): ContextSession | undefined {
    return this.session;
  }

  private pending: Promise<void> = Promise.resolve();

  /** Resolves once the latest activation has an outcome (requests made while connecting wait for it). */
  async settled(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.pending;) {
      seen = this.pending;
      await seen.catch(() => undefined);
    }
  }

  /**
   * Connects (again); resolves once the attempt has an outcome. `chosen` is false for the app's own pick at start-up:
   * then a context that would run a credential program waits until the user chooses it (see `waitingForChoice`).
   */
  connect(chosen = true): Promise<void> {
    this.pending = this.attempt(chosen);
    return this.pending;
  }

  /** The user confirmed sending this context's credentials over plain HTTP (for as long as the app runs). */
  async confirmPlainHttp(): Promise<void> {
    const resolved = resolveContext(this.deps.store, this.name);
    this.deps.plainHttpConfirmed.add(plainHttpKey(resolved));
    await this.connect();
  }

  /** The app picked this context at start-up and it would run a program: it waits until a window exists. */
  waitingForChoice = false;

  private async attempt(chosen: boolean): Promise<void> {
    const name = this.name;
    const { store, consent } = this.deps;
    const resolved = resolveContext(store, name);
    const generation = this.endSession();
    this.waitingForChoice = false;
    this.idleClosed = false;
    if (resolved.summary.problem !== undefined) {
      consent.clear(name);
      this.setConnection({ state: 'error', message: resolved.summary.problem });
      this.onChange('session');
      return;
    }
    // Before any client exists: what the user stanza would run, and whether it may.
    const origin = store.userOrigin(resolved);
    const outcome = await consent.check(name, resolved.user?.name ?? '', resolved.user?.body, origin);
    if (generation !== this.generation) return;
    consent.present(name, outcome);
    if (outcome.kind !== 'refused' && outcome.consentId !== undefined) this.consentIds = [outcome.consentId];
    if (outcome.kind !== 'ready') {
      this.setConnection(
        outcome.kind === 'refused'
          ? { state: 'error', message: outcome.problem }
          : {
              state: 'needs-consent',
              message: outcome.request.denied
                ? `Context "${name}": you chose not to run its credential program "${outcome.request.program.command}".`
                : `Context "${name}" needs your consent to run its credential program "${outcome.request.program.command}".`,
            },
      );
      this.onChange('session');
      return;
    }
    if (outcome.launch && !origin.trusted && !chosen) {
      // No kubeconfig program runs before there is a window and the user picked this context.
      this.waitingForChoice = true;
      this.setConnection({
        state: 'not-connected',
        message: `Context "${name}" runs the credential program "${outcome.launch.program.command}": choose Connect to run it.`,
      });
      this.onChange('session');
      return;
    }
    if (resolved.summary.insecure === 'plain-http' && hasCredentials(outcome.user)) {
      if (!this.deps.plainHttpConfirmed.has(plainHttpKey(resolved))) {
        this.setConnection({
          state: 'needs-confirmation',
          message: `Context "${name}" would send its credentials over plain HTTP, unencrypted, to ${resolved.summary.server}.`,
        });
        this.onChange('session');
        return;
      }
    }
    this.setConnection({ state: 'connecting' });
    let session: ContextSession;
    try {
      session = await ContextSession.create(resolved, outcome.user, this.deps.requestTimeoutMs);
    } catch (error) {
      if (generation === this.generation) {
        this.setConnection(
          error instanceof CredentialFileError
            ? { state: error.state, message: `Context "${name}": ${error.message}` }
            : {
                state: 'unauthorized',
                message: `Context "${name}": the credentials in the kubeconfig cannot be loaded.`,
              },
        );
        this.onChange('session');
      }
      return;
    }
    if (generation !== this.generation) return;
    this.session = session;
    this.startProbe(session);
    this.sessionFingerprint = fingerprint(resolved);
    this.touch();
    this.onChange('session');
    try {
      // Any authenticated user may ask a SelfSubjectAccessReview: it proves reachability and credentials, and its
      // answer (may list namespaces) is needed for projects anyway.
      await this.deps.projects.mayListAll(session);
      if (generation === this.generation) this.setConnection({ state: 'connected' });
    } catch (error) {
      if (generation !== this.generation) return;
      const appError = error instanceof AppError ? error : session.classify(error);
      this.setConnection({ state: connectionStateFor(appError), message: appError.message });
    }
  }

  /** After a kubeconfig change: reconnect when this context's definition changed, or report it gone. */
  async onKubeconfigChanged(): Promise<void> {
    const resolved = this.deps.store.resolve(this.name);
    if (!resolved) {
      this.dispose();
      this.setConnection({
        state: 'error',
        message: `Context "${this.name}" is no longer defined in any kubeconfig file.`,
      });
      this.onChange('session');
      return;
    }
    // An idle-closed context stays closed: it reads the new definition when it connects again.
    if (this.idleClosed) return;
    if (!this.session || fingerprint(resolved) !== this.sessionFingerprint) await this.connect();
  }

  /** Watches report failures and recoveries; the connection state follows them. */
  reportHealth(error: AppError | undefined): void {
    if (!this.session) return;
    if (error && (error.code === 'unreachable' || error.code === 'unauthorized')) {
      this.setConnection({ state: connectionStateFor(error), message: error.message });
    } else if (!error && RECOVERABLE.has(this.connection.state)) {
      this.setConnection({ state: 'connected' });
    }
  }

  /** A watch delivered something: the server answers, and the probe need not ask. */
  noteActivity(): void {
    this.probe?.noteActivity();
  }

  private probe: HealthProbe | undefined;

  private startProbe(session: ContextSession): void {
    this.probe?.stop();
    const timing = this.deps.probeTiming;
    const probe = new HealthProbe(session, timing, (responding) => {
      if (this.session !== session) return;
      if (!responding && (this.connection.state === 'connected' || this.connection.state === 'not-responding')) {
        const seconds = Math.round(timing.timeoutMs / 1000);
        this.setConnection({
          state: 'not-responding',
          message: `Context "${session.name}": the API server did not answer within ${seconds} s.`,
        });
      } else if (responding && this.connection.state === 'not-responding') {
        this.setConnection({ state: 'connected' });
      }
    });
    // A request that timed out is asked about at once: the probe says whether the server itself stopped answering.
    session.onRequestTimeout = () => probe.probeSoon();
    probe.start();
    this.probe = probe;
  }

  /** A call or a stream used the session: the idle clock starts again. */
  touch(): void {
    this.lastUse = Date.now();
    if (this.session) this.idleTimer ??= setTimeout(() => this.checkIdle(), this.deps.idleMs).unref();
  }

  private checkIdle(): void {
    this.idleTimer = undefined;
    if (!this.session) return;
    const { idleMs } = this.deps;
    // Being in use (the active context, open streams) counts as being used; asked every quarter of idleMs, so the
    // session closes between 0.75 and 1 × idleMs after its last stream ended.
    if (this.deps.inUse(this.name)) this.lastUse = Date.now();
    const left = this.lastUse + idleMs - Date.now();
    if (left > 0) {
      this.idleTimer = setTimeout(() => this.checkIdle(), Math.min(left, idleMs / 4)).unref();
      return;
    }
    this.endSession();
    this.idleClosed = true;
    const span = idleMs >= 60_000 ? `${Math.round(idleMs / 60_000)} min` : `${+(idleMs / 1000).toFixed(1)} s`;
    this.setConnection({
      state: 'not-connected',
      message: `Context "${this.name}" was not used for ${span} and was disconnected; it connects again when used.`,
    });
    this.onChange('session');
  }

  /** Ends this context's connection: its session, its probe and its pending consent request. */
  dispose(): void {
    this.endSession();
    this.deps.consent.clear(this.name);
  }

  /** Makes any attempt still running moot and drops the session; returns the new generation. */
  private endSession(): number {
    const generation = ++this.generation;
    this.dropSession();
    this.consentIds = [];
    return generation;
  }

  private dropSession(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.probe?.stop();
    this.probe = undefined;
    this.session?.dispose();
    this.session = undefined;
    this.sessionFingerprint = '';
  }

  private onChange(reason: 'connection' | 'session'): void {
    this.deps.onChange(this.name, reason);
  }

  private setConnection(connection: { state: ConnectionState; message?: string }): void {
    if (this.connection.state === connection.state && this.connection.message === connection.message) return;
    this.connection = connection;
    this.onChange('connection');
  }
}
