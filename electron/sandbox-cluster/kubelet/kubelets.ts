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
import { DueQueue } from './due-queue.js';
import { ContainerSteps, type StepHost, type StepKind } from './containers.js';
import { LogBook, logKey, type LogOptions } from './logs.js';
import { NodeDirectory } from './nodes.js';
import { newPodRun, restoredRunning } from './pod-run.js';
import { buildPodStatus, type ContainerRun, type PodRun } from './pod-status.js';

/** Real milliseconds a stopped pod stays before removal, at least (see `kill`). */
const MIN_TEARDOWN_MS = 300;

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

export class Kubelets extends QueuedLoop implements StepHost {
  private readonly runs = new Map<string, PodRun>();
  protected readonly queue: DueQueue<Step>;
  readonly nodes: NodeDirectory;
  private readonly steps: ContainerSteps;
  private readonly bus: EventBus;
  private stepPod: Pod | undefined;
  readonly logs: LogBook;

  constructor(
    readonly api: ClusterApi,
    readonly speed: number,
  ) {
    super();
    this.queue = new DueQueue(api.now, (step) => this.runStep(step));
    this.logs = new LogBook(api.now, 10_000 / speed);
    this.bus = new EventBus(api);
    this.nodes = new NodeDirectory(api, this.bus);
    this.steps = new ContainerSteps(this);
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

  scaled(seconds: number): number {
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
    this.steps.forget(run.uid);
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
          this.steps.remember(node, c.image);
          this.logs.start(logKey(run.uid, c.name, c.restartCount), run.name, c.image, c.startedAt ?? this.api.now());
        }
      } else {
        this.schedule(run, 'admit', 0, 0);
      }
    }
    if (pod.metadata.deletionTimestamp && !run.terminating) this.terminate(run);
    else if (run.terminating && run.removeAt !== undefined) this.shortenGrace(run, pod);
  }

  /** A second delete with a shorter grace period (`kubectl delete --grace-period=1`) brings the removal forward. */
  private shortenGrace(run: PodRun, pod: Pod): void {
    const grace = pod.metadata.deletionGracePeriodSeconds;
    if (grace === undefined || run.removeAt === undefined) return;
    const removeAt = this.api.now() + Math.max(this.scaled(grace), MIN_TEARDOWN_MS);
    if (removeAt >= run.removeAt) return;
    run.token++;
    run.removeAt = removeAt;
    this.schedule(run, 'remove', removeAt - this.api.now(), 0);
  }

  schedule(run: PodRun, kind: StepKind, delayMs: number, container: number): void {
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
    const delay = Math.max(this.scaled(grace), MIN_TEARDOWN_MS);
    run.removeAt = this.api.now() + delay;
    this.schedule(run, 'remove', delay, 0);
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
        return this.steps.mount(run);
      case 'pull':
        return this.steps.pull(run, c, step.container);
      case 'pulled':
        return this.steps.pulled(run, c, step.container);
      case 'backoff':
        return this.steps.imagePullBackOff(run, c, step.container);
      case 'create':
        return this.steps.create(run, c, step.container);
      case 'exit':
        return this.steps.exit(run, c, step.container);
      case 'restart':
        return this.steps.restart(run, c, step.container);
      case 'ready':
        c.ready = true;
        return this.write(run);
      case 'probe':
        return this.steps.probe(run, c, step.container);
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

  containerSpec(run: PodRun, c: ContainerRun): Container | undefined {
    const pod = this.pod(run);
    const list = c.init ? (pod?.spec.initContainers ?? []) : (pod?.spec.containers ?? []);
    return list.find((x) => x.name === c.name);
  }

  /** The stored pod, looked up once per step (a step may write and record several times); shared, so read-only. */
  pod(run: PodRun): Pod | undefined {
    if (this.stepPod?.metadata.uid === run.uid) return this.stepPod;
    const pod = this.api.get('pods', run.namespace, run.name) as Pod | undefined;
    if (!pod || pod.metadata.uid !== run.uid) return undefined;
    this.stepPod = pod;
    return pod;
  }

  write(run: PodRun): void {
    const pod = this.pod(run);
    if (!pod) return;
    const status = buildPodStatus(run, this.api.now(), pod.status);
    this.stepPod = this.api.updateStatus('pods', { ...pod, status }) as Pod;
  }

  event(run: PodRun, c: ContainerRun, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(run);
    if (!pod) return;
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    this.api.recordEvent(pod, type, reason, message, { component: 'kubelet', host: run.node, fieldPath });
  }

  podEvent(run: PodRun, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(run);
    if (pod) this.api.recordEvent(pod, type, reason, message, { component: 'kubelet', host: run.node });
  }
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
