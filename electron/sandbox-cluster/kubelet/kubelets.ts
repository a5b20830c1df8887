// The simulated kubelets, one per node, driven by one due queue. A bound pod: volumes set up (FailedMount while a
// Secret or ConfigMap is missing) -> init containers one by one -> main containers: image pull (or ErrImagePull /
// ImagePullBackOff) -> environment (CreateContainerConfigError while a referenced Secret or ConfigMap is missing) ->
// Running -> Ready after its readiness probe's delay. `crashloop` images exit and restart with the crash back-off;
// `unready` images fail their readiness probe. A deleted pod stops after its grace period and is then removed for
// real. All delays are divided by the speed factor.

import { QueuedLoop } from '../controllers/control-loop.js';
import { EventBus } from '../controllers/event-bus.js';
import type { Container, Pod } from '../controllers/kinds.js';
import { badRequest } from '../errors.js';
import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { envError, mountFailures } from './config-refs.js';
import { DueQueue } from './due-queue.js';
import { backoffSeconds, containerId, fullName, parseImage, pullError, pullSeconds } from './images.js';
import { crashLines, LogBook, logKey, type LogOptions } from './logs.js';
import { NodeDirectory } from './nodes.js';
import { newPodRun, restoredRunning } from './pod-run.js';
import { buildPodStatus, initDone, type ContainerRun, type PodRun } from './pod-status.js';
import { crashes, neverReady, readinessFailure, TIMING } from './probes.js';

/** Real milliseconds a stopped pod stays before removal, at least (see `kill`). */
const MIN_TEARDOWN_MS = 300;

type StepKind =
  | 'admit'
  | 'mount'
  | 'pull'
  | 'pulled'
  | 'backoff'
  | 'create'
  | 'exit'
  | 'restart'
  | 'ready'
  | 'probe'
  | 'kill'
  | 'remove';

interface Step {
  key: string;
  uid: string;
  token: number;
  kind: StepKind;
  container: number;
  /** The container instance (restart count) a step about a running container belongs to. */
  attempt: number;
}

export interface LogReadOptions extends LogOptions {
  previous?: boolean;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Per pod: when volume set-up started failing, how often it failed, when the timeout was last reported. */
interface MountState {
  since: number;
  failures: number;
  reportedAt: number;
}

export class Kubelets extends QueuedLoop {
  private readonly runs = new Map<string, PodRun>();
  private readonly mounts = new Map<string, MountState>();
  /** Images each node has pulled: the second pull on a node is "already present on machine". */
  private readonly images = new Map<string, Set<string>>();
  protected readonly queue: DueQueue<Step>;
  private readonly nodes: NodeDirectory;
  private readonly bus: EventBus;
  private stepPod: Pod | undefined;
  readonly logs: LogBook;

  constructor(
    private readonly api: ClusterApi,
    private readonly speed: number,
  ) {
    super();
    this.queue = new DueQueue(api.now, (step) => this.runStep(step));
    this.logs = new LogBook(api.now, 10_000 / speed);
    this.bus = new EventBus(api);
    this.nodes = new NodeDirectory(api, this.bus);
    this.onStop(this.bus.subscribe((event) => this.onEvent(event)));
    this.onStop(() => this.nodes.stop());
    this.onStop(() => this.bus.stop());
    for (const pod of api.list('pods')) this.observe(pod as Pod);
  }

  /** Whether this kubelet set knows the pod (optionally a specific uid). */
  knows(namespace: string, name: string, uid?: string): boolean {
    const run = this.runs.get(`${namespace}/${name}`);
    return run !== undefined && (uid === undefined || run.uid === uid);
  }

  /** The container's log lines, chosen as the kubelet's validateContainerLogStatus does; else the API's 400. */
  readLogs(namespace: string, name: string, container: string, options: LogReadOptions = {}): string[] {
    const run = this.runs.get(`${namespace}/${name}`);
    const c = run?.containers.find((x) => x.name === container);
    if (!run || !c) throw badRequest(`container ${container} is not valid for pod ${name}`);
    let attempt: number | undefined;
    if (options.previous) {
      if (!c.last) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
      attempt = c.last.attempt;
    } else if (c.stage === 'running') attempt = c.restartCount;
    else if (c.stage === 'exited' && c.terminated) attempt = c.terminated.attempt;
    else if (c.last) attempt = c.last.attempt;
    const lines = attempt === undefined ? undefined : this.logs.read(logKey(run.uid, c.name, attempt), options);
    if (lines) return lines;
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waitingWhy(c)}`);
  }

  private scaled(seconds: number): number {
    return (seconds * 1000) / this.speed;
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource !== 'pods') return;
    if (event.type === 'DELETED') {
      const run = this.runs.get(keyOf(event.object));
      if (run && run.uid === event.object.metadata.uid) this.forget(run);
      return;
    }
    this.observe(event.object as Pod);
  }

  private forget(run: PodRun): void {
    this.runs.delete(`${run.namespace}/${run.name}`);
    this.mounts.delete(run.uid);
    this.logs.forget(run.uid);
  }

  /** Starts tracking a pod bound to a known node, or starts its termination. Never writes: steps do. */
  private observe(pod: Pod): void {
    const node = pod.spec.nodeName;
    if (!node || !this.nodes.get(node)) return;
    const key = keyOf(pod);
    let run = this.runs.get(key);
    if (run && run.uid !== pod.metadata.uid) {
      this.forget(run);
      run = undefined;
    }
    if (!run) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      run = newPodRun(pod, node, this.nodes, (seconds) => this.scaled(seconds), this.api.now());
      this.runs.set(key, run);
      if (restoredRunning(run)) {
        // Restored from saved state: already running, nothing to redo.
        run.mounted = true;
        for (const c of run.containers.filter((x) => x.stage === 'running')) {
          this.remember(node, c.image);
          this.logs.start(logKey(run.uid, c.name, c.restartCount), run.name, c.image, c.startedAt ?? this.api.now());
        }
      } else {
        this.schedule(run, 'admit', 0, 0);
      }
    }
    if (pod.metadata.deletionTimestamp && !run.terminating) this.terminate(run);
  }

  private schedule(run: PodRun, kind: StepKind, delayMs: number, container: number): void {
    const attempt = run.containers[container]?.restartCount ?? 0;
    const step: Step = {
      key: `${run.namespace}/${run.name}`,
      uid: run.uid,
      token: run.token,
      kind,
      container,
      attempt,
    };
    this.queue.after(delayMs, step);
  }

  /** Marks the pod as stopping and cancels its pending lifecycle steps; the `kill` step does the work. */
  private terminate(run: PodRun): void {
    run.terminating = true;
    run.token++;
    this.schedule(run, 'kill', 0, 0);
  }

  private kill(run: PodRun): void {
    const pod = this.pod(run);
    if (!pod) return;
    for (const c of run.containers) {
      if (c.stage !== 'running') continue;
      this.event(run, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
      this.logs.finish(logKey(run.uid, c.name, c.restartCount));
    }
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    // A real kubelet never tears a pod down faster than its log readers poll: at high speed factors a short grace
    // period would otherwise remove the pod before a follower (`logs -f`) saw the container's last lines.
    this.schedule(run, 'remove', Math.max(this.scaled(grace), MIN_TEARDOWN_MS), 0);
  }

  private runStep(step: Step): void {
    const run = this.runs.get(step.key);
    if (!run || run.uid !== step.uid || run.token !== step.token) return;
    // Each step starts from a fresh read of the pod.
    this.stepPod = undefined;
    const c = run.containers[step.container];
    if (!c) return;
    // Steps about one container instance are void once it restarted.
    if (['exit', 'ready', 'probe'].includes(step.kind) && (c.restartCount !== step.attempt || c.stage !== 'running')) {
      return;
    }
    switch (step.kind) {
      case 'admit':
        this.write(run);
        return this.schedule(run, 'mount', 0, 0);
      case 'mount':
        return this.mount(run);
      case 'pull':
        return this.pull(run, c, step.container);
      case 'pulled':
        return this.pulled(run, c, step.container);
      case 'backoff':
        c.stage = 'imagePullBackOff';
        this.event(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
        this.event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        this.write(run);
        return this.schedule(run, 'pull', this.scaled(backoffSeconds(c.failures)), step.container);
      case 'create':
        return this.create(run, c, step.container);
      case 'exit':
        return this.exit(run, c, step.container);
      case 'restart':
        // A new container instance: the one that exited becomes lastState.
        if (c.terminated) c.last = c.terminated;
        c.terminated = undefined;
        c.restartCount++;
        return this.schedule(run, 'pull', 0, step.container);
      case 'ready':
        c.ready = true;
        return this.write(run);
      case 'probe':
        return this.probe(run, c, step.container);
      case 'kill':
        return this.kill(run);
      case 'remove':
        try {
          this.api.delete('pods', run.namespace, run.name, { gracePeriodSeconds: 0 });
        } catch {
          // Already gone.
        }
        return;
    }
  }

  /** WaitForAttachAndMount: every Secret and ConfigMap volume must be there before any container is created. */
  private mount(run: PodRun): void {
    const pod = this.pod(run);
    if (!pod) return;
    const failures = mountFailures(this.api, run.namespace, pod.spec);
    const now = this.api.now();
    if (failures.length === 0) {
      this.mounts.delete(run.uid);
      run.mounted = true;
      this.write(run);
      return this.startNext(run, this.scaled(0.5));
    }
    const state = this.mounts.get(run.uid) ?? { since: now, failures: 0, reportedAt: now };
    this.mounts.set(run.uid, state);
    for (const f of failures) this.podEvent(run, 'Warning', 'FailedMount', f.message);
    if (now - state.reportedAt >= this.scaled(TIMING.mountTimeout)) {
      state.reportedAt = now;
      const names = failures.map((f) => f.volume).join(' ');
      this.podEvent(
        run,
        'Warning',
        'FailedMount',
        `Unable to attach or mount volumes: unmounted volumes=[${names}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded`,
      );
    }
    const retry = Math.min(TIMING.mountRetry.initial * 2 ** state.failures, TIMING.mountRetry.max);
    state.failures++;
    this.schedule(run, 'mount', this.scaled(retry), 0);
  }

  /** Starts the first init container not done yet, or, once they all are, every main container not started. */
  private startNext(run: PodRun, delayMs: number): void {
    const next = run.containers.findIndex((c) => c.init && !initDone(c));
    if (next >= 0) {
      const c = run.containers[next] as ContainerRun;
      if (c.stage === 'creating' || c.stage === 'pending') this.schedule(run, 'pull', delayMs, next);
      return;
    }
    run.containers.forEach((c, i) => {
      if (!c.init && (c.stage === 'creating' || c.stage === 'pending')) {
        c.stage = 'creating';
        this.schedule(run, 'pull', delayMs, i);
      }
    });
  }

  private hasImage(node: string, image: string): boolean {
    return (
      this.images.get(node)?.has(image) === true ||
      this.nodes.get(node)?.bootImages.has(fullName(parseImage(image))) === true
    );
  }

  private pull(run: PodRun, c: ContainerRun, index: number): void {
    const cached = this.hasImage(run.node, c.image);
    const always = c.pullPolicy === 'Always';
    if (cached && !always) {
      this.event(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
      this.schedule(run, 'create', this.scaled(0.2), index);
      return;
    }
    this.event(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const seconds = cached ? 0.4 : pullSeconds(c.image);
    this.schedule(run, 'pulled', this.scaled(seconds), index);
  }

  private pulled(run: PodRun, c: ContainerRun, index: number): void {
    const error = pullError(c.image);
    if (error) {
      c.failures++;
      c.stage = 'errImagePull';
      c.pullError = error;
      this.event(run, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${error}`);
      this.event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
      this.write(run);
      this.schedule(run, 'backoff', this.scaled(1), index);
      return;
    }
    const seconds = this.hasImage(run.node, c.image) ? 0.4 : pullSeconds(c.image);
    this.remember(run.node, c.image);
    const took = Math.round((seconds * 1000) / this.speed) / 1000;
    this.event(run, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took}s`);
    this.schedule(run, 'create', this.scaled(0.2), index);
  }

  private remember(node: string, image: string): void {
    let cache = this.images.get(node);
    if (!cache) this.images.set(node, (cache = new Set()));
    cache.add(image);
  }

  /** generateContainerConfig: the environment must resolve, else CreateContainerConfigError until the next sync. */
  private create(run: PodRun, c: ContainerRun, index: number): void {
    const spec = this.containerSpec(run, c);
    if (!spec) return;
    const error = envError(this.api, run.namespace, spec);
    if (error) {
      c.stage = 'configError';
      c.waitingMessage = error;
      this.event(run, c, 'Warning', 'Failed', `Error: ${error}`);
      this.write(run);
      this.schedule(run, 'pull', this.scaled(TIMING.syncRetry), index);
      return;
    }
    this.start(run, c, index, spec);
  }

  private start(run: PodRun, c: ContainerRun, index: number, spec: Container): void {
    const now = this.api.now();
    c.stage = 'running';
    c.startedAt = now;
    c.created = true;
    c.containerID = containerId(run.uid, c.name, c.restartCount);
    c.pullError = undefined;
    c.waitingMessage = undefined;
    c.terminated = undefined;
    this.event(run, c, 'Normal', 'Created', `Created container ${c.name}`);
    this.event(run, c, 'Normal', 'Started', `Started container ${c.name}`);
    this.logs.start(logKey(run.uid, c.name, c.restartCount), run.name, c.image, now);
    if (c.restartCount >= 2) this.logs.drop(logKey(run.uid, c.name, c.restartCount - 2));
    const probed = (!c.init || c.sidecar) && spec.readinessProbe !== undefined;
    c.ready = !c.init || c.sidecar ? !probed || c.readyDelayMs <= 0 : false;
    if (probed && neverReady(c.image)) {
      c.ready = false;
      this.schedule(run, 'probe', c.readyDelayMs, index);
    } else if (probed && !c.ready) this.schedule(run, 'ready', c.readyDelayMs, index);
    if (crashes(c.image)) this.schedule(run, 'exit', this.scaled(TIMING.crashRun), index);
    else if (c.init && !c.sidecar) this.schedule(run, 'exit', this.scaled(TIMING.initRun), index);
    this.write(run);
    if (c.init && c.sidecar) this.startNext(run, this.scaled(0.2));
  }

  /** The container's process ended: an init container's work is done, a `crashloop` one failed. */
  private exit(run: PodRun, c: ContainerRun, index: number): void {
    const now = this.api.now();
    const failed = crashes(c.image);
    const attempt = c.restartCount;
    const key = logKey(run.uid, c.name, attempt);
    this.logs.finish(key, failed ? crashLines(c.image) : []);
    c.stage = 'exited';
    c.ready = false;
    c.terminated = {
      exitCode: failed ? 1 : 0,
      reason: failed ? 'Error' : 'Completed',
      startedAt: c.startedAt ?? now,
      finishedAt: now,
      containerID: c.containerID ?? '',
      attempt,
    };
    if (!failed && c.init && !c.sidecar) {
      this.write(run);
      return this.startNext(run, this.scaled(0.2));
    }
    if (run.restartPolicy === 'Never' || (run.restartPolicy === 'OnFailure' && !failed)) return this.write(run);
    this.crashed(run, c, index);
  }

  /** doBackOff: the first restart is immediate; later ones wait 10 s, 20 s, ... 5 min after the container exited. */
  private crashed(run: PodRun, c: ContainerRun, index: number): void {
    const terminated = c.terminated;
    if (!terminated) return;
    if (c.crashBackoffS === 0) {
      c.crashBackoffS = TIMING.crashBackoff.initial;
      this.write(run);
      return this.schedule(run, 'restart', this.scaled(TIMING.firstRestart), index);
    }
    const wait = c.crashBackoffS;
    c.crashBackoffS = Math.min(wait * 2, TIMING.crashBackoff.max);
    c.last = terminated;
    c.terminated = undefined;
    c.stage = 'crashLoopBackOff';
    const who = `pod=${run.name}_${run.namespace}(${run.uid})`;
    c.waitingMessage = `back-off ${formatSeconds(wait)} restarting failed container=${c.name} ${who}`;
    const message = `Back-off restarting failed container ${c.name} in pod ${who.slice(4)}`;
    this.event(run, c, 'Warning', 'BackOff', message);
    this.write(run);
    this.schedule(run, 'restart', this.scaled(wait), index);
  }

  private probe(run: PodRun, c: ContainerRun, index: number): void {
    const spec = this.containerSpec(run, c);
    if (!spec?.readinessProbe) return;
    this.event(run, c, 'Warning', 'Unhealthy', readinessFailure(spec.readinessProbe, run.podIP));
    this.schedule(run, 'probe', this.scaled(spec.readinessProbe.periodSeconds ?? 10), index);
  }

  private containerSpec(run: PodRun, c: ContainerRun): Container | undefined {
    const pod = this.pod(run);
    const list = c.init ? (pod?.spec.initContainers ?? []) : (pod?.spec.containers ?? []);
    return list.find((x) => x.name === c.name);
  }

  /** The stored pod, looked up once per step (a step may write and record several times); shared, so read-only. */
  private pod(run: PodRun): Pod | undefined {
    if (this.stepPod?.metadata.uid === run.uid) return this.stepPod;
    const pod = this.api.get('pods', run.namespace, run.name) as Pod | undefined;
    if (!pod || pod.metadata.uid !== run.uid) return undefined;
    this.stepPod = pod;
    return pod;
  }

  private write(run: PodRun): void {
    const pod = this.pod(run);
    if (!pod) return;
    const status = buildPodStatus(run, this.api.now(), pod.status);
    this.stepPod = this.api.updateStatus('pods', { ...pod, status }) as Pod;
  }

  private event(run: PodRun, c: ContainerRun, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(run);
    if (!pod) return;
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    this.api.recordEvent(pod, type, reason, message, { component: 'kubelet', host: run.node, fieldPath });
  }

  private podEvent(run: PodRun, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(run);
    if (pod) this.api.recordEvent(pod, type, reason, message, { component: 'kubelet', host: run.node });
  }
}

/** Go's time.Duration String for whole seconds: 10s, 1m20s, 5m0s. */
function formatSeconds(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = Math.round(total % 60);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

function waitingWhy(c: ContainerRun): string {
  switch (c.stage) {
    case 'errImagePull':
      return "image can't be pulled";
    case 'imagePullBackOff':
      return 'trying and failing to pull image';
    case 'configError':
      return 'CreateContainerConfigError';
    case 'pending':
      return 'PodInitializing';
    default:
      return c.init ? 'PodInitializing' : 'ContainerCreating';
  }
}
