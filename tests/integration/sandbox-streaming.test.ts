// Real kubectl streaming against the sandbox: exec (env with valueFrom, mounted files, exit codes, an interactive
// shell through a pipe and through a pseudo-terminal), port-forward with an HTTP GET through the local port, the
// kubelet's own v4 port-forward protocol, `kubectl top`, and the failures a real cluster gives: a user without the
// verb, a get-only role on a WebSocket upgrade, pods that are not running, a port nothing listens on, and SPDY from
// kubectl versions that only speak SPDY.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { KUBECTL_1_32, runKubectl, type KubectlRun } from './kubectl.js';
import { SandboxClient } from './sandbox-client.js';

const SDK = '/usr/lib/google-cloud-sdk/bin';
const POD = 'agent-0';
let sandbox: SandboxHandle;
let dir: string;
let kubeconfig: string;

const kubectl = (args: string[], bin = KUBECTL_1_32): Promise<KubectlRun> => runKubectl(bin, args, kubeconfig);

/** kubectl with something on its stdin, which runKubectl does not give. */
function withInput(command: string, args: string[], input: string): Promise<KubectlRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** `kubectl port-forward` on a free local port: resolves once it listens, with that port and a way to stop it. */
function portForward(bin: string, remote: number): Promise<{ port: number; stop(): Promise<KubectlRun> }> {
  const child = spawn(
    bin,
    ['port-forward', '-n', 'agents', `pod/${POD}`, `:${String(remote)}`, '--address=127.0.0.1'],
    {
      env: { ...process.env, KUBECONFIG: kubeconfig },
    },
  );
  let stdout = '';
  let stderr = '';
  const closed = new Promise<KubectlRun>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })),
  );
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) resolve({ port: Number(m[1]), stop: () => (child.kill(), closed) });
    });
    void closed.then((run) => reject(new Error(`port-forward ended: ${run.stderr}`)));
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const running = (ns: string, name: string) => () => sandbox.api.get('pods', ns, name)?.status?.phase === 'Running';

function agentPod(namespace: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'agent' } },
    spec: {
      nodeName: 'worker-2',
      containers: [
        {
          name: 'agent',
          image: 'example.org/agent:1.0',
          ports: [
            { containerPort: 9100, name: 'metrics' },
            { containerPort: 8080, name: 'http' },
          ],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          env: [
            { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'level' } } },
            { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'agent-secret', key: 'key' } } },
            { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
            { name: 'GREETING', value: 'level $(LEVEL) on $(NODE_NAME)' },
          ],
          volumeMounts: [
            { name: 'config', mountPath: '/etc/agent' },
            { name: 'secret', mountPath: '/var/run/secrets/agent', readOnly: true },
            { name: 'logs', mountPath: '/host/var/log', readOnly: true },
          ],
        },
      ],
      volumes: [
        { name: 'config', configMap: { name: 'agent-config' } },
        { name: 'secret', secret: { secretName: 'agent-secret' } },
        { name: 'logs', hostPath: { path: '/var/log' } },
      ],
      ...extra,
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-streaming-'));
  kubeconfig = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ speed: 20, kubeconfigPath: kubeconfig });
  const api = sandbox.api;
  for (const ns of ['agents', 'team-a']) {
    if (!api.get('namespaces', undefined, ns)) api.create('namespaces', { metadata: { name: ns } });
    api.create('configmaps', {
      metadata: { name: 'agent-config', namespace: ns },
      data: { level: 'debug', 'agent.conf': '[agent]\nlevel = debug\n' },
    });
    api.create('secrets', {
      metadata: { name: 'agent-secret', namespace: ns },
      data: { key: Buffer.from('s3cr3t').toString('base64') },
    });
  }
  api.create('pods', agentPod('agents', POD));
  api.create('pods', agentPod('team-a', 'agent-dev'));
  api.create('pods', agentPod('agents', 'doomed'));
  // Never scheduled (no node fits), and stuck in ContainerCreating on a missing ConfigMap volume.
  api.create('pods', {
    ...agentPod('agents', 'pending'),
    spec: { ...agentPod('agents', 'x').spec, nodeName: undefined, nodeSelector: { nowhere: 'true' } },
  });
  const creating = agentPod('agents', 'creating');
  creating.spec.volumes[0] = { name: 'config', configMap: { name: 'missing' } };
  api.create('pods', creating);
  await until(running('agents', POD), 'agent pod running');
  await until(running('team-a', 'agent-dev'), 'team-a pod running');
  await until(running('agents', 'doomed'), 'doomed pod running');
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

const exec = (args: string[], bin = KUBECTL_1_32) => kubectl(['exec', '-n', 'agents', POD, '--', ...args], bin);

describe('kubectl exec into a simulated container', () => {
  it('prints the environment the kubelet builds, valueFrom and $(VAR) resolved', async () => {
    const run = await exec(['env']);
    expect(run.code, run.stderr).toBe(0);
    const env = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env.get('HOSTNAME')).toBe(POD);
    expect(env.get('LEVEL')).toBe('debug');
    expect(env.get('API_KEY')).toBe('s3cr3t');
    expect(env.get('NODE_NAME')).toBe('worker-2');
    expect(env.get('MEMORY_LIMIT')).toBe('128');
    expect(env.get('GREETING')).toBe('level debug on worker-2');
    expect(env.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
  });

  it('reads mounted ConfigMap, Secret and hostPath files, read-only', async () => {
    const [conf, secret, ls, logs, touch] = await Promise.all([
      exec(['cat', '/etc/agent/agent.conf']),
      exec(['cat', '/var/run/secrets/agent/key']),
      exec(['ls', '/etc/agent']),
      exec(['ls', '/host/var/log/pods']),
      exec(['touch', '/etc/agent/x']),
    ]);
    expect(conf.stdout).toBe('[agent]\nlevel = debug\n');
    expect(secret.stdout).toBe('s3cr3t');
    expect(ls.stdout).toBe('agent.conf\nlevel\n');
    const uid = sandbox.api.get('pods', 'agents', POD)?.metadata.uid ?? '';
    expect(logs.stdout).toContain(`agents_${POD}_${uid}\n`);
    expect(touch.code).toBe(1);
    expect(touch.stderr).toContain('Read-only file system');
  });

  it('passes exit codes through, says so for unknown commands, and fails like containerd for unknown programs', async () => {
    const [three, unknown, program] = await Promise.all([
      exec(['sh', '-c', 'exit 3']),
      exec(['sh', '-c', 'hostname && nosuch']),
      exec(['nosuch']),
    ]);
    expect(three.code).toBe(3);
    expect(three.stderr).toContain('command terminated with exit code 3');
    expect(unknown.code).toBe(127);
    expect(unknown.stdout).toBe(`${POD}\n`);
    expect(unknown.stderr).toContain('sh: nosuch: not found');
    expect(program.code).toBe(1);
    expect(program.stderr).toContain('exec: "nosuch": executable file not found in $PATH');
  });

  it('runs an interactive shell from a stdin pipe (-i) and through a pseudo-terminal (-it)', async () => {
    const piped = await withInput(
      KUBECTL_1_32,
      ['exec', '-i', '-n', 'agents', POD, '--', 'sh'],
      'hostname\nps\necho $LEVEL\nexit 4\n',
    );
    expect(piped.code).toBe(4);
    expect(piped.stdout).toMatch(
      new RegExp(`^${POD}\\nPID +USER +TIME +COMMAND\\n +1 root .*\\n +7 root .* sh\\n +\\d+ root .* ps\\ndebug\\n$`),
    );
    // util-linux script gives kubectl a terminal, so it asks for a TTY and sends raw keystrokes.
    const line = `${KUBECTL_1_32} exec -it -n agents ${POD} -- sh`;
    const tty = await withInput('script', ['-qec', line, '/dev/null'], 'hostname\rcd /etc/agent\rls\rexit 5\r');
    expect(tty.code).toBe(5);
    expect(tty.stdout).toContain(`/ # hostname\r\n${POD}\r\n/ # `);
    expect(tty.stdout).toContain('/etc/agent # ls\r\nagent.conf\r\nlevel\r\n/etc/agent # exit 5');
  });

  it('ends a shell with 137 when its container is killed (the pod deleted)', async () => {
    const child = spawn(KUBECTL_1_32, ['exec', '-i', '-n', 'agents', 'doomed', '--', 'sh'], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write('hostname\n');
    await new Promise((resolve) => child.stdout.once('data', resolve));
    sandbox.api.delete('pods', 'agents', 'doomed', { gracePeriodSeconds: 0 });
    expect(await code).toBe(137);
    expect(stderr).toContain('command terminated with exit code 137');
    child.stdin.destroy();
  });

  it('works the same from kubectl 1.31 and 1.33', async () => {
    const runs = await Promise.all(['1.31', '1.33'].map((v) => exec(['hostname'], `${SDK}/kubectl.${v}`)));
    for (const run of runs) expect(run.stdout, run.stderr).toBe(`${POD}\n`);
  });
});

describe('kubectl port-forward to a simulated container port', () => {
  it('serves /metrics and /healthz through the local port, on kubectl 1.31, 1.32 and 1.33', async () => {
    const bins = [`${SDK}/kubectl.1.31`, KUBECTL_1_32, `${SDK}/kubectl.1.33`];
    await Promise.all(
      bins.map(async (bin) => {
        const forward = await portForward(bin, 9100);
        const metrics = await httpGet(forward.port, '/metrics');
        const health = await httpGet(forward.port, '/healthz');
        await forward.stop();
        expect(metrics.status, bin).toBe(200);
        expect(metrics.body).toMatch(/^node_uname_info\{.*nodename="worker-2".*\} 1$/m);
        expect(metrics.body).toMatch(/^process_resident_memory_bytes \d+$/m);
        expect(health).toEqual({ status: 200, body: 'ok' });
      }),
    );
  });

  it('fails a connection to a port nothing listens on as the runtime does, and kubectl gives up', async () => {
    const forward = await portForward(KUBECTL_1_32, 7000);
    await expect(httpGet(forward.port, '/')).rejects.toThrow();
    const run = await forward.stop();
    expect(run.stderr).toContain('failed to connect to localhost:7000 inside namespace');
    expect(run.stderr).toContain('connect: connection refused');
  });

  it("speaks the kubelet's v4.channel.k8s.io port-forward protocol to other clients", async () => {
    const client = new SandboxClient(sandbox.kubeconfig);
    const url = `${sandbox.url.replace('https', 'wss')}/api/v1/namespaces/agents/pods/${POD}/portforward?ports=8080`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], client.connection('admin'));
    const messages: Buffer[] = [];
    ws.on('message', (m: Buffer) => messages.push(m));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')]));
    await new Promise((resolve) => ws.on('close', resolve));
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    // Both channels of the port start with the port number, little-endian; then the answer on the data channel.
    expect(messages.slice(0, 2).map((m) => [...m])).toEqual([
      [0, 0x90, 0x1f],
      [1, 0x90, 0x1f],
    ]);
    const data = Buffer.concat(
      messages
        .slice(2)
        .filter((m) => m[0] === 0)
        .map((m) => m.subarray(1)),
    ).toString();
    expect(data).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/);
  });
});

describe('kubectl top', () => {
  it('shows usage per pod within its limits, and per node', async () => {
    const pods = await kubectl(['top', 'pods', '-n', 'agents']);
    expect(pods.code, pods.stderr).toBe(0);
    const row = /^agent-0\s+(\d+)m\s+(\d+)Mi\s*$/m.exec(pods.stdout);
    expect(row, pods.stdout).not.toBeNull();
    expect(Number(row?.[1])).toBeLessThanOrEqual(200);
    expect(Number(row?.[2])).toBeLessThanOrEqual(128);
    expect(pods.stdout).not.toMatch(/^(pending|creating)\s/m);
    const nodes = await kubectl(['top', 'nodes']);
    expect(nodes.code, nodes.stderr).toBe(0);
    expect(nodes.stdout.match(/^(worker-\d|control-plane-1)\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/gm)).toHaveLength(6);
    expect((await kubectl(['top', 'pod', 'creating', '-n', 'agents'])).stderr).toContain(
      'podmetrics.metrics.k8s.io "agents/creating" not found',
    );
  });
});

describe('streaming failures as a real cluster gives them', () => {
  it('forbids exec without create on pods/exec, also for a role that only has get', async () => {
    const dev = ['exec', '-n', 'team-a', 'agent-dev', '--context', 'sandbox-developer', '--', 'hostname'];
    const denied = 'User "developer" cannot create resource "pods/exec" in API group "" in the namespace "team-a"';
    expect((await kubectl(dev)).stderr).toContain(denied);
    sandbox.api.create('roles', {
      metadata: { name: 'exec-get', namespace: 'team-a' },
      rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }],
    });
    sandbox.api.create('rolebindings', {
      metadata: { name: 'exec-get', namespace: 'team-a' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'exec-get' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'developer' }],
    });
    const client = new SandboxClient(sandbox.kubeconfig);
    const url = `${sandbox.url.replace('https', 'wss')}/api/v1/namespaces/team-a/pods/agent-dev/exec?command=hostname&stdout=true`;
    const ws = new WebSocket(url, ['v5.channel.k8s.io'], client.connection('developer'));
    const refused = await new Promise<string>((resolve) => {
      ws.on('open', () => {
        ws.close();
        resolve('101 upgraded');
      });
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve(`${String(res.statusCode)} ${String((JSON.parse(body) as { message: string }).message)}`),
        );
      });
    });
    expect(refused).toMatch(/^403 /);
    expect(refused).toContain(denied);
  });

  it('answers pods that are not running as the API server and kubelet do', async () => {
    const [pending, creating, noContainer] = await Promise.all([
      kubectl(['exec', '-n', 'agents', 'pending', '--', 'env']),
      kubectl(['exec', '-n', 'agents', 'creating', '--', 'env']),
      kubectl(['exec', '-n', 'agents', POD, '-c', 'nope', '--', 'env']),
    ]);
    expect(pending.stderr).toContain('pod pending does not have a host assigned');
    expect(creating.stderr).toContain('unable to upgrade connection: container not found ("agent")');
    expect(noContainer.stderr).toContain('container nope is not valid for pod agent-0');
  });

  it('refuses SPDY with the kubectl version needed: exec from 1.27, port-forward from 1.30', async () => {
    const old = await exec(['env'], `${SDK}/kubectl.1.27`);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain('serves pods/exec over WebSocket only, not SPDY: use kubectl 1.30 or newer');
    const forward = await kubectl(['port-forward', '-n', 'agents', POD, ':9100'], `${SDK}/kubectl.1.30`);
    expect(forward.code).not.toBe(0);
    expect(forward.stderr).toContain(
      'serves pods/portforward over WebSocket only, not SPDY: use kubectl 1.31 or newer',
    );
  });

  it('ends open exec sessions when the sandbox stops (last: it stops the sandbox)', async () => {
    const client = new SandboxClient(sandbox.kubeconfig);
    const url = `${sandbox.url.replace('https', 'wss')}/api/v1/namespaces/agents/pods/${POD}/exec?command=sh&stdin=true&stdout=true`;
    const ws = new WebSocket(url, ['v5.channel.k8s.io'], client.connection('admin'));
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise((resolve) => ws.on('close', resolve));
    await sandbox.stop();
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });
});
