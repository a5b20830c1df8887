// The HTTPS API server: authentication (and impersonation), injected faults, non-resource endpoints, RBAC, then the
// verb handlers of the resource the kind catalog resolves.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { authenticate } from '../auth/authn.js';
import type { Pki } from '../auth/certs.js';
import { AUTHENTICATED, forbiddenError, isMaster, type Attributes } from '../auth/rbac.js';
import { forbidden, methodNotSupported, StatusError, unauthorized } from '../errors.js';
import type { Actor } from '../types.js';
import { decodeObject, mediaType, readBodyBytes } from './body.js';
import { decodeReview } from './protobuf.js';
import type { ServerContext } from './context.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.js';
import { handleFaultRoute } from './fault-routes.js';
import { handleGet, handleList, handlePodLog, handleWatch } from './read-handlers.js';
import { sendOpenApiV2 } from './openapi-v2.js';
import { notFoundPath, type ResourceRequest } from './request.js';
import { sendError, sendJson, sendText } from './respond.js';
import { accessReview, rulesReview, selfSubjectReview, subjectAccessReview } from './reviews.js';
import { resolveResource, splitApiPath, verbOf } from './routes.js';
import { handleSubresource, SUBRESOURCE_HANDLERS } from './subresources.js';
import { handleMetrics, METRICS_GROUP } from '../metrics/api.js';
import { isPlain, isUpgrade, isWebSocket, upgradeResponse } from '../streaming/upgrade.js';
import { handleCreate, handleDelete, handleDeleteCollection, handlePatch, handleUpdate } from './write-handlers.js';

function checkNonResource(ctx: ServerContext, user: Actor, verb: string, path: string): void {
  const attrs: Attributes = { user, verb, resourceRequest: false, path };
  if (!ctx.authorizer.authorize(attrs).allowed) throw forbiddenError(attrs);
}

/** /version, /api, /apis, /openapi, health: everything that is not a resource. Returns false if not one of them. */
function nonResource(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, user: Actor): boolean {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const host = `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 0}`;
  const verb = (req.method ?? 'GET').toLowerCase() === 'head' ? 'get' : (req.method ?? 'GET').toLowerCase();
  const reply = (body: unknown): true => {
    checkNonResource(ctx, user, verb, path);
    if (verb !== 'get') throw methodNotSupported('', verb);
    sendJson(res, 200, body);
    return true;
  };
  if (path === '/version') return reply(SERVER_VERSION);
  if (path === '/api') return reply(apiVersions(host));
  if (path === '/apis') return reply(apiGroupList(ctx.kinds));
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    checkNonResource(ctx, user, 'get', path);
    sendText(res, 200, 'ok');
    return true;
  }
  if (path === '/openapi/v2') {
    checkNonResource(ctx, user, verb, path);
    if (verb !== 'get') throw methodNotSupported('', verb);
    sendOpenApiV2(ctx, req, res);
    return true;
  }
  if (path === '/openapi/v3') return reply(ctx.schema.openApiV3Index(ctx.kinds));
  if (path.startsWith('/openapi/v3/')) {
    const doc = ctx.schema.openApiV3Document(ctx.kinds, path.slice('/openapi/v3/'.length));
    if (!doc) throw notFoundPath();
    return reply(doc);
  }
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'apis' && parts.length === 2 && parts[1]) {
    const group = apiGroup(ctx.kinds, parts[1]);
    if (!group) throw notFoundPath();
    return reply(group);
  }
  return false;
}

async function handleReview(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  if (r.req.method !== 'POST') throw methodNotSupported(r.info.plural, (r.req.method ?? '').toLowerCase());
  const bytes = await readBodyBytes(r.req);
  const resource = r.info.plural;
  const protobuf = mediaType(r.req.headers['content-type']) === 'application/vnd.kubernetes.protobuf';
  const body =
    protobuf && (resource === 'selfsubjectaccessreviews' || resource === 'selfsubjectrulesreviews')
      ? decodeReview(bytes, resource)
      : protobuf
        ? {}
        : decodeObject(r.req.headers['content-type'], bytes.toString('utf8'), r.info.kind, r.info.version);
  const authz = ctx.authorizer;
  const answers: Record<string, () => unknown> = {
    selfsubjectaccessreviews: () => accessReview(authz, r.user, body),
    selfsubjectrulesreviews: () => rulesReview(authz, r.user, body),
    subjectaccessreviews: () => subjectAccessReview(authz, body),
    selfsubjectreviews: () => selfSubjectReview(r.user, `${r.info.group}/${r.info.version}`),
  };
  const answer = answers[resource];
  if (!answer) throw notFoundPath();
  sendJson(r.res, 201, answer());
}

/** Impersonate-User / Impersonate-Group (kubectl --as, --as-group), for users allowed to impersonate. */
function impersonated(ctx: ServerContext, req: IncomingMessage, user: Actor): Actor {
  const as = req.headers['impersonate-user'];
  const asGroups = req.headers['impersonate-group'];
  if (as === undefined && asGroups === undefined) return user;
  const name = Array.isArray(as) ? (as[0] ?? '') : (as ?? '');
  const attrs: Attributes = { user, verb: 'impersonate', resourceRequest: true, group: '', resource: 'users', name };
  if (!ctx.authorizer.authorize(attrs).allowed) {
    throw forbidden(
      `users "${name}" is forbidden: User "${user.user}" cannot impersonate resource "users" in API group "" at the cluster scope`,
    );
  }
  const groups = (Array.isArray(asGroups) ? asGroups : asGroups ? asGroups.split(',') : []).map((g) => g.trim());
  if (!groups.includes(AUTHENTICATED)) groups.push(AUTHENTICATED);
  return { user: name, groups };
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const authenticated = authenticate(req, ctx.users);
  if (!authenticated) throw unauthorized();
  if (url.pathname.startsWith('/sandbox/faults/')) {
    if (!isMaster(authenticated))
      throw forbiddenError({
        user: authenticated,
        verb: (req.method ?? '').toLowerCase(),
        resourceRequest: false,
        path: url.pathname,
      });
    handleFaultRoute(ctx, req, res, url);
    return;
  }
  const injected = ctx.faults.take();
  if (injected) throw injected;
  const user = impersonated(ctx, req, authenticated);
  if (nonResource(ctx, req, res, url, user)) return;
  const parsed = splitApiPath(url.pathname);
  if (!parsed) throw notFoundPath();
  if (parsed.rest.length === 0) {
    const list = apiResourceList(ctx.kinds, parsed.group, parsed.version);
    if (!list) throw notFoundPath();
    checkNonResource(ctx, user, 'get', url.pathname.replace(/\/+$/, ''));
    sendJson(res, 200, list);
    return;
  }
  const target = resolveResource(ctx.kinds, parsed);
  const method = req.method ?? 'GET';
  const verb = verbOf(method, target.name !== undefined, url);
  const attrs: Attributes = {
    user,
    verb,
    resourceRequest: true,
    group: target.info.group,
    resource: target.info.plural,
    subresource: target.subresource,
    namespace: target.namespace,
    name: target.name,
  };
  if (!ctx.authorizer.authorize(attrs).allowed) throw forbiddenError(attrs);
  checkStreamCreate(ctx, req, attrs);
  const r: ResourceRequest = { req, res, url, user, verb, ...target };
  if (target.info.group === METRICS_GROUP) return handleMetrics(ctx, r);
  if (target.info.virtual) return handleReview(ctx, r);
  await dispatch(ctx, r, method);
}

const STREAMING = new Set(['exec', 'attach', 'portforward']);

/**
 * A WebSocket upgrade is a GET, so RBAC sees `get` on pods/exec; kube-apiserver 1.35
 * (AuthorizePodWebsocketUpgradeCreatePermission, on by default) also asks for `create`, as SPDY's POST always did.
 * The sandbox does the same, so a `get`-only role cannot run commands.
 */
function checkStreamCreate(ctx: ServerContext, req: IncomingMessage, attrs: Attributes): void {
  if (attrs.verb !== 'get' || !STREAMING.has(attrs.subresource ?? '') || !isUpgrade(req) || !isWebSocket(req)) return;
  const create: Attributes = { ...attrs, verb: 'create' };
  if (!ctx.authorizer.authorize(create).allowed) throw forbiddenError(create);
}

async function dispatch(ctx: ServerContext, r: ResourceRequest, method: string): Promise<void> {
  if (r.subresource === 'log') {
    if (method !== 'GET') throw methodNotSupported('pods/log', r.verb);
    handlePodLog(ctx, r);
    return;
  }
  if (r.subresource !== undefined && SUBRESOURCE_HANDLERS.has(r.subresource)) return handleSubresource(ctx, r);
  if (r.name === undefined && r.info.namespaced && r.namespace === undefined && method !== 'GET') {
    throw notFoundPath();
  }
  const plural = r.info.plural;
  switch (r.verb) {
    case 'get':
      return handleGet(ctx, r);
    case 'list':
      return handleList(ctx, r);
    case 'watch':
      return handleWatch(ctx, r);
    case 'create':
      if (r.name !== undefined) throw methodNotSupported(plural, 'create');
      return handleCreate(ctx, r);
    case 'update':
      if (r.name === undefined) throw methodNotSupported(plural, 'update');
      return handleUpdate(ctx, r);
    case 'patch':
      if (r.name === undefined) throw methodNotSupported(plural, 'patch');
      return handlePatch(ctx, r);
    case 'delete':
      return handleDelete(ctx, r);
    case 'deletecollection':
      if ((r.info.verbs ?? []).length > 0 && !r.info.verbs?.includes('deletecollection'))
        throw methodNotSupported(plural, 'deletecollection');
      return handleDeleteCollection(ctx, r);
    default:
      throw methodNotSupported(plural, r.verb);
  }
}

const upgradedSockets = new WeakMap<Server, Set<Duplex>>();

/** Ends every exec, attach and port-forward session: the server stops tracking a socket once it is upgraded. */
export function closeStreams(server: Server): void {
  for (const socket of upgradedSockets.get(server) ?? []) socket.destroy();
}

function serve(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): void {
  route(ctx, req, res).catch((error: unknown) => {
    // Leave a request body unread no longer than needed: the response goes out now either way.
    req.resume();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (isPlain(error) && error instanceof StatusError) sendText(res, error.code, error.message);
    else sendError(res, error);
  });
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
    (req, res) => serve(ctx, req, res),
  );
  // exec, attach and port-forward: the same route, answering on the upgrade's socket until a handler takes it over.
  const streams = new Set<Duplex>();
  upgradedSockets.set(server, streams);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    streams.add(socket);
    socket.on('close', () => streams.delete(socket));
    socket.on('error', () => socket.destroy());
    serve(ctx, req, upgradeResponse(req, socket, head));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  // kube-apiserver keeps an idle connection 90 s (its secure serving's IdleTimeout); node's 5 s default closed the
  // connections clients reuse (client-node's undici agents) while a request could be on its way on a loaded machine.
  server.keepAliveTimeout = 90_000;
  return server;
}
