// The container half of the simulated kubelet: volumes set up before any container, then each container's image
// pull, environment, start, exit and restart with the kubelet's back-offs, and readiness. The Kubelets class owns the
// pods, the due queue and the writes; each method here is one step it runs.

import type { Container, Pod } from '../controllers/kinds.js';
import type { ClusterApi } from '../types.js';
import { envError, mountFailures } from './config-refs.js';
import { backoffSeconds, containerId, fullName, parseImage, pullError, pullSeconds } from './images.js';
import { crashLines, logKey, type LogBook } from './logs.js';
import type { NodeDirectory } from './nodes.js';
import { initDone, type ContainerRun, type PodRun } from './pod-status.js';
import { crashes, neverReady, readinessFailure, TIMING } from './probes.js';

export type StepKind =
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

/** What the container steps use of the kubelet that runs them. */
export interface StepHost {
  readonly api: ClusterApi;
  readonly logs: LogBook;
  readonly nodes: NodeDirectory;
  readonly speed: number;
  scaled(seconds: number): number;
  schedule(run: PodRun, kind: StepKind, delayMs: number, container: number): void;
  pod(run: PodRun): Pod | undefined;
  containerSpec(run: PodRun, c: ContainerRun): Container | undefined;
  write(run: PodRun): void;
  event(run: PodRun, c: ContainerRun, type: 'Normal' | 'Warning', reason: string, message: string): void;
  podEvent(run: PodRun, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Per pod: how often volume set-up failed, when the timeout was last reported. */
interface MountState {
  failures: number;
  reportedAt: number;
}

export class ContainerSteps {
  private readonly mounts = new Map<string, MountState>();
  /** Images each node has pulled: the second pull on a node is "already present on machine". */
  private readonly images = new Map<string, Set<string>>();

  constructor(private readonly host: StepHost) {}

  forget(uid: string): void {
    this.mounts.delete(uid);
  }

  imagePullBackOff(run: PodRun, c: ContainerRun, index: number): void {
    c.stage = 'imagePullBackOff';
    this.host.event(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
    this.host.event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    this.host.write(run);
    this.host.schedule(run, 'pull', this.host.scaled(backoffSeconds(c.failures)), index);
  }

  restart(run: PodRun, c: ContainerRun, index: number): void {
    // A new container instance: the one that exited becomes lastState.
    if (c.terminated) c.last = c.terminated;
    c.terminated = undefined;
    c.restartCount++;
    this.host.schedule(run, 'pull', 0, index);
  }

  /** WaitForAttachAndMount: every Secret and ConfigMap volume must be there before any container is created. */
  mount(run: PodRun): void {
    const pod = this.host.pod(run);
    if (!pod) return;
    const failures = mountFailures(this.host.api, run.namespace, pod.spec);
    const now = this.host.api.now();
    if (failures.length === 0) {
      this.mounts.delete(run.uid);
      run.mounted = true;
      this.host.write(run);
      return this.startNext(run, this.host.scaled(0.5));
    }
    const state = this.mounts.get(run.uid) ?? { failures: 0, reportedAt: now };
    this.mounts.set(run.uid, state);
    for (const f of failures) this.host.podEvent(run, 'Warning', 'FailedMount', f.message);
    if (now - state.reportedAt >= this.host.scaled(TIMING.mountTimeout)) {
      state.reportedAt = now;
      const names = failures.map((f) => f.volume).join(' ');
      this.host.podEvent(
        run,
        'Warning',
        'FailedMount',
        `Unable to attach or mount volumes: unmounted volumes=[${names}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded`,
      );
    }
    const retry = Math.min(TIMING.mountRetry.initial * 2 ** state.failures, TIMING.mountRetry.max);
    state.failures++;
    this.host.schedule(run, 'mount', this.host.scaled(retry), 0);
  }

  /** Starts the first init container not done yet, or, once they all are, every main container not started. */
  startNext(run: PodRun, delayMs: number): void {
    const next = run.containers.findIndex((c) => c.init && !initDone(c));
    if (next >= 0) {
      const c = run.containers[next] as ContainerRun;
      if (c.stage === 'creating' || c.stage === 'pending') this.host.schedule(run, 'pull', delayMs, next);
      return;
    }
    run.containers.forEach((c, i) => {
      if (!c.init && (c.stage === 'creating' || c.stage === 'pending')) {
        c.stage = 'creating';
        this.host.schedule(run, 'pull', delayMs, i);
      }
    });
  }

  hasImage(node: string, image: string): boolean {
    return (
      this.images.get(node)?.has(image) === true ||
      this.host.nodes.get(node)?.bootImages.has(fullName(parseImage(image))) === true
    );
  }

  pull(run: PodRun, c: ContainerRun, index: number): void {
    const cached = this.hasImage(run.node, c.image);
    const always = c.pullPolicy === 'Always';
    if (cached && !always) {
      this.host.event(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
      this.host.schedule(run, 'create', this.host.scaled(0.2), index);
      return;
    }
    this.host.event(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const seconds = cached ? 0.4 : pullSeconds(c.image);
    this.host.schedule(run, 'pulled', this.host.scaled(seconds), index);
  }

  pulled(run: PodRun, c: ContainerRun, index: number): void {
    const error = pullError(c.image);
    if (error) {
      c.failures++;
      c.stage = 'errImagePull';
      c.pullError = error;
      this.host.event(run, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${error}`);
      this.host.event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
      this.host.write(run);
      this.host.schedule(run, 'backoff', this.host.scaled(1), index);
      return;
    }
    const seconds = this.hasImage(run.node, c.image) ? 0.4 : pullSeconds(c.image);
    this.remember(run.node, c.image);
    const took = Math.round((seconds * 1000) / this.host.speed) / 1000;
    this.host.event(run, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took}s`);
    this.host.schedule(run, 'create', this.host.scaled(0.2), index);
  }

  /** The node has the image now (pulled, or found there on restore). */
  remember(node: string, image: string): void {
    let cache = this.images.get(node);
    if (!cache) this.images.set(node, (cache = new Set()));
    cache.add(image);
  }

  /** generateContainerConfig: the environment must resolve, else CreateContainerConfigError until the next sync. */
  create(run: PodRun, c: ContainerRun, index: number): void {
    const spec = this.host.containerSpec(run, c);
    if (!spec) return;
    const error = envError(this.host.api, run.namespace, spec);
    if (error) {
      c.stage = 'configError';
      c.waitingMessage = error;
      this.host.event(run, c, 'Warning', 'Failed', `Error: ${error}`);
      this.host.write(run);
      this.host.schedule(run, 'pull', this.host.scaled(TIMING.syncRetry), index);
      return;
    }
    this.start(run, c, index, spec);
  }

  start(run: PodRun, c: ContainerRun, index: number, spec: Container): void {
    const now = this.host.api.now();
    c.stage = 'running';
    c.startedAt = now;
    c.created = true;
    c.containerID = containerId(run.uid, c.name, c.restartCount);
    c.pullError = undefined;
    c.waitingMessage = undefined;
    c.terminated = undefined;
    this.host.event(run, c, 'Normal', 'Created', `Created container ${c.name}`);
    this.host.event(run, c, 'Normal', 'Started', `Started container ${c.name}`);
    this.host.logs.start(logKey(run.uid, c.name, c.restartCount), run.name, c.image, now);
    if (c.restartCount >= 2) this.host.logs.drop(logKey(run.uid, c.name, c.restartCount - 2));
    const probed = (!c.init || c.sidecar) && spec.readinessProbe !== undefined;
    c.ready = !c.init || c.sidecar ? !probed || c.readyDelayMs <= 0 : false;
    if (probed && neverReady(c.image)) {
      c.ready = false;
      this.host.schedule(run, 'probe', c.readyDelayMs, index);
    } else if (probed && !c.ready) this.host.schedule(run, 'ready', c.readyDelayMs, index);
    if (crashes(c.image)) this.host.schedule(run, 'exit', this.host.scaled(TIMING.crashRun), index);
    else if (c.init && !c.sidecar) this.host.schedule(run, 'exit', this.host.scaled(TIMING.initRun), index);
    this.host.write(run);
    if (c.init && c.sidecar) this.startNext(run, this.host.scaled(0.2));
  }

  /** The container's process ended: an init container's work is done, a `crashloop` one failed. */
  exit(run: PodRun, c: ContainerRun, index: number): void {
    const now = this.host.api.now();
    const failed = crashes(c.image);
    const attempt = c.restartCount;
    const key = logKey(run.uid, c.name, attempt);
    this.host.logs.finish(key, failed ? crashLines(c.image) : []);
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
      this.host.write(run);
      return this.startNext(run, this.host.scaled(0.2));
    }
    if (run.restartPolicy === 'Never' || (run.restartPolicy === 'OnFailure' && !failed)) return this.host.write(run);
    this.crashed(run, c, index);
  }

  /** doBackOff: the first restart is immediate; later ones wait 10 s, 20 s, ... 5 min after the container exited. */
  crashed(run: PodRun, c: ContainerRun, index: number): void {
    const terminated = c.terminated;
    if (!terminated) return;
    if (c.crashBackoffS === 0) {
      c.crashBackoffS = TIMING.crashBackoff.initial;
      this.host.write(run);
      return this.host.schedule(run, 'restart', this.host.scaled(TIMING.firstRestart), index);
    }
    const wait = c.crashBackoffS;
    c.crashBackoffS = Math.min(wait * 2, TIMING.crashBackoff.max);
    c.last = terminated;
    c.terminated = undefined;
    c.stage = 'crashLoopBackOff';
    const who = `pod=${run.name}_${run.namespace}(${run.uid})`;
    c.waitingMessage = `back-off ${formatSeconds(wait)} restarting failed container=${c.name} ${who}`;
    const message = `Back-off restarting failed container ${c.name} in pod ${who.slice(4)}`;
    this.host.event(run, c, 'Warning', 'BackOff', message);
    this.host.write(run);
    this.host.schedule(run, 'restart', this.host.scaled(wait), index);
  }

  probe(run: PodRun, c: ContainerRun, index: number): void {
    const spec = this.host.containerSpec(run, c);
    if (!spec?.readinessProbe) return;
    this.host.event(run, c, 'Warning', 'Unhealthy', readinessFailure(spec.readinessProbe, run.podIP));
    this.host.schedule(run, 'probe', this.host.scaled(spec.readinessProbe.periodSeconds ?? 10), index);
  }
}

/** Go's time.Duration String for whole seconds: 10s, 1m20s, 5m0s. */
function formatSeconds(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = Math.round(total % 60);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
