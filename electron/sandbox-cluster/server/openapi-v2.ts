// GET /openapi/v2 with the real server's content negotiation: protobuf when asked for (kubectl always is), JSON for
// `application/json` or no preference, 406 otherwise. Built once per catalog revision (CRDs change it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '../errors.js';
import type { KindCatalog } from '../kinds/catalog.js';
import { encodeOpenApiV2 } from './openapi-v2-proto.js';
import type { ServerContext } from './context.js';

const PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
// The answer's Content-Type is spelled without the `@`, as upstream does: Go's mime parser (client-go) rejects it.
const PROTOBUF_OLD = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const cache = new WeakMap<KindCatalog, { revision: number; json: Buffer; proto: Buffer }>();

function built(ctx: ServerContext): { json: Buffer; proto: Buffer } {
  const hit = cache.get(ctx.kinds);
  if (hit && hit.revision === ctx.kinds.revision) return hit;
  const doc = ctx.schema.openApiV2Document(ctx.kinds);
  const entry = { revision: ctx.kinds.revision, json: Buffer.from(JSON.stringify(doc)), proto: encodeOpenApiV2(doc) };
  cache.set(ctx.kinds, entry);
  return entry;
}

function chosen(accept: string | undefined): 'json' | 'proto' | undefined {
  if (!accept) return 'json';
  for (const part of accept.split(',')) {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    if (type === PROTOBUF || type === PROTOBUF_OLD) return 'proto';
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
  }
  return undefined;
}

export function sendOpenApiV2(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): void {
  const kind = chosen(req.headers.accept);
  if (!kind) {
    throw new StatusError(
      406,
      'NotAcceptable',
      `only the following media types are accepted: application/json, ${PROTOBUF}`,
      {},
    );
  }
  const body = built(ctx)[kind];
  res.writeHead(200, {
    'Content-Type': kind === 'proto' ? PROTOBUF_OLD : 'application/json',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache, private',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
