// The world a simulated container lives in, built from the stored objects when a shell opens: its hostname and
// environment, its files (the few the kubelet and runtime write, then each volume mount: ConfigMap and Secret keys,
// projected and downwardAPI files, the node's files under a hostPath, empty dirs) and its processes.
import { createHash } from 'node:crypto';
import { parseImage } from '../kubelet/images.js';
import type { KubeObject } from '../types.js';
import { containerEnv, dataOf, type ObjectSource } from './env.js';
import { FileTree, resolvePath } from './filesystem.js';

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const record = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

export interface Process {
  pid: number;
  command: string;
}

export interface ContainerWorld {
  pod: string;
  container: string;
  node: string;
  hostname: string;
  env: [string, string][];
  files: FileTree;
  processes: Process[];
}

/** The files of one volume, relative to its mount point. */
function volumeFiles(source: ObjectSource, pod: KubeObject, volume: Json): Map<string, string> | 'host' | undefined {
  const namespace = pod.metadata.namespace ?? '';
  const keyed = (resource: 'configmaps' | 'secrets', name: string, items: Json[]): Map<string, string> => {
    const object = source.get(resource, namespace, name);
    const data = object ? dataOf(object, resource === 'secrets') : new Map<string, string>();
    if (items.length === 0) return data;
    return new Map(items.filter((i) => data.has(str(i.key))).map((i) => [str(i.path), data.get(str(i.key)) ?? '']));
  };
  if (volume.configMap) {
    const cm = record(volume.configMap);
    return keyed('configmaps', str(cm.name), list(cm.items));
  }
  if (volume.secret) {
    const s = record(volume.secret);
    return keyed('secrets', str(s.secretName), list(s.items));
  }
  if (volume.projected) {
    const out = new Map<string, string>();
    for (const s of list(record(volume.projected).sources)) {
      const cm = s.configMap ? record(s.configMap) : undefined;
      const secret = s.secret ? record(s.secret) : undefined;
      const part = cm
        ? keyed('configmaps', str(cm.name), list(cm.items))
        : secret
          ? keyed('secrets', str(secret.name), list(secret.items))
          : new Map<string, string>();
      for (const [k, v] of part) out.set(k, v);
    }
    return out;
  }
  if (volume.downwardAPI) {
    const out = new Map<string, string>();
    for (const item of list(record(volume.downwardAPI).items)) {
      const path = str(record(item.fieldRef).fieldPath);
      const meta = pod.metadata;
      const labels = (m: Record<string, string> | undefined) =>
        Object.entries(m ?? {})
          .map(([k, v]) => `${k}="${v}"`)
          .join('\n');
      const value =
        path === 'metadata.labels'
          ? labels(meta.labels)
          : path === 'metadata.annotations'
            ? labels(meta.annotations)
            : str(record(meta)[path.replace('metadata.', '')]);
      out.set(str(item.path), value);
    }
    return out;
  }
  if (volume.hostPath) return 'host';
  return new Map();
}

/** What a node has on disk, for hostPath mounts: its identity and the log files of the pods it runs. */
function nodeFiles(source: ObjectSource, node: string): FileTree {
  const tree = new FileTree();
  tree.file('/etc/hostname', `${node}\n`);
  tree.file('/etc/machine-id', createHash('sha256').update(node).digest('hex').slice(0, 32) + '\n');
  tree.file('/etc/os-release', 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n');
  for (const dir of ['/var/lib/kubelet/pods', '/run/containerd', '/sys/fs/cgroup', '/proc', '/dev']) tree.dir(dir);
  for (const p of source.list('pods').filter((x) => x.spec?.nodeName === node)) {
    const ns = p.metadata.namespace ?? '';
    for (const c of list(p.spec?.containers)) {
      const name = str(c.name);
      tree.file(`/var/log/pods/${ns}_${p.metadata.name}_${p.metadata.uid}/${name}/0.log`, '');
      tree.file(`/var/log/containers/${p.metadata.name}_${ns}_${name}.log`, '');
    }
  }
  return tree;
}

function copyBelow(from: FileTree, fromPath: string, into: FileTree, mountPath: string): void {
  const walk = (at: string, to: string): void => {
    const entry = from.get(at);
    if (!entry) return;
    if (entry.type === 'file') {
      into.file(to, entry.content);
      return;
    }
    into.dir(to);
    for (const child of from.children(at)) walk(at === '/' ? `/${child}` : `${at}/${child}`, `${to}/${child}`);
  };
  walk(fromPath, mountPath);
}

/** The main process's command line: the container's command and args, else the image's program. */
function mainCommand(container: Json): string {
  const command = list(container.command).map(str);
  const args = list(container.args).map(str);
  if (command.length > 0) return [...command, ...args].join(' ');
  const program = parseImage(str(container.image)).repository.split('/').pop() ?? 'app';
  return [`/usr/bin/${program.replaceAll('-', '_')}`, ...args].join(' ');
}

export function containerWorld(
  source: ObjectSource,
  pod: KubeObject,
  containerName: string,
  tty: boolean,
): ContainerWorld {
  const all = [...list(pod.spec?.initContainers), ...list(pod.spec?.containers)];
  const container = all.find((c) => c.name === containerName) ?? {};
  const hostname = str(pod.spec?.hostname) || pod.metadata.name.slice(0, 63);
  const node = str(pod.spec?.nodeName);
  const namespace = pod.metadata.namespace ?? '';
  const files = new FileTree();
  for (const dir of ['/bin', '/dev', '/proc', '/root', '/sys', '/tmp', '/usr/bin', '/var']) files.dir(dir);
  files.file('/etc/hostname', `${hostname}\n`);
  files.file('/etc/hosts', `127.0.0.1\tlocalhost\n${str(pod.status?.podIP) || '10.244.0.1'}\t${hostname}\n`);
  files.file(
    '/etc/resolv.conf',
    `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
  );
  const volumes = new Map(list(pod.spec?.volumes).map((v) => [str(v.name), v]));
  for (const mount of list(container.volumeMounts)) {
    const volume = volumes.get(str(mount.name));
    if (!volume) continue;
    const at = resolvePath('/', str(mount.mountPath));
    const sub = str(mount.subPath);
    const content = volumeFiles(source, pod, volume);
    if (content === undefined) continue;
    files.clear(at);
    if (content === 'host') {
      const hostPath = resolvePath('/', str(record(volume.hostPath).path));
      copyBelow(nodeFiles(source, node), sub ? resolvePath(hostPath, sub) : hostPath, files, at);
      files.dir(at);
      continue;
    }
    if (sub) {
      if (content.has(sub)) files.file(at, content.get(sub) ?? '');
      else files.dir(at);
      continue;
    }
    files.dir(at);
    for (const [name, text] of content) files.file(`${at}/${name}`, text);
  }
  return {
    pod: pod.metadata.name,
    container: containerName,
    node,
    hostname,
    env: containerEnv(source, { pod, container, hostname, tty }),
    files,
    processes: [{ pid: 1, command: mainCommand(container) }],
  };
}
