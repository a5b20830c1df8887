// The objects kubectl's `create <kind>` generators send as protobuf (kubectl 1.32 posts ConfigMaps, Secrets,
// ResourceQuotas and Namespaces that way and does not retry as JSON on 415), decoded into the JSON shape the rest of
// the server handles. Field numbers are those of k8s.io/api/core/v1 and apimachinery's ObjectMeta; fields those
// generators never set (owner references, managed fields, status) are not read. The kinds of round two are decoded
// from their specs in protobuf-schema.ts. Other kinds stay 415.
import type { ResourceName } from '../types.js';
import { unsupportedMediaType } from './body.js';
import { DELETE_OPTIONS, decodeMessage, OBJECT_SPECS } from './protobuf-schema.js';
import { ProtoMessage, unwrap } from './protobuf-wire.js';

type Json = Record<string, unknown>;

const asText = (entry: ProtoMessage): string => entry.str(2) ?? '';
const asBase64 = (entry: ProtoMessage): string => (entry.raw(2) ?? Buffer.alloc(0)).toString('base64');

/** Keeps what JSON's omitempty would keep. */
function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)));
}

function objectMeta(m: ProtoMessage | undefined): Json {
  if (!m) return {};
  return compact({
    name: m.text(1),
    generateName: m.text(2),
    namespace: m.text(3),
    resourceVersion: m.text(6),
    labels: m.map(11, asText),
    annotations: m.map(12, asText),
    finalizers: m.strings(14),
  });
}

const bool = (m: ProtoMessage, n: number): boolean | undefined =>
  m.varint(n) === undefined ? undefined : m.varint(n) === 1;

const BODIES: Partial<Record<ResourceName, (o: ProtoMessage) => Json>> = {
  configmaps: (o) => ({ data: o.map(2, asText), binaryData: o.map(3, asBase64), immutable: bool(o, 4) }),
  secrets: (o) => ({ data: o.map(2, asBase64), type: o.text(3), stringData: o.map(4, asText), immutable: bool(o, 5) }),
  resourcequotas: (o) => {
    const spec = o.sub(2);
    if (!spec) return {};
    // Quantities travel as a message whose field 1 is the canonical string.
    const hard = spec.map(1, (entry) => entry.sub(2)?.str(1) ?? '');
    return { spec: compact({ hard, scopes: spec.strings(2) }) };
  },
  namespaces: (o) => {
    const spec = o.sub(2);
    return { spec: spec ? compact({ finalizers: spec.strings(1) }) : undefined };
  },
};

/** Decodes a create/update body of `resource` sent as application/vnd.kubernetes.protobuf; 415 for other kinds. */
export function decodeProtobufObject(resource: ResourceName, body: Buffer): Json {
  const spec = OBJECT_SPECS[resource];
  const decode = BODIES[resource] ?? (spec ? (o: ProtoMessage) => decodeMessage(o, spec) : undefined);
  if (!decode) throw unsupportedMediaType();
  const { apiVersion, kind, object } = unwrap(body);
  return compact({ apiVersion, kind, metadata: objectMeta(object.sub(1)), ...decode(object) });
}

/** A meta/v1 DeleteOptions message (the envelope already opened). */
export function decodeDeleteOptions(m: ProtoMessage): Json {
  return decodeMessage(m, DELETE_OPTIONS);
}

/** A policy/v1 Eviction: its metadata and the DeleteOptions it carries. */
export function decodeEviction(body: Buffer): Json {
  const { object } = unwrap(body);
  const options = object.sub(2);
  return compact({
    metadata: objectMeta(object.sub(1)),
    deleteOptions: options ? decodeDeleteOptions(options) : undefined,
  });
}
