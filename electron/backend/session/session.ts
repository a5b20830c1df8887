import { AppsV1Api, AuthorizationV1Api, CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import type { AppError } from '../errors.js';
import type { ResolvedContext } from '../kubeconfig/merge.js';
import { classifyError } from './classify.js';
import { loginShellPath, mergePaths } from './login-path.js';
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

  static async create(resolved: ResolvedContext, requestTimeoutMs: number): Promise<ContextSession> {
    const kubeConfig = new SessionKubeConfig(resolved.summary.name, requestTimeoutMs);
    const user = resolved.user ? { name: resolved.user.name, user: await withExecPath(resolved.user.body) } : undefined;
    kubeConfig.loadFromString(
      JSON.stringify({
        clusters: resolved.cluster ? [{ name: resolved.cluster.name, cluster: resolved.cluster.body }] : [],
        users: user ? [user] : [],
        contexts: [{ name: resolved.context.name, context: resolved.context.body }],
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
  }

  classify(error: unknown): AppError {
    return classifyError(error, this.name);
  }

  /** Runs a request; failures become AppErrors naming this context. */
  async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

// Exec plugins run with the login shell's PATH (see login-path.ts) and with KUBERNETES_EXEC_INFO as kubectl sets it.
async function withExecPath(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const exec = body.exec;
  if (!isRecord(exec)) return body;
  const env = Array.isArray(exec.env) ? exec.env.filter(isRecord) : [];
  const names = new Set(env.map((e) => e.name));
  const extra: { name: string; value: string }[] = [];
  if (!names.has('PATH')) extra.push({ name: 'PATH', value: mergePaths(await loginShellPath(), process.env.PATH) });
  if (!names.has('KUBERNETES_EXEC_INFO')) {
    const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
    extra.push({
      name: 'KUBERNETES_EXEC_INFO',
      value: JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } }),
    });
  }
  return { ...body, exec: { ...exec, env: [...env, ...extra] } };
}
