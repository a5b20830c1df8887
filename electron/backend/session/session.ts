import { AppsV1Api, AuthorizationV1Api, CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { AppError } from '../errors.js';
import type { ResolvedContext } from '../kubeconfig/merge.js';
import { classifyError } from './classify.js';
import { checkedCluster, checkedUser } from './credential-files.js';
import { SessionKubeConfig } from './session-kubeconfig.js';

export interface AccessQuestion {
  verb: string;
  resource: string;
  group?: string;
  namespace?: string;
}

/** One client-node session for one context: created only when the context becomes active. */
let sessions = 0;

export class ContextSession {
  /** Unique per session: informers of a replaced session are never shared with its successor. */
  readonly id: string;
  readonly name: string;
  readonly userName: string;
  readonly namespace: string | undefined;
  readonly kubeConfig: SessionKubeConfig;
  readonly apps: AppsV1Api;
  readonly core: CoreV1Api;
  readonly authz: AuthorizationV1Api;
  readonly objects: KubernetesObjectApi;
  private disposed = false;
  /** Told when a request of this session timed out (the active context's health probe then asks the server). */
  onRequestTimeout: (() => void) | undefined;

  private constructor(resolved: ResolvedContext, kubeConfig: SessionKubeConfig) {
    this.name = resolved.summary.name;
    this.id = `${this.name}#${++sessions}`;
    this.userName = resolved.summary.user;
    this.namespace = resolved.summary.namespace;
    this.kubeConfig = kubeConfig;
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.authz = kubeConfig.makeApiClient(AuthorizationV1Api);
    this.objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  }

  /**
   * A session for a context whose user stanza the consent gate built (`user`: only the fields it checked, its
   * program with an absolute executable). TLS material and token files are read and checked here: a bad one throws
   * a CredentialFileError naming its field.
   */
  static async create(
    resolved: ResolvedContext,
    user: Record<string, unknown> | undefined,
    requestTimeoutMs: number,
  ): Promise<ContextSession> {
    const kubeConfig = new SessionKubeConfig(resolved.summary.name, requestTimeoutMs);
    const cluster = resolved.cluster
      ? { name: resolved.cluster.name, cluster: await checkedCluster(resolved.cluster.name, resolved.cluster.body) }
      : undefined;
    const userName = resolved.user?.name;
    const users = userName !== undefined && user ? [{ name: userName, user: await checkedUser(userName, user) }] : [];
    const { body } = resolved.context;
    const context: Record<string, unknown> = { cluster: body.cluster };
    if (userName !== undefined) context.user = userName;
    if (typeof body.namespace === 'string' && body.namespace !== '') context.namespace = body.namespace;
    kubeConfig.loadFromString(
      JSON.stringify({
        clusters: cluster ? [cluster] : [],
        users,
        contexts: [{ name: resolved.context.name, context }],
        'current-context': resolved.context.name,
      }),
    );
    return new ContextSession(resolved, kubeConfig);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
    this.kubeConfig.close();
  }

  classify(error: unknown): AppError {
    return classifyError(error, this.name);
  }

  /** Runs a request; failures become AppErrors naming this context. */
  async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (isTimeout(error)) {
        this.onRequestTimeout?.();
        // Said with the limit: a server that accepts the connection and never answers is told from one that refuses.
        const seconds = Math.round(this.kubeConfig.requestTimeoutMs / 1000);
        throw new AppError(
          'unreachable',
          `Context "${this.name}": the API server did not answer: timed out after ${seconds} s.`,
        );
      }
      throw classifyError(error, this.name);
    }
  }

  /** SelfSubjectAccessReview: may the current user do this? */
  async can(question: AccessQuestion): Promise<boolean> {
    const review = await this.call(() =>
      this.authz.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb: question.verb,
              resource: question.resource,
              group: question.group ?? '',
              ...(question.namespace !== undefined ? { namespace: question.namespace } : {}),
            },
          },
        },
      }),
    );
    return review.status?.allowed === true;
  }
}

// AbortSignal.timeout rejects with a TimeoutError DOMException, sometimes wrapped by the client as the cause.
function isTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e.name === 'TimeoutError') return true;
  }
  return false;
}
