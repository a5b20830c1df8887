// The framing of the streaming protocols: remote-command channels (v4/v5), SPDY/3.1 frames and header blocks (the
// compressed blocks round-trip through one zlib stream per direction, as a SPDY connection keeps them), and the
// simulated HTTP endpoint behind a container port.
import { deflateSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as ch from '../../../electron/sandbox-cluster/streaming/channels.js';
import { HttpConnection, portOwner } from '../../../electron/sandbox-cluster/streaming/http-endpoint.js';
import * as spdy from '../../../electron/sandbox-cluster/streaming/spdy.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

describe('remote-command channels', () => {
  it('prefixes the channel, reads v5 close messages (and not in v4), and resize messages', () => {
    expect([...ch.frame(ch.STDOUT, 'hi')]).toEqual([1, 104, 105]);
    expect(ch.readMessage(Buffer.from([255, 0]), ch.V5)).toEqual({ kind: 'close', channel: 0 });
    expect(ch.readMessage(Buffer.from([255, 0]), ch.V4)).toEqual({
      kind: 'data',
      channel: 255,
      data: Buffer.from([0]),
    });
    expect(ch.readMessage(Buffer.from([0, 120]), ch.V5)).toEqual({ kind: 'data', channel: 0, data: Buffer.from('x') });
    expect(ch.readMessage(Buffer.alloc(0), ch.V5)).toEqual({ kind: 'empty' });
    expect(ch.readResize(Buffer.from('{"Width":120,"Height":40}'))).toEqual({ width: 120, height: 40 });
    expect(ch.readResize(Buffer.from('{"Width":-1,"Height":40}'))).toBeUndefined();
    expect(ch.readResize(Buffer.from('nope'))).toBeUndefined();
  });

  it('reports exit codes as the kubelet does: Success, or NonZeroExitCode with an ExitCode cause', () => {
    expect(ch.exitStatus(0, ['ls'])).toEqual({ metadata: {}, status: 'Success' });
    expect(ch.exitStatus(3, ['sh', '-c', 'exit 3'])).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});

describe('SPDY/3.1 framing', () => {
  it('has the 1423-byte SPDY/3 header dictionary', () => {
    expect(spdy.HEADER_DICTIONARY.length).toBe(1423);
    expect(spdy.HEADER_DICTIONARY.subarray(0, 11)).toEqual(Buffer.from('\0\0\0\x07options'));
  });

  it('cuts a byte stream into frames however it is split', () => {
    const bytes = Buffer.concat([
      spdy.dataFrame(3, Buffer.from('abc'), false),
      spdy.pingFrame(7),
      spdy.dataFrame(5, Buffer.alloc(0), true),
    ]);
    for (const size of [1, 5, bytes.length]) {
      const reader = new spdy.FrameReader();
      const frames: spdy.Frame[] = [];
      for (let at = 0; at < bytes.length; at += size) frames.push(...reader.push(bytes.subarray(at, at + size)));
      expect(frames).toEqual([
        { control: false, streamId: 3, flags: 0, data: Buffer.from('abc') },
        { control: true, version: 3, type: spdy.PING, flags: 0, data: Buffer.from([0, 0, 0, 7]) },
        { control: false, streamId: 5, flags: spdy.FLAG_FIN, data: Buffer.alloc(0) },
      ]);
    }
  });

  it('round-trips header blocks through connection-long zlib streams with the dictionary', async () => {
    const codec = new spdy.HeaderCodec();
    const first = await codec.write([
      ['streamtype', 'error'],
      ['port', '9100'],
      ['requestid', '0'],
    ]);
    const second = await codec.write([
      ['streamtype', 'data'],
      ['port', '9100'],
      ['requestid', '0'],
    ]);
    const reader = new spdy.HeaderCodec();
    expect(await reader.read(first)).toEqual(
      new Map([
        ['streamtype', 'error'],
        ['port', '9100'],
        ['requestid', '0'],
      ]),
    );
    expect(await reader.read(second)).toEqual(
      new Map([
        ['streamtype', 'data'],
        ['port', '9100'],
        ['requestid', '0'],
      ]),
    );
    // The second block relies on the first's history: it is no zlib stream on its own.
    expect(second[0]).not.toBe(0x78);
    codec.close();
    reader.close();
  });

  it('reads a block compressed by another zlib with the same dictionary', async () => {
    const block = spdy.encodeHeaders([['Port', '80']]);
    const compressed = deflateSync(block, { dictionary: spdy.HEADER_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const codec = new spdy.HeaderCodec();
    expect(await codec.read(compressed)).toEqual(new Map([['port', '80']]));
    codec.close();
  });

  it('writes SYN_REPLY, RST_STREAM and GOAWAY control frames', () => {
    expect([...spdy.synReplyFrame(1, Buffer.from([9]), false)]).toEqual([0x80, 3, 0, 2, 0, 0, 0, 5, 0, 0, 0, 1, 9]);
    expect([...spdy.rstStreamFrame(3, 1)]).toEqual([0x80, 3, 0, 3, 0, 0, 0, 8, 0, 0, 0, 3, 0, 0, 0, 1]);
    expect([...spdy.goAwayFrame(5, 0)].slice(0, 4)).toEqual([0x80, 3, 0, 7]);
  });
});

describe('the HTTP server behind a container port', () => {
  const pod = {
    metadata: { name: 'p', namespace: 'ns', uid: 'u' },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'c', ports: [{ containerPort: 9100 }, { containerPort: 8080, name: 'http-metrics' }] }],
    },
    status: { startTime: '2026-01-01T00:00:00Z' },
  } as unknown as KubeObject;
  const serve = (port: number, request: string): string | undefined => {
    const owner = portOwner(pod, port);
    if (!owner) return undefined;
    return new HttpConnection(pod, owner, () => Date.parse('2026-01-01T01:00:00Z'))
      .receive(Buffer.from(request))
      ?.toString();
  };

  it('answers /metrics on 9100 and on a port named metrics, /healthz anywhere, 404 otherwise', () => {
    expect(serve(9100, 'GET /metrics HTTP/1.1\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 200 OK\r\n[\s\S]*node_uname_info\{[^}]*nodename="n1"/,
    );
    expect(serve(8080, 'GET /metrics?x=1 HTTP/1.1\r\n\r\n')).toContain('process_resident_memory_bytes');
    expect(serve(8080, 'GET /metrics HTTP/1.1\r\n\r\n')).not.toContain('node_uname_info');
    expect(serve(8080, 'HEAD /healthz HTTP/1.0\r\n\r\n')).toMatch(
      /Content-Length: 2\r\nDate: .*\r\nConnection: close\r\n\r\n$/,
    );
    expect(serve(9100, 'GET /x HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 404 Not Found[\s\S]*404 page not found\n$/);
    expect(serve(9100, 'hello\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(serve(7000, 'GET / HTTP/1.1\r\n\r\n')).toBeUndefined();
  });

  it('waits for the whole request head', () => {
    const conn = new HttpConnection(pod, portOwner(pod, 9100) ?? { container: {}, port: {} }, () => 0);
    expect(conn.receive(Buffer.from('GET /healthz HTTP/1.1\r\nHo'))).toBeUndefined();
    expect(conn.receive(Buffer.from('st: x\r\n\r\n'))?.toString()).toMatch(/\r\n\r\nok$/);
    expect(conn.done).toBe(true);
  });
});
