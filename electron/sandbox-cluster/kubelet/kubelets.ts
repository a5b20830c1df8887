// The simulated kubelets, one per node, driven by one due queue: a bound pod goes ContainerCreating -> image pull
// (or ErrImagePull/ImagePullBackOff with back-off) -> Running -> Ready after its readiness probe's delay; a deleted pod
// stops after its grace period and is then removed for real. All delays are divided by the speed factor.

import { QueuedLoop } from '../controllers/control-loop.js';
import { EventBus } from '../controllers/event-bus.js';
import type { Pod } from '../controllers/kinds.js';
import { badRequest } from '../errors.js';
import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { DueQueue } from './due-queue.js';
import { backoffSeconds, containerId, fullName, parseImage, pullError, pullSeconds } from './images.js';
import { LogBook, type LogOptions } from './logs.js';
import { newPodRun } from './pod-run.js';
import { buildPodStatus, type ContainerRun, type PodRun } from './pod-status.js';
import { NodeDirectory } from './nodes.js';

/** Real milliseconds a stopped pod stays before removal, at least (see `kill`). */
const MIN_TEARDOWN_MS = 300;

type StepKind = 'admit' | 'pull' | 'pulled' | 'backoff' | 'start' | 'ready' | 'kill' | 'remove';

interface Step {
  key: string;
  uid: string;
  token: number;
  kind: StepKind;
  container: number;
}

export interface LogReadOptions extends LogOptions {
  previous?: boolean;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class Kubelets extends QueuedLoop {
  private readonly runs = new Map<string, PodRun>();
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

  /** The container's log lines; throws the API server's 400 when there are none to show. */
  readLogs(namespace: string, name: string, container: string, options: LogReadOptions = {}): string[] {
    const run = this.runs.get(`${namespace}/${name}`);
    const c = run?.containers.find((x) => x.name === container);
    if (!run || !c) throw badRequest(`container ${container} is not valid for pod ${name}`);
    if (options.previous) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    const lines = this.logs.read(run.uid, container, options);
    if (lines) return lines;
    const why =
      c.stage === 'errImagePull' || c.stage === 'imagePullBackOff'
        ? 'trying and failing to pull image'
        : 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
  }

  private scaled(seconds: number): number {
    return (seconds * 1000) / this.speed;
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource !== 'pods') return;
    if (event.type === 'DELETED') {
      const run = this.runs.get(keyOf(event.object));
      if (run && run.uid === event.object.metadata.uid) {
        this.runs.delete(keyOf(event.object));
        this.logs.forget(run.uid);
      }
      return;
    }
    this.observe(event.object as Pod);
  }

  /** Starts tracking a pod bound to a known node, or starts its termination. Never writes: steps do. */
  private observe(pod: Pod): void {
    const node = pod.spec.nodeName;
    if (!node || !this.nodes.get(node)) return;
    const key = keyOf(pod);
    let run = this.runs.get(key);
    if (run && run.uid !== pod.metadata.uid) {
      this.logs.forget(run.uid);
      run = undefined;
    }
    if (!run) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      run = newPodRun(pod, node, this.nodes, (seconds) => this.scaled(seconds), this.api.now());
      this.runs.set(key, run);
      if (run.containers.every((c) => c.stage === 'running')) {
        // Restored from saved state: already running, nothing to redo.
        for (const c of run.containers) {
          this.remember(node, c.image);
          this.logs.start(run.uid, run.name, c.name, c.image, c.startedAt ?? this.api.now());
        }
      } else {
        this.schedule(run, 'admit', 0, 0);
      }
    }
    if (pod.metadata.deletionTimestamp && !run.terminating) this.terminate(run);
  }

  private schedule(run: PodRun, kind: StepKind, delayMs: number, container: number): void {
    const step: Step = { key: `${run.namespace}/${run.name}`, uid: run.uid, token: run.token, kind, container };
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
      this.event(run, c.name, 'Normal', 'Killing', `Stopping container ${c.name}`);
      this.logs.finish(run.uid, c.name);
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
    switch (step.kind) {
      case 'admit':
        this.write(run);
        run.containers.forEach((_, i) => this.schedule(run, 'pull', this.scaled(0.5), i));
        return;
      case 'pull':
        return this.pull(run, c, step.container);
      case 'pulled':
        return this.pulled(run, c, step.container);
      case 'backoff':
        c.stage = 'imagePullBackOff';
        this.event(run, c.name, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
        this.event(run, c.name, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        this.write(run);
        this.schedule(run, 'pull', this.scaled(backoffSeconds(c.failures)), step.container);
        return;
      case 'start':
        return this.start(run, c, step.container);
      case 'ready':
        c.ready = true;
        this.write(run);
        return;
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
      this.event(run, c.name, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
      this.schedule(run, 'start', this.scaled(0.2), index);
      return;
    }
    this.event(run, c.name, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const seconds = cached ? 0.4 : pullSeconds(c.image);
    this.schedule(run, 'pulled', this.scaled(seconds), index);
  }

  private pulled(run: PodRun, c: ContainerRun, index: number): void {
    const error = pullError(c.image);
    if (error) {
      c.failures++;
      c.stage = 'errImagePull';
      c.pullError = error;
      this.event(run, c.name, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${error}`);
      this.event(run, c.name, 'Warning', 'Failed', 'Error: ErrImagePull');
      this.write(run);
      this.schedule(run, 'backoff', this.scaled(1), index);
      return;
    }
    const seconds = this.hasImage(run.node, c.image) ? 0.4 : pullSeconds(c.image);
    this.remember(run.node, c.image);
    const took = Math.round((seconds * 1000) / this.speed) / 1000;
    this.event(run, c.name, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took}s`);
    this.schedule(run, 'start', this.scaled(0.2), index);
  }

  private remember(node: string, image: string): void {
    let cache = this.images.get(node);
    if (!cache) this.images.set(node, (cache = new Set()));
    cache.add(image);
  }

  private start(run: PodRun, c: ContainerRun, index: number): void {
    const now = this.api.now();
    c.stage = 'running';
    c.startedAt = now;
    c.containerID = containerId(run.uid, c.name, 0);
    c.pullError = undefined;
    this.event(run, c.name, 'Normal', 'Created', `Created container ${c.name}`);
    this.event(run, c.name, 'Normal', 'Started', `Started container ${c.name}`);
    this.logs.start(run.uid, run.name, c.name, c.image, now);
    c.ready = c.readyDelayMs <= 0;
    this.write(run);
    if (!c.ready) this.schedule(run, 'ready', c.readyDelayMs, index);
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

  private event(run: PodRun, container: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(run);
    if (!pod) return;
    const index = run.containers.findIndex((c) => c.name === container);
    const source = { component: 'kubelet', host: run.node, fieldPath: `spec.containers{${container}}` };
    if (index < 0) delete (source as { fieldPath?: string }).fieldPath;
    this.api.recordEvent(pod, type, reason, message, source);
  }
}
