// Just enough of Kubernetes' protobuf wire format for the requests typed clients send: the "k8s\0" envelope around a
// runtime.Unknown (TypeMeta + raw message), and messages read field by field. Scalars other than varints are skipped.
import { badRequest } from '../errors.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

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

/** One decoded message: its length-delimited fields and varints, by field number, in wire order. */
export class ProtoMessage {
  private readonly bytes = new Map<number, Buffer[]>();
  private readonly varints = new Map<number, number>();

  constructor(buf: Buffer) {
    let pos = 0;
    while (pos < buf.length) {
      let key: number;
      [key, pos] = readVarint(buf, pos);
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) {
        let value: number;
        [value, pos] = readVarint(buf, pos);
        this.varints.set(field, value);
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else if (wire === 2) {
        let len: number;
        [len, pos] = readVarint(buf, pos);
        if (pos + len > buf.length) throw badRequest('invalid protobuf: truncated field');
        const list = this.bytes.get(field) ?? [];
        list.push(buf.subarray(pos, pos + len));
        this.bytes.set(field, list);
        pos += len;
      } else throw badRequest(`invalid protobuf: unsupported wire type ${wire}`);
    }
  }

  /** Every occurrence of a length-delimited field (repeated fields and map entries). */
  all(n: number): Buffer[] {
    return this.bytes.get(n) ?? [];
  }

  raw(n: number): Buffer | undefined {
    return this.bytes.get(n)?.[0];
  }

  /** A string field as sent (Go writes empty strings too). */
  str(n: number): string | undefined {
    return this.raw(n)?.toString('utf8');
  }

  /** A string field as JSON would carry it: `omitempty` leaves empty strings out. */
  text(n: number): string | undefined {
    return this.str(n) || undefined;
  }

  strings(n: number): string[] {
    return this.all(n).map((b) => b.toString('utf8'));
  }

  sub(n: number): ProtoMessage | undefined {
    const b = this.raw(n);
    return b ? new ProtoMessage(b) : undefined;
  }

  varint(n: number): number | undefined {
    return this.varints.get(n);
  }

  /** A map<string, V> field: entries are messages with the key in field 1 and the value in field 2. */
  map<V>(n: number, value: (entry: ProtoMessage) => V): Record<string, V> | undefined {
    const entries = this.all(n);
    if (entries.length === 0) return undefined;
    const out: Record<string, V> = {};
    for (const b of entries) {
      const entry = new ProtoMessage(b);
      out[entry.raw(1)?.toString('utf8') ?? ''] = value(entry);
    }
    return out;
  }
}

/** Opens the envelope: the TypeMeta the client declared and the object's own message. */
export function unwrap(body: Buffer): { apiVersion?: string; kind?: string; object: ProtoMessage } {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('invalid protobuf: missing k8s envelope');
  const unknown = new ProtoMessage(body.subarray(4));
  const raw = unknown.raw(2);
  if (!raw) throw badRequest('invalid protobuf: empty object');
  const typeMeta = unknown.sub(1);
  return { apiVersion: typeMeta?.str(1), kind: typeMeta?.str(2), object: new ProtoMessage(raw) };
}
