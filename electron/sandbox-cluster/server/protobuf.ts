// Just enough of Kubernetes' protobuf encoding to read the access reviews that typed clients (kubectl auth can-i)
// send as application/vnd.kubernetes.protobuf: the "k8s\0" envelope, runtime.Unknown, and the review messages.
// Answers still go out as JSON, which those clients also accept.
import { badRequest } from '../errors.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Fields = Map<number, Buffer[]>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length || shift > 49) throw badRequest('invalid protobuf: truncated varint');
    const byte = buf[pos++] ?? 0;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

/** Length-delimited fields of one message by number (varints and fixed fields are skipped). */
function parseMessage(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key: number;
    [key, pos] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) [, pos] = readVarint(buf, pos);
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      let len: number;
      [len, pos] = readVarint(buf, pos);
      if (pos + len > buf.length) throw badRequest('invalid protobuf: truncated field');
      const list = fields.get(field) ?? [];
      list.push(buf.subarray(pos, pos + len));
      fields.set(field, list);
      pos += len;
    } else throw badRequest(`invalid protobuf: unsupported wire type ${wire}`);
  }
  return fields;
}

function str(fields: Fields, n: number): string | undefined {
  const b = fields.get(n)?.[0];
  return b ? b.toString('utf8') : undefined;
}

function sub(fields: Fields, n: number): Fields | undefined {
  const b = fields.get(n)?.[0];
  return b ? parseMessage(b) : undefined;
}

function unwrap(body: Buffer): { raw: Fields } {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('invalid protobuf: missing k8s envelope');
  const unknown = parseMessage(body.subarray(4));
  const raw = unknown.get(2)?.[0];
  if (!raw) throw badRequest('invalid protobuf: empty object');
  return { raw: parseMessage(raw) };
}

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Decodes a SelfSubjectAccessReview or SelfSubjectRulesReview (per `resource`) into its JSON shape. */
export function decodeReview(
  body: Buffer,
  resource: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews',
): Record<string, unknown> {
  const { raw } = unwrap(body);
  const specBytes = raw.get(2)?.[0];
  if (!specBytes) return { spec: {} };
  const spec = parseMessage(specBytes);
  if (resource === 'selfsubjectrulesreviews') return { spec: definedOnly({ namespace: str(spec, 1) }) };
  const ra = sub(spec, 1);
  const nra = sub(spec, 2);
  const out: Record<string, unknown> = {};
  if (ra) {
    out.resourceAttributes = definedOnly({
      namespace: str(ra, 1),
      verb: str(ra, 2),
      group: str(ra, 3),
      version: str(ra, 4),
      resource: str(ra, 5),
      subresource: str(ra, 6),
      name: str(ra, 7),
    });
  } else if (nra) {
    out.nonResourceAttributes = definedOnly({ path: str(nra, 1), verb: str(nra, 2) });
  }
  return { spec: out };
}
