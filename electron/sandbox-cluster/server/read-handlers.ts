// GET verbs: get, list (with limit/continue and selectors), watch, and a pod's log.
import { badRequest } from '../errors.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../apimachinery/selectors.js';
import { apiVersionOf, type KindDescriptor } from '../kinds/descriptor.js';
import { objectKey } from '../store/store.js';
import type { KubeObject } from '../types.js';
import type { ServerContext } from './context.js';
import { followPodLog } from './log-follow.js';
import { intParam, type ResourceRequest } from './request.js';
import { sendJson, sendText } from './respond.js';
import { toTable, wantsTable, type IncludeObject } from './table.js';

function includeObjectOf(url: URL): IncludeObject {
  const v = url.searchParams.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** The object as the requested version shows it (events.k8s.io/v1 over core Events; a custom resource's version). */
export function served(d: KindDescriptor, o: KubeObject): KubeObject {
  if (d.conversion) return d.conversion.fromStorage(o);
  const apiVersion = apiVersionOf(d);
  return o.apiVersion === apiVersion ? o : { ...o, apiVersion };
}

export function handleGet(ctx: ServerContext, r: ResourceRequest): void {
  const stored = ctx.registry.get(r.info.resource, r.namespace, r.name ?? '');
  const serve = (o: KubeObject): KubeObject => served(r.info, o);
  if (wantsTable(r.req.headers.accept)) {
    const meta = { resourceVersion: stored.metadata.resourceVersion };
    sendJson(r.res, 200, toTable(r.info.columns, [stored], ctx.clock(), includeObjectOf(r.url), meta, serve));
    return;
  }
  sendJson(r.res, 200, serve(stored));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'sandbox/v1', rv: token.rv, start: token.start })).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      v?: unknown;
      rv?: unknown;
      start?: unknown;
    };
    if (parsed.v === 'sandbox/v1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string') {
      return { rv: parsed.rv, start: parsed.start };
    }
  } catch {
    // fall through to the 400
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

export function selectorsOf(r: ResourceRequest) {
  const labelText = r.url.searchParams.get('labelSelector') ?? '';
  const fieldText = r.url.searchParams.get('fieldSelector') ?? '';
  return { labels: parseLabelSelector(labelText), fields: parseFieldSelector(r.info.fields, fieldText) };
}

export function handleList(ctx: ServerContext, r: ResourceRequest): void {
  const { labels, fields } = selectorsOf(r);
  const limit = intParam(r.url, 'limit');
  const continueText = r.url.searchParams.get('continue');
  const token = continueText ? decodeContinue(continueText) : undefined;
  const listRv = token?.rv ?? ctx.store.currentRv();
  const all = ctx.store.list(r.info.resource, r.namespace);
  const matching: KubeObject[] = [];
  let more = false;
  let lastKey = '';
  let remaining = 0;
  for (const o of all) {
    const key = objectKey(o.metadata.namespace, o.metadata.name);
    if (token && key <= token.start) continue;
    if (!matchesLabels(labels, o.metadata.labels) || !matchesFields(r.info.fields, fields, o)) continue;
    if (limit !== undefined && limit > 0 && matching.length >= limit) {
      more = true;
      remaining++;
      continue;
    }
    matching.push(o);
    lastKey = key;
  }
  const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (more) {
    metadata.continue = encodeContinue({ rv: listRv, start: lastKey });
    // Only exact without selectors, as on a real server.
    if (labels.length === 0 && fields.length === 0) metadata.remainingItemCount = remaining;
  }
  if (wantsTable(r.req.headers.accept)) {
    const serve = (o: KubeObject): KubeObject => served(r.info, o);
    sendJson(r.res, 200, toTable(r.info.columns, matching, ctx.clock(), includeObjectOf(r.url), metadata, serve));
    return;
  }
  // Stream-free but allocation-light: the list body is built once as a string.
  const listKind = r.info.listKind ?? `${r.info.kind}List`;
  const head = JSON.stringify({ kind: listKind, apiVersion: apiVersionOf(r.info), metadata }).slice(0, -1);
  const body = `${head},"items":[${matching.map((o) => JSON.stringify(served(r.info, o))).join(',')}]}`;
  r.res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, private',
  });
  r.res.end(body);
}

export function handleWatch(ctx: ServerContext, r: ResourceRequest): void {
  const { labels, fields } = selectorsOf(r);
  // Watching one object by URL (`.../pods/<name>?watch=1`) is a metadata.name field selector.
  if (r.name !== undefined) fields.push({ field: 'metadata.name', value: r.name, negate: false });
  const table = wantsTable(r.req.headers.accept);
  const include = includeObjectOf(r.url);
  const rv = r.url.searchParams.get('resourceVersion') ?? undefined;
  const convert = r.info.conversion !== undefined || r.info.crd !== undefined;
  ctx.watches.start(r.req, r.res, {
    resource: r.info.resource,
    kind: r.info.kind,
    apiVersion: apiVersionOf(r.info),
    fieldGetters: r.info.fields,
    namespace: r.namespace,
    labels,
    fields,
    resourceVersion: rv,
    bookmarks: r.url.searchParams.get('allowWatchBookmarks') === 'true',
    timeoutSeconds: intParam(r.url, 'timeoutSeconds'),
    transform: table
      ? (o) =>
          toTable(r.info.columns, [o], ctx.clock(), include, { resourceVersion: o.metadata.resourceVersion }, (x) =>
            served(r.info, x),
          )
      : convert
        ? (o) => served(r.info, o)
        : undefined,
    encoding: table ? `table;includeObject=${include};${apiVersionOf(r.info)}` : `json;${apiVersionOf(r.info)}`,
  });
}

/** Container logs from the simulated kubelets (`kubectl logs`): plain text, one line per entry. */
export function handlePodLog(ctx: ServerContext, r: ResourceRequest): void {
  const pod = ctx.registry.get('pods', r.namespace, r.name ?? '');
  const containers = (Array.isArray(pod.spec?.containers) ? pod.spec.containers : []) as { name?: string }[];
  const requested = r.url.searchParams.get('container');
  if (!requested && containers.length > 1) {
    const names = containers.map((c) => c.name ?? '').join(' ');
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names}]`);
  }
  const container = requested ?? containers[0]?.name ?? '';
  if (r.url.searchParams.get('follow') === 'true') {
    const previous = r.url.searchParams.get('previous') === 'true';
    const read = (): string[] =>
      ctx.logs(r.namespace ?? '', pod.metadata.name, container, { timestamps: true, previous });
    followPodLog(r, read, {
      tail: intParam(r.url, 'tailLines'),
      timestamps: r.url.searchParams.get('timestamps') === 'true',
    });
    return;
  }
  let lines = ctx.logs(r.namespace ?? '', pod.metadata.name, container, {
    timestamps: r.url.searchParams.get('timestamps') === 'true',
    previous: r.url.searchParams.get('previous') === 'true',
  });
  const tail = intParam(r.url, 'tailLines');
  if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);
  sendText(r.res, 200, lines.map((l) => l + '\n').join(''));
}
