// The HTTPS API server: authentication, injected faults, non-resource endpoints, RBAC, then the verb handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { authenticate } from '../auth/authn.js';
import type { Pki } from '../auth/certs.js';
import { authorize, forbiddenError, isMaster } from '../auth/rbac.js';
import { methodNotSupported, unauthorized } from '../errors.js';
import type { Actor } from '../types.js';
import { decodeObject, mediaType, readBodyBytes } from './body.js';
import { decodeReview } from './protobuf.js';
import type { ServerContext } from './context.js';
import {
  AUTHORIZATION_GROUP,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  SERVER_VERSION,
} from './discovery.js';
import { handleFaultRoute } from './fault-routes.js';
import { handleGet, handleList, handlePodLog, handleWatch } from './read-handlers.js';
import { notFoundPath, type ResourceRequest } from './request.js';
import { sendError, sendJson, sendText } from './respond.js';
import { accessReview, rulesReview } from './reviews.js';
import { resolveResource, splitApiPath, verbOf } from './routes.js';
import { handleCreate, handleDelete, handleDeleteCollection, handlePatch, handleUpdate } from './write-handlers.js';

function checkNonResource(user: Actor, verb: string, path: string): void {
  const decision = authorize({ user, verb, resourceRequest: false, path });
  if (!decision.allowed) throw forbiddenError({ user, verb, resourceRequest: false, path });
}

/** /version, /api, /apis, /openapi, health: everything that is not a resource. Returns false if not one of them. */
function nonResource(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, user: Actor): boolean {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const host = `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 0}`;
  const verb = (req.method ?? 'GET').toLowerCase() === 'head' ? 'get' : (req.method ?? 'GET').toLowerCase();
  const reply = (body: unknown): true => {
    checkNonResource(user, verb, path);
    if (verb !== 'get') throw methodNotSupported('', verb);
    sendJson(res, 200, body);
    return true;
  };
  if (path === '/version') return reply(SERVER_VERSION);
  if (path === '/api') return reply(apiVersions(host));
  if (path === '/apis') return reply(apiGroupList());
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    checkNonResource(user, 'get', path);
    sendText(res, 200, 'ok');
    return true;
  }
  if (path === '/openapi/v2') {
    checkNonResource(user, 'get', path);
    // An empty protobuf document: enough for kubectl 1.27-1.33, which then rely on server-side field validation.
    res.writeHead(200, {
      'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
      'Content-Length': 0,
    });
    res.end();
    return true;
  }
  if (path === '/openapi/v3') return reply(ctx.schema.openApiV3Index());
  if (path.startsWith('/openapi/v3/')) {
    const doc = ctx.schema.openApiV3Document(path.slice('/openapi/v3/'.length));
    if (!doc) throw notFoundPath();
    return reply(doc);
  }
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'apis' && parts.length === 2 && parts[1]) {
    const group = apiGroup(parts[1]);
    if (!group) throw notFoundPath();
    return reply(group);
  }
  return false;
}

async function handleReview(
  user: Actor,
  req: IncomingMessage,
  res: ServerResponse,
  resource: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews',
): Promise<void> {
  if (req.method !== 'POST') throw methodNotSupported(resource, (req.method ?? '').toLowerCase());
  const attrs = { user, verb: 'create', resourceRequest: true, group: AUTHORIZATION_GROUP, resource };
  if (!authorize(attrs).allowed) throw forbiddenError(attrs);
  const kind = resource === 'selfsubjectaccessreviews' ? 'SelfSubjectAccessReview' : 'SelfSubjectRulesReview';
  const bytes = await readBodyBytes(req);
  const body =
    mediaType(req.headers['content-type']) === 'application/vnd.kubernetes.protobuf'
      ? decodeReview(bytes, resource)
      : decodeObject(req.headers['content-type'], bytes.toString('utf8'), kind, 'v1');
  sendJson(res, 201, resource === 'selfsubjectaccessreviews' ? accessReview(user, body) : rulesReview(user, body));
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const user = authenticate(req, ctx.users);
  if (!user) throw unauthorized();
  if (url.pathname.startsWith('/sandbox/faults/')) {
    if (!isMaster(user))
      throw forbiddenError({
        user,
        verb: (req.method ?? '').toLowerCase(),
        resourceRequest: false,
        path: url.pathname,
      });
    handleFaultRoute(ctx, req, res, url);
    return;
  }
  const injected = ctx.faults.take();
  if (injected) throw injected;
  if (nonResource(ctx, req, res, url, user)) return;
  const parsed = splitApiPath(url.pathname);
  if (!parsed) throw notFoundPath();
  if (parsed.rest.length === 0) {
    const list = apiResourceList(parsed.group, parsed.version);
    if (!list) throw notFoundPath();
    checkNonResource(user, 'get', url.pathname.replace(/\/+$/, ''));
    sendJson(res, 200, list);
    return;
  }
  if (parsed.group === AUTHORIZATION_GROUP && parsed.version === 'v1' && parsed.rest.length === 1) {
    const resource = parsed.rest[0];
    if (resource === 'selfsubjectaccessreviews' || resource === 'selfsubjectrulesreviews') {
      await handleReview(user, req, res, resource);
      return;
    }
  }
  const target = resolveResource(parsed);
  const method = req.method ?? 'GET';
  const verb = verbOf(method, target.name !== undefined, url);
  const attrs = {
    user,
    verb,
    resourceRequest: true,
    group: target.info.group,
    resource: target.info.name,
    subresource: target.subresource,
    namespace: target.namespace,
    name: target.name,
  };
  if (!authorize(attrs).allowed) throw forbiddenError(attrs);
  const r: ResourceRequest = { req, res, url, user, verb, ...target };
  await dispatch(ctx, r, method);
}

async function dispatch(ctx: ServerContext, r: ResourceRequest, method: string): Promise<void> {
  if (r.subresource === 'log') {
    if (method !== 'GET') throw methodNotSupported('pods/log', r.verb);
    handlePodLog(ctx, r);
    return;
  }
  if (r.name === undefined && r.info.namespaced && r.namespace === undefined && method !== 'GET') {
    throw notFoundPath();
  }
  switch (r.verb) {
    case 'get':
      return handleGet(ctx, r);
    case 'list':
      return handleList(ctx, r);
    case 'watch':
      return handleWatch(ctx, r);
    case 'create':
      if (r.name !== undefined) throw methodNotSupported(r.info.name, 'create');
      return handleCreate(ctx, r);
    case 'update':
      if (r.name === undefined) throw methodNotSupported(r.info.name, 'update');
      return handleUpdate(ctx, r);
    case 'patch':
      if (r.name === undefined) throw methodNotSupported(r.info.name, 'patch');
      return handlePatch(ctx, r);
    case 'delete':
      return handleDelete(ctx, r);
    case 'deletecollection':
      return handleDeleteCollection(ctx, r);
    default:
      throw methodNotSupported(r.info.name, r.verb);
  }
}

export function createApiServer(ctx: ServerContext, pki: Pki): Server {
  const server = createServer(
    {
      key: pki.serverKey,
      cert: pki.serverCert,
      ca: [pki.caCert],
      requestCert: true,
      // Client certificates are optional (tokens work too); unverified ones simply do not authenticate.
      rejectUnauthorized: false,
    },
    (req, res) => {
      route(ctx, req, res).catch((error: unknown) => {
        // Leave a request body unread no longer than needed: the response goes out now either way.
        req.resume();
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendError(res, error);
      });
    },
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  return server;
}
