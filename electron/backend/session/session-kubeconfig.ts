import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { RequestContext } from '@kubernetes/client-node';
import { CredentialError } from './classify.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

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
