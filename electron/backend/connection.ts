import type { ClustersState, ConnectionState } from '../contract/index.js';
import type { ConsentGate } from './consent/gate.js';
import { AppError } from './errors.js';
import type { KubeconfigStore } from './kubeconfig/store.js';
import type { ResolvedContext } from './kubeconfig/merge.js';
import type { Projects } from './projects/projects.js';
import { connectionStateFor } from './session/classify.js';
import { CredentialFileError } from './session/credential-files.js';
import { ContextSession } from './session/session.js';
import { HealthProbe, type ProbeTiming } from './session/health-probe.js';

type Connection = ClustersState['connection'];

const fingerprint = (resolved: ResolvedContext): string =>
  JSON.stringify([resolved.context.body, resolved.cluster ?? null, resolved.user ?? null]);

// States a watch's recovery ends.
const RECOVERABLE = new Set<ConnectionState>(['unreachable', 'unauthorized', 'not-responding']);

const plainHttpKey = (resolved: ResolvedContext): string =>
  JSON.stringify([resolved.context.name, resolved.summary.server, resolved.user?.name ?? null]);

// What would go over the wire in the clear: a token, a password, or whatever a program or provider produces.
const CREDENTIAL_KEYS = ['token', 'tokenFile', 'token-file', 'password', 'exec', 'auth-provider'];
const hasCredentials = (user: Record<string, unknown>): boolean =>
  CREDENTIAL_KEYS.some((key) => user[key] !== undefined && user[key] !== null && user[key] !== '');

/**
 * The active context and its one session. Only this context connects; every other one stays "not connected" and
 * runs nothing (no exec plugin) until chosen.
 */
export class ActiveContext {
  name: string | null = null;
  connection: Connection = { state: 'not-connected' };
  private session: ContextSession | undefined;
  private sessionFingerprint = '';
  private generation = 0;
  /** The consent keys of the active context's credential programs: a revocation of one of them reconnects. */
  private consentIds: string[] = [];

  constructor(
    private readonly store: KubeconfigStore,
    private readonly projects: Projects,
    private readonly requestTimeoutMs: number,
    private readonly probeTiming: ProbeTiming,
    private readonly consent: ConsentGate,
    private readonly onChange: (reason: 'connection' | 'session') => void,
  ) {}

  /** Whether the active context runs (or would run) the credential program with this consent key. */
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
   * Makes `name` the active context and connects it; resolves once the connection attempt has an outcome.
   * `chosen` is false for the app's own pick at start-up: then a context that would run a credential program waits
   * until the user chooses it (see `chooseOnFirstWindow`).
   */
  activate(name: string, chosen = true): Promise<void> {
    this.pending = this.connect(name, chosen);
    return this.pending;
  }

  /** A window (or browser tab) now exists: a waiting context that the user chose last time connects now. */
  async chooseOnFirstWindow(remembered: string | undefined): Promise<void> {
    if (this.waitingForChoice && this.name !== null && this.name === remembered) await this.activate(this.name);
  }

  /** The user confirmed sending this context's credentials over plain HTTP (for as long as the app runs). */
  async confirmPlainHttp(name: string): Promise<void> {
    const resolved = this.store.resolve(name);
    if (!resolved) throw new AppError('not-found', `Context "${name}" is not defined in any kubeconfig file.`);
    this.plainHttpConfirmed.add(plainHttpKey(resolved));
    await this.activate(name);
  }

  private waitingForChoice = false;
  private readonly plainHttpConfirmed = new Set<string>();

  private async connect(name: string, chosen: boolean): Promise<void> {
    const resolved = this.store.resolve(name);
    if (!resolved) throw new AppError('not-found', `Context "${name}" is not defined in any kubeconfig file.`);
    const generation = ++this.generation;
    this.dropSession();
    this.name = name;
    this.consentIds = [];
    this.waitingForChoice = false;
    if (resolved.summary.problem !== undefined) {
      this.consent.clear();
      this.setConnection({ state: 'error', message: resolved.summary.problem });
      this.onChange('session');
      return;
    }
    // Before any client exists: what the user stanza would run, and whether it may.
    const origin = this.store.userOrigin(resolved);
    const outcome = await this.consent.check(name, resolved.user?.name ?? '', resolved.user?.body, origin);
    if (generation !== this.generation) return;
    this.consent.present(outcome);
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
      if (!this.plainHttpConfirmed.has(plainHttpKey(resolved))) {
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
      session = await ContextSession.create(resolved, outcome.user, this.requestTimeoutMs);
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
    this.onChange('session');
    try {
      // Any authenticated user may ask a SelfSubjectAccessReview: it proves reachability and credentials, and its
      // answer (may list namespaces) is needed for projects anyway.
      await this.projects.mayListAll(session);
      if (generation === this.generation) this.setConnection({ state: 'connected' });
    } catch (error) {
      if (generation !== this.generation) return;
      const appError = error instanceof AppError ? error : session.classify(error);
      this.setConnection({ state: connectionStateFor(appError), message: appError.message });
    }
  }

  async reconnect(): Promise<void> {
    if (this.name !== null) await this.activate(this.name);
  }

  /** After a kubeconfig change: reconnect when the active context's definition changed, or report it gone. */
  async onKubeconfigChanged(): Promise<void> {
    if (this.name === null) return;
    const resolved = this.store.resolve(this.name);
    if (!resolved) {
      this.generation++;
      this.dropSession();
      this.consentIds = [];
      this.consent.clear();
      this.setConnection({
        state: 'error',
        message: `Context "${this.name}" is no longer defined in any kubeconfig file.`,
      });
      this.onChange('session');
      return;
    }
    if (!this.session || fingerprint(resolved) !== this.sessionFingerprint) await this.activate(this.name);
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
    const probe = new HealthProbe(session, this.probeTiming, (responding) => {
      if (this.session !== session) return;
      if (!responding && (this.connection.state === 'connected' || this.connection.state === 'not-responding')) {
        const seconds = Math.round(this.probeTiming.timeoutMs / 1000);
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

  dispose(): void {
    this.generation++;
    this.dropSession();
    this.consent.clear();
  }

  private dropSession(): void {
    this.probe?.stop();
    this.probe = undefined;
    this.session?.dispose();
    this.session = undefined;
    this.sessionFingerprint = '';
  }

  private setConnection(connection: { state: ConnectionState; message?: string }): void {
    if (this.connection.state === connection.state && this.connection.message === connection.message) return;
    this.connection = connection;
    this.onChange('connection');
  }
}
