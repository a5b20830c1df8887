// Container logs of the simulated kubelets: a bounded ring buffer per container instance (a restarted container is a
// new instance; the previous one's lines stay readable with `--previous`), filled lazily when read (a line per few
// seconds of running time), so 10,000 pods cost nothing until someone asks for their logs.

import { parseImage } from './images.js';

const CAPACITY = 500;

interface Buffer {
  image: string;
  podName: string;
  lines: { at: number; text: string }[];
  /** Sandbox time up to which lines were generated. */
  filledTo: number;
  counter: number;
  finishedAt?: number;
}

export interface LogOptions {
  timestamps?: boolean;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** Lines in the style of the image's real program, so the log view looks like a real cluster. */
function startupLines(image: string, pod: string): string[] {
  const { repository: repo, tag } = parseImage(image);
  if (tag === 'crashloop') return [`starting ${repo.split('/').pop() ?? repo} on ${pod}`];
  if (repo.includes('node-exporter')) {
    return [
      'level=info msg="Starting node_exporter" version="(version=1.8.2, branch=HEAD)"',
      'level=info msg="Enabled collectors" collectors="cpu,diskstats,filesystem,loadavg,meminfo,netdev,stat,time,uname"',
      'level=info msg="Listening on" address=[::]:9100',
      'level=info msg="TLS is disabled." http2=false address=[::]:9100',
    ];
  }
  if (repo.includes('fluent-bit')) {
    return [
      'Fluent Bit v3.1.9',
      '[ info] [fluent bit] version=3.1.9, commit=, pid=1',
      '[ info] [storage] ver=1.5.2, type=memory, sync=normal, checksum=off, max_chunks_up=128',
      '[ info] [input:tail:tail.0] initializing',
      '[ info] [input:tail:tail.0] multiline core started',
      '[ info] [output:stdout:stdout.0] worker #0 started',
      '[ info] [sp] stream processor started',
    ];
  }
  if (repo.includes('nginx')) {
    return [
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      'nginx: [notice] using the "epoll" event method',
      'nginx: [notice] start worker processes',
    ];
  }
  return [`starting ${repo.split('/').pop() ?? repo} on ${pod}`, 'configuration loaded', 'ready to serve requests'];
}

/** The last words of a container that crashes at start (image tag `crashloop`). */
export function crashLines(image: string): string[] {
  const program = parseImage(image).repository.split('/').pop() ?? 'app';
  return [
    `loading configuration from /etc/${program}/config.yaml`,
    `fatal: cannot reach upstream 10.96.0.1:443: dial tcp 10.96.0.1:443: connect: connection refused`,
    'exiting with status 1',
  ];
}

/** The key of one container instance: the pod's uid, the container's name, and its restart count. */
export function logKey(uid: string, container: string, attempt: number): string {
  return `${uid}/${container}/${attempt}`;
}

function periodicLine(image: string, n: number): string {
  const repo = parseImage(image).repository;
  if (repo.includes('fluent-bit'))
    return `[ info] [input:tail:tail.0] inotify_fs_add(): inode=${40000 + n} name=/var/log/containers/app-${n % 7}.log`;
  if (repo.includes('node-exporter')) return `level=debug msg="scrape complete" duration_seconds=0.0${(n % 9) + 1}`;
  if (repo.includes('nginx')) return `10.244.0.1 - - "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.32"`;
  return `heartbeat ${n}: ok`;
}

/** The pod uid a logKey starts with. */
const podOf = (key: string): string => key.slice(0, key.indexOf('/'));

export class LogBook {
  private readonly buffers = new Map<string, Buffer>();
  // The keys of each pod's instances: forgetting a pod must not scan every container's buffer (150,000 in the bench's
  // light world, where a rollout step deletes 500 pods).
  private readonly byPod = new Map<string, Set<string>>();

  constructor(
    private readonly now: () => number,
    /** Sandbox milliseconds between periodic lines. */
    private readonly intervalMs: number,
  ) {}

  /** Starts the log of a container instance (see logKey). */
  start(key: string, podName: string, image: string, at: number): void {
    const buffer: Buffer = { image, podName, lines: [], filledTo: at, counter: 0 };
    for (const text of startupLines(image, podName)) buffer.lines.push({ at, text });
    this.buffers.set(key, buffer);
    const uid = podOf(key);
    let keys = this.byPod.get(uid);
    if (!keys) this.byPod.set(uid, (keys = new Set()));
    keys.add(key);
  }

  /** The instance stopped: its last lines are written and the log grows no more. */
  finish(key: string, lastLines: string[] = ['received SIGTERM, shutting down']): void {
    const buffer = this.buffers.get(key);
    if (buffer && buffer.finishedAt === undefined) {
      this.fill(buffer);
      buffer.finishedAt = this.now();
      for (const text of lastLines) buffer.lines.push({ at: buffer.finishedAt, text });
    }
  }

  /** Drops every instance of the pod's containers but `keep`, if given. */
  forget(uid: string, keep?: string): void {
    for (const key of [...(this.byPod.get(uid) ?? [])]) if (key !== keep) this.drop(key);
  }

  drop(key: string): void {
    this.buffers.delete(key);
    const uid = podOf(key);
    const keys = this.byPod.get(uid);
    keys?.delete(key);
    if (keys?.size === 0) this.byPod.delete(uid);
  }

  read(key: string, options: LogOptions = {}): string[] | undefined {
    const buffer = this.buffers.get(key);
    if (!buffer) return undefined;
    this.fill(buffer);
    return buffer.lines.map((l) => (options.timestamps ? `${stamp(l.at)} ${l.text}` : l.text));
  }

  private fill(buffer: Buffer): void {
    const until = buffer.finishedAt ?? this.now();
    // Skip straight to the last CAPACITY intervals: older lines would be evicted anyway.
    const missing = Math.floor((until - buffer.filledTo) / this.intervalMs);
    if (missing <= 0) return;
    const skip = Math.max(0, missing - CAPACITY);
    buffer.counter += skip;
    buffer.filledTo += skip * this.intervalMs;
    for (let i = skip; i < missing; i++) {
      buffer.filledTo += this.intervalMs;
      buffer.counter++;
      buffer.lines.push({ at: buffer.filledTo, text: periodicLine(buffer.image, buffer.counter) });
    }
    if (buffer.lines.length > CAPACITY) buffer.lines.splice(0, buffer.lines.length - CAPACITY);
  }
}
