// What listens on a simulated container's ports: a small HTTP/1.1 server per declared containerPort, answering
// /metrics in the Prometheus text format (a node exporter's metrics on 9100, process metrics elsewhere, with the
// same memory figure metrics.k8s.io reports), /healthz, /readyz and /livez, and a line naming the pod on `/`.
// Each connection serves one request and closes (Connection: close). Undeclared ports refuse connections.
import type { KubeObject } from '../types.js';
import { containerUsage, systemUsage, windowStart } from '../metrics/usage.js';

type Json = Record<string, unknown>;
const HEAD_MAX = 64 * 1024;

export interface PortOwner {
  container: Json;
  port: Json;
}

/** The container (and its port entry) that declares `port`; undefined when nothing listens there. */
export function portOwner(pod: KubeObject, port: number): PortOwner | undefined {
  for (const container of (Array.isArray(pod.spec?.containers) ? pod.spec.containers : []) as Json[]) {
    for (const p of (Array.isArray(container.ports) ? container.ports : []) as Json[]) {
      if (p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP') return { container, port: p };
    }
  }
  return undefined;
}

function isMetricsPort(owner: PortOwner): boolean {
  return owner.port.containerPort === 9100 || /metrics/i.test(String(owner.port.name ?? ''));
}

function metricsText(pod: KubeObject, owner: PortOwner, now: number): string {
  const t = windowStart(now);
  const usage = containerUsage(pod, owner.container, t);
  const node = String(pod.spec?.nodeName ?? '');
  const started = Date.parse(String(pod.status?.startTime ?? '')) || now;
  const lines: string[] = [];
  if (owner.port.containerPort === 9100) {
    const system = systemUsage(node, t);
    lines.push(
      '# HELP node_uname_info Labeled system information as provided by the uname system call.',
      '# TYPE node_uname_info gauge',
      `node_uname_info{machine="x86_64",nodename="${node}",release="6.8.0-sandbox",sysname="Linux"} 1`,
      '# HELP node_load1 1m load average.',
      '# TYPE node_load1 gauge',
      `node_load1 ${(system.cpu * 4).toFixed(2)}`,
      '# HELP node_memory_Active_bytes Memory information field Active_bytes.',
      '# TYPE node_memory_Active_bytes gauge',
      `node_memory_Active_bytes ${String(Math.round(system.memory))}`,
      '# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.',
      '# TYPE node_cpu_seconds_total counter',
      `node_cpu_seconds_total{cpu="0",mode="system"} ${(((t - started) / 1000) * system.cpu).toFixed(2)}`,
    );
  }
  lines.push(
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${String(Math.round(usage.memory))}`,
    '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
    '# TYPE process_cpu_seconds_total counter',
    `process_cpu_seconds_total ${(((t - started) / 1000) * usage.cpu).toFixed(2)}`,
    '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${String(Math.floor(started / 1000))}`,
  );
  return lines.join('\n') + '\n';
}

/** `length` bytes of "0123456789abcdef..." repeated: what /bytes/N serves (and the bench compares against). */
export function pattern(length: number): Buffer {
  const unit = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_');
  const out = Buffer.alloc(length);
  for (let at = 0; at < length; at += unit.length) unit.copy(out, at, 0, Math.min(unit.length, length - at));
  return out;
}

function response(code: number, reason: string, type: string, body: string | Buffer, head: boolean): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const headers = [
    `HTTP/1.1 ${String(code)} ${reason}`,
    `Content-Type: ${type}`,
    `Content-Length: ${String(bytes.length)}`,
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(headers, 'latin1'), head ? Buffer.alloc(0) : bytes]);
}

/** One connection to the simulated server: bytes in, at most one response out, then it is done. */
export class HttpConnection {
  private buffered = Buffer.alloc(0);
  done = false;

  constructor(
    private readonly pod: KubeObject,
    private readonly owner: PortOwner,
    private readonly now: () => number,
  ) {}

  /** Feeds bytes; returns the response once the request head is complete. */
  receive(chunk: Buffer): Buffer | undefined {
    if (this.done) return undefined;
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.buffered.length <= HEAD_MAX) return undefined;
      return this.finish(
        response(
          431,
          'Request Header Fields Too Large',
          'text/plain; charset=utf-8',
          '431 Request Header Fields Too Large',
          false,
        ),
      );
    }
    const [requestLine = ''] = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
    if (!m) return this.finish(response(400, 'Bad Request', 'text/plain; charset=utf-8', '400 Bad Request', false));
    return this.finish(this.answer(m[1] ?? '', new URL(m[2] ?? '/', 'http://localhost').pathname));
  }

  private finish(bytes: Buffer): Buffer {
    this.done = true;
    return bytes;
  }

  private answer(method: string, path: string): Buffer {
    const head = method === 'HEAD';
    if (method !== 'GET' && !head)
      return response(405, 'Method Not Allowed', 'text/plain; charset=utf-8', 'Method Not Allowed\n', false);
    const text = 'text/plain; charset=utf-8';
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return response(200, 'OK', text, 'ok', head);
    if (path === '/metrics' && isMetricsPort(this.owner)) {
      return response(
        200,
        'OK',
        'text/plain; version=0.0.4; charset=utf-8',
        metricsText(this.pod, this.owner, this.now()),
        head,
      );
    }
    // Issue 16's throughput bench: /bytes/N answers N bytes (at most 64 MiB) of a repeating pattern.
    const bytes = /^\/bytes\/(\d{1,8})$/.exec(path);
    if (bytes && Number(bytes[1]) <= 64 * 1024 * 1024) {
      return response(200, 'OK', 'application/octet-stream', pattern(Number(bytes[1])), head);
    }
    if (path === '/') {
      const who = `${this.pod.metadata.namespace ?? ''}/${this.pod.metadata.name} container ${String(this.owner.container.name)}`;
      return response(
        200,
        'OK',
        text,
        `${who}, port ${String(this.owner.port.containerPort)} (simulated by the sandbox cluster)\n`,
        head,
      );
    }
    return response(404, 'Not Found', text, '404 page not found\n', head);
  }
}
