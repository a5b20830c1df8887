import { ApiException, HttpMethod, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import type { KubernetesObject, ResponseContext } from '@kubernetes/client-node';
import type { ContextSession } from '../session/session.js';

export interface RawWriteOptions {
  dryRun: boolean;
  fieldManager: string;
  /** Only for server-side apply: take over fields another manager owns. */
  force?: boolean;
}

/**
 * client-node's object API sends bodies through its typed models, which drop every field a model does not know (a
 * field newer than client-node, or a CRD's). This subclass keeps client-node's URL building, authentication, timeout
 * and error type, but sends the manifest as the JSON the user wrote and returns the server's answer unfiltered.
 */
class RawObjectApi extends KubernetesObjectApi {
  static forSession(session: ContextSession): RawObjectApi {
    const client = session.kubeConfig.makeApiClient(RawObjectApi);
    client.setDefaultNamespace(session.kubeConfig);
    return client;
  }

  /** The object as stored, or a 404 ApiException. */
  async readRaw(manifest: KubernetesObject): Promise<Record<string, unknown>> {
    const path = await this.specUriPath(manifest, 'read');
    const context = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    context.setHeaderParam('Accept', 'application/json');
    return this.requestPromise<KubernetesObject>(context) as Promise<Record<string, unknown>>;
  }

  async createRaw(manifest: KubernetesObject, options: RawWriteOptions): Promise<Record<string, unknown>> {
    return this.send(manifest, 'create', HttpMethod.POST, 'application/json', options);
  }

  async applyRaw(manifest: KubernetesObject, options: RawWriteOptions): Promise<Record<string, unknown>> {
    return this.send(manifest, 'patch', HttpMethod.PATCH, PatchStrategy.ServerSideApply, options);
  }

  private async send(
    manifest: KubernetesObject,
    action: 'create' | 'patch',
    method: HttpMethod,
    contentType: string,
    options: RawWriteOptions,
  ): Promise<Record<string, unknown>> {
    const path = await this.specUriPath(manifest, action);
    const context = this.configuration.baseServer.makeRequestContext(path, method);
    context.setHeaderParam('Accept', 'application/json');
    context.setHeaderParam('Content-Type', contentType);
    if (options.dryRun) context.setQueryParam('dryRun', 'All');
    context.setQueryParam('fieldManager', options.fieldManager);
    if (options.force !== undefined) context.setQueryParam('force', String(options.force));
    context.setBody(JSON.stringify(manifest));
    return this.requestPromise<KubernetesObject>(context) as Promise<Record<string, unknown>>;
  }

  // The answer as the server sent it: deserializing into a model would drop the same unknown fields again.
  protected override async processResponse<T extends KubernetesObject>(response: ResponseContext): Promise<T> {
    const text = await response.body.text();
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return JSON.parse(text) as T;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    throw new ApiException(response.httpStatusCode, 'Unsuccessful HTTP Request', body, response.headers);
  }
}

const clients = new WeakMap<ContextSession, RawObjectApi>();

/** The raw object client of a session (one per session, so its API discovery cache is shared). */
export function rawObjects(session: ContextSession): RawObjectApi {
  let client = clients.get(session);
  if (!client) {
    client = RawObjectApi.forSession(session);
    clients.set(session, client);
  }
  return client;
}
