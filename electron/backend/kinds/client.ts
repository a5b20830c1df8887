import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { clusterTarget, httpFailure, send } from '../watch/raw-request.js';
import { collectionPath, objectPath, type Kind } from './kinds.js';
import type { KubeObject } from './objects.js';
import { isRecord } from '../../../common/guards.js';

// The backend's one way to read and write single objects: plain JSON over the session's own node:https requests (the
// same credentials, TLS and agents as the raw list and watch). client-node's typed calls and its object API send
// bodies through their models, which drop every field a model does not know (a field newer or older than
// client-node, a CRD's); here the body is the JSON given and the answer the JSON the server sent. Failures carry
// `statusCode` and the API's Status `body`, so session.classify reads them as it read client-node's ApiException.

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const SERVER_SIDE_APPLY = 'application/apply-patch+yaml';

export interface RawCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Of the body; JSON unless a patch type is named. */
  contentType?: string;
}

/** One request; the answer's JSON object. Errors become AppErrors naming the context (session.call). */
export function rawCall(session: ContextSession, call: RawCall): Promise<Record<string, unknown>> {
  return session.call(async () => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (body !== undefined) headers['Content-Type'] = call.contentType ?? 'application/json';
    const target = await clusterTarget(session.kubeConfig, call.path, call.query ?? {}, headers);
    const signal = AbortSignal.timeout(session.kubeConfig.requestTimeoutMs);
    const text = await new Promise<string>((resolve, reject) => {
      const request = send(target, call.method, body, signal, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const answer = Buffer.concat(chunks).toString('utf8');
          if (status >= 200 && status <= 299) resolve(answer);
          else reject(httpFailure(status, answer));
        });
      });
      request.on('error', reject);
    });
    const value: unknown = JSON.parse(text);
    if (!isRecord(value)) throw new AppError('internal', `The cluster's answer to ${call.path} is not an object.`);
    return value;
  });
}

/** An object as stored; a 404 AppError when there is none. */
export async function readObject<T extends KubeObject>(
  session: ContextSession,
  kind: Kind<T>,
  namespace: string | undefined,
  name: string,
): Promise<T> {
  return (await rawCall(session, { method: 'GET', path: objectPath(kind, namespace, name) })) as T;
}

export function createObject(
  session: ContextSession,
  kind: Kind,
  namespace: string | undefined,
  body: KubeObject,
  query: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  return rawCall(session, { method: 'POST', path: collectionPath(kind, namespace), query, body });
}

/** PUT: with metadata.resourceVersion set, a change made meanwhile is a 409, never overwritten. */
export async function replaceObject<T extends KubeObject>(
  session: ContextSession,
  kind: Kind<T>,
  namespace: string | undefined,
  name: string,
  body: KubeObject,
): Promise<T> {
  return (await rawCall(session, { method: 'PUT', path: objectPath(kind, namespace, name), body })) as T;
}

export function patchObject(
  session: ContextSession,
  kind: Kind,
  namespace: string | undefined,
  name: string,
  patch: unknown,
  contentType: string,
  query: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const path = objectPath(kind, namespace, name);
  return rawCall(session, { method: 'PATCH', path, query, body: patch, contentType });
}

export function deleteObject(
  session: ContextSession,
  kind: Kind,
  namespace: string | undefined,
  name: string,
  propagationPolicy?: 'Background' | 'Orphan' | 'Foreground',
): Promise<Record<string, unknown>> {
  const body =
    propagationPolicy === undefined ? undefined : { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy };
  return rawCall(session, { method: 'DELETE', path: objectPath(kind, namespace, name), body });
}
