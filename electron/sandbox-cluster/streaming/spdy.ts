// SPDY/3.1 framing, as far as port-forward uses it (kubectl 1.31+ tunnels SPDY through a WebSocket,
// `SPDY/3.1+portforward.k8s.io`; moby/spdystream on the client): control frames SYN_STREAM, SYN_REPLY, RST_STREAM,
// SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE and data frames; header blocks are zlib-compressed, one stream per
// direction for the whole connection, with the SPDY/3 dictionary (draft-mbelshe-httpbis-spdy-00, 2.6.10.1).
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';

export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const PING = 6;
export const GOAWAY = 7;
export const FLAG_FIN = 0x01;
/** RST_STREAM status codes used here. */
export const RST_PROTOCOL_ERROR = 1;
export const RST_INVALID_STREAM = 2;

const HEADER_WORDS = [
  'options',
  'head',
  'post',
  'put',
  'delete',
  'trace',
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'age',
  'allow',
  'authorization',
  'cache-control',
  'connection',
  'content-base',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'date',
  'etag',
  'expect',
  'expires',
  'from',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'pragma',
  'proxy-authenticate',
  'proxy-authorization',
  'range',
  'referer',
  'retry-after',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'vary',
  'via',
  'warning',
  'www-authenticate',
  'method',
  'get',
  'status',
  '200 OK',
  'version',
  'HTTP/1.1',
  'url',
  'public',
  'set-cookie',
  'keep-alive',
  'origin',
];
const HEADER_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

/** The SPDY/3 header-compression dictionary: each word with its 32-bit length, then the tail as it is. */
export const HEADER_DICTIONARY = Buffer.concat([
  ...HEADER_WORDS.map((w) => {
    const b = Buffer.alloc(4 + w.length);
    b.writeUInt32BE(w.length, 0);
    b.write(w, 4, 'latin1');
    return b;
  }),
  Buffer.from(HEADER_TAIL, 'latin1'),
]);

export type Frame =
  | { control: false; streamId: number; flags: number; data: Buffer }
  | { control: true; version: number; type: number; flags: number; data: Buffer };

/** Cuts a byte stream into frames (a frame may arrive in pieces, several may arrive at once). */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Frame[] = [];
    while (this.pending.length >= 8) {
      const length = this.pending.readUInt32BE(4) & 0xffffff;
      if (this.pending.length < 8 + length) break;
      const flags = this.pending[4] ?? 0;
      const data = this.pending.subarray(8, 8 + length);
      const first = this.pending.readUInt32BE(0);
      if (first & 0x80000000) {
        out.push({ control: true, version: (first >>> 16) & 0x7fff, type: first & 0xffff, flags, data });
      } else out.push({ control: false, streamId: first & 0x7fffffff, flags, data });
      this.pending = this.pending.subarray(8 + length);
    }
    return out;
  }
}

function controlFrame(type: number, flags: number, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE((0x8000 | 3) * 0x10000 + type, 0);
  head.writeUInt32BE(flags * 0x1000000 + body.length, 4);
  return Buffer.concat([head, body]);
}

export function dataFrame(streamId: number, data: Buffer, fin: boolean): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + data.length, 4);
  return Buffer.concat([head, data]);
}

export function synReplyFrame(streamId: number, compressedHeaders: Buffer, fin: boolean): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(streamId & 0x7fffffff, 0);
  return controlFrame(SYN_REPLY, fin ? FLAG_FIN : 0, Buffer.concat([id, compressedHeaders]));
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt32BE(streamId & 0x7fffffff, 0);
  body.writeUInt32BE(status, 4);
  return controlFrame(RST_STREAM, 0, body);
}

export function pingFrame(id: number): Buffer {
  const body = Buffer.alloc(4);
  body.writeUInt32BE(id, 0);
  return controlFrame(PING, 0, body);
}

export function goAwayFrame(lastGoodStreamId: number, status: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt32BE(lastGoodStreamId & 0x7fffffff, 0);
  body.writeUInt32BE(status, 4);
  return controlFrame(GOAWAY, 0, body);
}

/** A SYN_STREAM's fixed part: its stream ID and where its compressed header block starts. */
export function synStreamOf(frame: Frame & { control: true }): { streamId: number; headerBlock: Buffer } {
  return { streamId: frame.data.readUInt32BE(0) & 0x7fffffff, headerBlock: frame.data.subarray(10) };
}

/** An uncompressed name/value block: a 32-bit count, then 32-bit-length-prefixed names and values. */
export function encodeHeaders(headers: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n, 0);
    return b;
  };
  parts.push(u32(headers.length));
  for (const [name, value] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Names (lower case) to values; several values of one name are NUL-separated in SPDY and kept so here. */
export function decodeHeaders(block: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  const u32 = (): number => {
    if (at + 4 > block.length) throw new Error('SPDY header block truncated');
    const n = block.readUInt32BE(at);
    at += 4;
    return n;
  };
  const text = (): string => {
    const n = u32();
    if (at + n > block.length) throw new Error('SPDY header block truncated');
    const s = block.toString('utf8', at, at + n);
    at += n;
    return s;
  };
  const count = u32();
  for (let i = 0; i < count; i++) {
    const name = text();
    out.set(name, text());
  }
  return out;
}

/** A zlib stream that lives as long as the connection, flushed (Z_SYNC_FLUSH) after every header block. */
class Flushed {
  private readonly chunks: Buffer[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly stream: Inflate | Deflate) {
    stream.on('data', (c: Buffer) => this.chunks.push(c));
    stream.on('error', () => undefined);
  }

  run(input: Buffer): Promise<Buffer> {
    const next = this.chain.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          this.stream.once('error', reject);
          this.stream.write(input);
          this.stream.flush(constants.Z_SYNC_FLUSH, () => {
            // Output pushed by the flush may be delivered on the next tick: take it after that.
            setImmediate(() => {
              this.stream.off('error', reject);
              resolve(Buffer.concat(this.chunks.splice(0)));
            });
          });
        }),
    );
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.stream.destroy();
  }
}

/** Both directions' header compression of one connection. */
export class HeaderCodec {
  private readonly inflater = new Flushed(createInflate({ dictionary: HEADER_DICTIONARY }));
  private readonly deflater = new Flushed(createDeflate({ dictionary: HEADER_DICTIONARY }));

  async read(compressed: Buffer): Promise<Map<string, string>> {
    return decodeHeaders(await this.inflater.run(compressed));
  }

  write(headers: [string, string][]): Promise<Buffer> {
    return this.deflater.run(encodeHeaders(headers));
  }

  close(): void {
    this.inflater.close();
    this.deflater.close();
  }
}
