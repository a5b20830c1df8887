// The simulated shell: parsing, the commands' output and exit codes, the container world it reads (env, mounts),
// and the terminal line discipline of an interactive session.
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../electron/sandbox-cluster/shell/parse.js';
import { Shell, ShellSession } from '../../../electron/sandbox-cluster/shell/shell.js';
import { containerWorld } from '../../../electron/sandbox-cluster/shell/world.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

const objects: Record<string, KubeObject[]> = {
  configmaps: [
    { metadata: { name: 'cfg', namespace: 'ns' }, data: { 'a.conf': 'x=1\n', level: 'info' } } as unknown as KubeObject,
  ],
  secrets: [
    {
      metadata: { name: 'sec', namespace: 'ns' },
      data: { token: Buffer.from('t0k').toString('base64') },
    } as unknown as KubeObject,
  ],
  services: [
    {
      metadata: { name: 'my-svc', namespace: 'ns' },
      spec: { clusterIP: '10.96.0.9', ports: [{ name: 'web', port: 80, protocol: 'TCP' }] },
    } as unknown as KubeObject,
  ],
  nodes: [{ metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '8Gi' } } } as unknown as KubeObject],
  pods: [],
};
const source = {
  get: (r: string, ns: string | undefined, name: string) =>
    objects[r]?.find((o) => o.metadata.name === name && o.metadata.namespace === ns),
  list: (r: string, ns?: string) => (objects[r] ?? []).filter((o) => ns === undefined || o.metadata.namespace === ns),
};
const pod = {
  metadata: { name: 'p-1', namespace: 'ns', uid: 'u1' },
  spec: {
    nodeName: 'n1',
    containers: [
      {
        name: 'c',
        image: 'example.org/agent:1',
        env: [
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level' } } },
          { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k', optional: true } } },
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
          { name: 'MSG', value: '$(LEVEL)-$(NOPE)-$$(LEVEL)' },
        ],
        envFrom: [{ secretRef: { name: 'sec' }, prefix: 'S_' }],
        volumeMounts: [
          { name: 'cfg', mountPath: '/etc/cfg' },
          { name: 'one', mountPath: '/etc/level.txt', subPath: 'level' },
        ],
      },
    ],
    volumes: [
      { name: 'cfg', configMap: { name: 'cfg' } },
      { name: 'one', configMap: { name: 'cfg' } },
    ],
  },
} as unknown as KubeObject;

function run(line: string): { out: string; err: string; code: number | undefined; status: number } {
  let out = '';
  let err = '';
  const shell = new Shell(containerWorld(source, pod, 'c', false), { out: (t) => (out += t), err: (t) => (err += t) });
  const code = shell.runLine(line);
  return { out, err, code, status: shell.status };
}

describe('the simulated shell', () => {
  it('splits words, quotes and expands variables as sh does', () => {
    const vars = (n: string) => ({ A: 'x y', '?': '3' })[n] ?? '';
    expect(parseLine(`echo "$A" '$A' \\$A $A$? \${A}z $NONE ; exit 2 && b || c`, vars)).toEqual({
      ok: true,
      commands: [
        { words: ['echo', 'x y', '$A', '$A', 'x y3', 'x yz'], after: ';' },
        { words: ['exit', '2'], after: ';' },
        { words: ['b'], after: '&&' },
        { words: ['c'], after: '||' },
      ],
    });
    expect(parseLine('ls | wc', vars)).toEqual({ ok: false, unsupported: '|' });
    expect(parseLine('echo "open', vars)).toEqual({ ok: false, open: true });
  });

  it("builds the kubelet's environment: valueFrom, envFrom with prefix, $(VAR), service links, the runtime's", () => {
    const env = new Map(containerWorld(source, pod, 'c', false).env);
    expect(env.get('LEVEL')).toBe('info');
    expect(env.has('OPT')).toBe(false);
    expect(env.get('CPU')).toBe('4');
    expect(env.get('MSG')).toBe('info-$(NOPE)-$(LEVEL)');
    expect(env.get('S_token')).toBe('t0k');
    expect(env.get('MY_SVC_SERVICE_HOST')).toBe('10.96.0.9');
    expect(env.get('MY_SVC_PORT_80_TCP')).toBe('tcp://10.96.0.9:80');
    expect(env.get('HOSTNAME')).toBe('p-1');
    expect([...env.keys()][0]).toBe('PATH');
  });

  it('lists and reads mounted files, a subPath as one file, and fails on what is missing', () => {
    expect(run('ls /etc/cfg').out).toBe('a.conf\nlevel\n');
    expect(run('cat /etc/cfg/a.conf /etc/level.txt').out).toBe('x=1\ninfo');
    expect(run('cd /etc/cfg && cat a.conf').out).toBe('x=1\n');
    const missing = run('cat /nope');
    expect([missing.err, missing.status]).toEqual(["cat: can't open '/nope': No such file or directory\n", 1]);
    expect(run('ls /nope').status).toBe(1);
    expect(run('cat /etc').err).toBe('cat: read error: Is a directory\n');
  });

  it('ends with exit codes, says unknown commands are not found (127), and chains with && and ||', () => {
    expect(run('exit 300').code).toBe(44);
    expect(run('false; exit').code).toBe(1);
    expect(run('exit x').status).toBe(2);
    const unknown = run('frobnicate --now');
    expect([unknown.err, unknown.status]).toEqual(['sh: frobnicate: not found\n', 127]);
    expect(run('false && echo no || echo yes').out).toBe('yes\n');
    expect(run('hostname; echo $?').out).toBe('p-1\n0\n');
    expect(run('sh -c "exit 7"').status).toBe(7);
    expect(run('touch /etc/cfg/new').err).toBe('touch: /etc/cfg/new: Read-only file system\n');
  });

  it('runs a terminal session: prompt, echo, erase, ^C, CR-LF output and exit', () => {
    let out = '';
    let ended: number | undefined;
    const world = containerWorld(source, pod, 'c', true);
    const session = new ShellSession(
      world,
      { out: (t) => (out += t), err: () => undefined, end: (c) => (ended = c) },
      true,
    );
    session.input('hostx\x7fname\r');
    session.input('junk\x03');
    session.resize({ width: 132, height: 50 });
    session.input('\x1b[Astty size\r');
    session.input('exit 9\r');
    expect(out).toBe('/ # hostx\b \bname\r\np-1\r\n/ # junk^C\r\n/ # stty size\r\n50 132\r\n/ # exit 9\r\n');
    expect(ended).toBe(9);
    expect(new Map(world.env).get('TERM')).toBe('xterm');
  });

  it('without a terminal reads lines from stdin and ends at EOF with the last status', () => {
    let out = '';
    let ended: number | undefined;
    const session = new ShellSession(
      containerWorld(source, pod, 'c', false),
      { out: (t) => (out += t), err: () => undefined, end: (c) => (ended = c) },
      false,
    );
    session.input('echo a\nfal');
    session.input('se');
    expect(ended).toBeUndefined();
    session.eof();
    expect([out, ended]).toEqual(['a\n', 1]);
  });
});
