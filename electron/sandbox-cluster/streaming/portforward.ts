// pods/portforward over WebSocket, both ways a real cluster offers it: kubectl 1.31+ tunnels SPDY through the
// WebSocket (`SPDY/3.1+portforward.k8s.io`: per forwarded connection an error stream and a data stream, each with
// `streamtype`, `port` and `requestid` headers), and the kubelet's own channel protocol that other clients speak
// (`v4.channel.k8s.io`, ports in the query: channel 2i carries port i's data and 2i+1 its errors, each starting with
// the port as two little-endian bytes). Behind every declared containerPort a simulated HTTP server answers; a
// connection to another port fails with the runtime's "connection refused" on the error stream, as it does for real.
import { createHash } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ServerContext } from '../server/context.js';
import type { ResourceRequest } from '../server/request.js';
import type { KubeObject } from '../types.js';
import { frame, V4 } from './channels.js';
import { HttpConnection, portOwner } from './http-endpoint.js';
import { requireHost, targetPod } from './pod-target.js';
import * as spdy from './spdy.js';
import { acceptWebSocket, chooseProtocol, kubeletError } from './upgrade.js';

export const TUNNEL = 'SPDY/3.1+portforward.k8s.io';
const CHUNK = 32 * 1024;

/** The runtime's words when nothing listens on the port inside the pod's network namespace. */
export function refusedMessage(pod: KubeObject, port: number): string {
  const sandbox = createHash('sha256').update(pod.metadata.uid).digest('hex');
  const netns = `cni-${sandbox.slice(0, 8)}-${sandbox.slice(8, 12)}-${sandbox.slice(12, 16)}-${sandbox.slice(16, 20)}-${sandbox.slice(20, 32)}`;
  const p = String(port);
  return `error forwarding port ${p} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/${netns}": failed to connect to localhost:${p} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${p}: connect: connection refused IPv6 dial tcp6 [::1]:${p}: connect: connection refused `;
}

interface Pair {
  port: number;
  data?: number;
  error?: number;
  conn?: HttpConnection;
  finished: boolean;
}

/** One SPDY-over-WebSocket connection: frames in, replies and forwarded bytes out, in order. */
class SpdyTunnel {
  private readonly reader = new spdy.FrameReader();
  private readonly codec = new spdy.HeaderCodec();
  private chain: Promise<void> = Promise.resolve();
  private readonly streams = new Map<number, Pair>();
  private readonly pairs = new Map<string, Pair>();

  constructor(
    private readonly ws: WebSocket,
    private readonly pod: KubeObject,
    private readonly now: () => number,
  ) {
    ws.on('message', (raw: Buffer) => {
      for (const f of this.reader.push(raw)) {
        this.chain = this.chain.then(() => this.handle(f)).catch(() => this.ws.terminate());
      }
    });
    ws.on('close', () => this.codec.close());
  }

  private send(bytes: Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(bytes);
  }

  private async handle(f: spdy.Frame): Promise<void> {
    if (!f.control) return this.onData(f.streamId, f.data, (f.flags & spdy.FLAG_FIN) !== 0);
    if (f.type === spdy.SYN_STREAM) return this.onSynStream(f);
    if (f.type === spdy.RST_STREAM && f.data.length >= 4) this.streams.delete(f.data.readUInt32BE(0) & 0x7fffffff);
    else if (f.type === spdy.PING && f.data.length >= 4) this.send(spdy.pingFrame(f.data.readUInt32BE(0)));
    else if (f.type === spdy.GOAWAY) this.ws.close(1000);
  }

  private async onSynStream(f: spdy.Frame & { control: true }): Promise<void> {
    const { streamId, headerBlock } = spdy.synStreamOf(f);
    const headers = await this.codec.read(headerBlock);
    this.send(spdy.synReplyFrame(streamId, await this.codec.write([]), false));
    const port = Number(headers.get('port'));
    const type = headers.get('streamtype');
    if (!Number.isInteger(port) || port < 1 || port > 65535 || (type !== 'data' && type !== 'error')) {
      this.send(spdy.rstStreamFrame(streamId, spdy.RST_PROTOCOL_ERROR));
      return;
    }
    const key = `${String(port)}/${headers.get('requestid') ?? ''}`;
    let pair = this.pairs.get(key);
    if (!pair) this.pairs.set(key, (pair = { port, finished: false }));
    pair[type] = streamId;
    this.streams.set(streamId, pair);
    if (pair.data !== undefined && pair.error !== undefined) this.open(pair);
  }

  private open(pair: Pair): void {
    const owner = portOwner(this.pod, pair.port);
    if (!owner) {
      this.send(spdy.dataFrame(pair.error ?? 0, Buffer.from(refusedMessage(this.pod, pair.port)), false));
      this.finish(pair);
      return;
    }
    pair.conn = new HttpConnection(this.pod, owner, this.now);
  }

  private onData(streamId: number, data: Buffer, fin: boolean): void {
    const pair = this.streams.get(streamId);
    if (!pair || pair.finished || streamId !== pair.data) return;
    const reply = data.length > 0 ? pair.conn?.receive(data) : undefined;
    if (reply) {
      for (let at = 0; at < reply.length; at += CHUNK) {
        this.send(spdy.dataFrame(streamId, reply.subarray(at, at + CHUNK), false));
      }
    }
    if (reply || fin || pair.conn?.done) this.finish(pair);
  }

  /** The server's side of both streams is done (the simulated server closed the connection). */
  private finish(pair: Pair): void {
    if (pair.finished) return;
    pair.finished = true;
    for (const id of [pair.data, pair.error])
      if (id !== undefined) this.send(spdy.dataFrame(id, Buffer.alloc(0), true));
  }
}

/** The kubelet's channel protocol: one connection per requested port for the WebSocket's life. */
function channelForward(ws: WebSocket, pod: KubeObject, ports: number[], now: () => number): void {
  const send = (channel: number, data: Buffer | string): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, data));
  };
  const conns = ports.map((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port, 0);
    send(2 * i, prefix);
    send(2 * i + 1, prefix);
    const owner = portOwner(pod, port);
    if (!owner) send(2 * i + 1, refusedMessage(pod, port));
    return owner ? new HttpConnection(pod, owner, now) : undefined;
  });
  const allDone = (): boolean => conns.every((c) => c === undefined || c.done);
  if (allDone()) ws.close(1000);
  ws.on('message', (raw: Buffer) => {
    const channel = raw[0] ?? 0;
    const conn = conns[channel >> 1];
    if (channel % 2 !== 0 || !conn) return;
    const reply = conn.receive(raw.subarray(1));
    if (reply) send(channel, reply);
    if (allDone()) ws.close(1000);
  });
}

function requestedPorts(url: URL): number[] {
  const values = [...url.searchParams.getAll('ports'), ...url.searchParams.getAll('port')].flatMap((v) => v.split(','));
  if (values.length === 0) throw kubeletError(400, 'query parameter "port" is required');
  return values.map((v) => {
    const port = Number(v);
    if (!/^\d+$/.test(v.trim()) || port < 1 || port > 65535) throw kubeletError(400, `invalid port "${v}"`);
    return port;
  });
}

export async function handlePortForward(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const pod = targetPod(ctx, r);
  requireHost(pod);
  const protocol = chooseProtocol(r.req, 'portforward', [TUNNEL, V4]);
  const ports = protocol === V4 ? requestedPorts(r.url) : [];
  if (pod.status?.phase !== 'Running') {
    throw kubeletError(500, `pod not found ("${pod.metadata.name}_${pod.metadata.namespace ?? ''}")`);
  }
  const ws = await acceptWebSocket(r.req, r.res, protocol);
  ws.on('error', () => ws.terminate());
  if (protocol === TUNNEL) new SpdyTunnel(ws, pod, ctx.clock);
  else channelForward(ws, pod, ports, ctx.clock);
}
