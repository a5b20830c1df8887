import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, RequestContext } from '@kubernetes/client-node';
import { CredentialError } from './classify.js';
import { isRecord } from '../../../common/guards.js';
import { TlsKeyed } from './tls-keyed.js';

/** What client-node's (TypeScript-private) createDispatcher returns: an undici Agent, or none for plain defaults. */
type Dispatcher = { close(): Promise<void> } | undefined;
type CreateDispatcher = (cluster: Cluster | null, agentOptions: https.AgentOptions) => Dispatcher;

/**
 * A KubeConfig for one context whose credential failures become CredentialErrors with a safe message (client-node
 * would pass on the exec plugin's stderr, which may hold a token), and whose requests time out.
 */
export class SessionKubeConfig extends KubeConfig {
  constructor(
    private readonly contextName: string,
    /** Every request of this session gives up after this long. */
    readonly requestTimeoutMs: number,
  ) {
    super();
    this.keepDispatchers();
  }

  private readonly kept = new TlsKeyed<Dispatcher>((old) => void old?.close().catch(() => undefined));

  /**
   * client-node 2.0.1 builds a new undici Agent for every typed request (applySecurityAuthentication calls
   * createDispatcher each time) and never closes it: each call paid a fresh TCP and TLS handshake, and left a pool
   * with an idle socket behind. On a loaded machine that made calls slow enough to reach requestTimeoutMs. So one
   * agent is kept per TLS material (what createDispatcherOptions reports): the same material reuses it, a renewed
   * exec client certificate gets a new one and the old one is closed once its requests are done.
   */
  private keepDispatchers(): void {
    const self = this as unknown as { createDispatcher?: CreateDispatcher };
    const create = self.createDispatcher;
    if (typeof create !== 'function') return;
    self.createDispatcher = (cluster, agentOptions) => {
      const options = this.createDispatcherOptions(cluster, agentOptions);
      return this.kept.get(options, () => create.call(this, cluster, agentOptions));
    };
  }

  /** Closes the kept agent (its sockets go once their requests end): the session is over. */
  close(): void {
    this.kept.clear();
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    try {
      await super.applySecurityAuthentication(context);
    } catch (error) {
      throw this.credentialError(error);
    }
    context.setSignal(AbortSignal.timeout(this.requestTimeoutMs));
  }

  /** The credentials of our own node:https requests (raw list and watch, logs, OpenAPI documents). */
  override async applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    try {
      await super.applyToHTTPSOptions(opts);
    } catch (error) {
      throw this.credentialError(error);
    }
  }

  private credentialError(error: unknown): CredentialError {
    if (error instanceof CredentialError) return error;
    const user = this.getCurrentUser();
    const exec = user?.exec as unknown;
    const command = isRecord(exec) && typeof exec.command === 'string' ? exec.command : undefined;
    const code = isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
    const syscall = isRecord(error) && typeof error.syscall === 'string' ? error.syscall : '';
    if (command !== undefined && syscall.startsWith('spawn')) {
      return new CredentialError(
        code === 'ENOENT'
          ? `the credential plugin "${command}" was not found (is it installed and on PATH?)`
          : `the credential plugin "${command}" could not be started`,
      );
    }
    if (code === 'ENOENT' || code === 'EACCES' || syscall === 'open') {
      return new CredentialError('a certificate, key or token file named in the kubeconfig cannot be read');
    }
    if (command !== undefined) {
      // Its output is deliberately not quoted: plugins print tokens.
      return new CredentialError(`the credential plugin "${command}" failed`);
    }
    if (error instanceof Error && error.message.startsWith('HTTP protocol is not allowed')) {
      return new CredentialError('plain HTTP servers need insecure-skip-tls-verify in the kubeconfig');
    }
    return new CredentialError(`${this.contextName}: the credentials cannot be prepared`);
  }
}
