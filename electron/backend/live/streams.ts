import type {
  DaemonSetDelta,
  DaemonSetDetailDelta,
  ExecChunk,
  ForwardState,
  LogChunk,
  MatrixDelta,
  NodeView,
  PodView,
} from '../../contract/index.js';
import { DaemonSetSubscription } from './daemonset-list.js';
import { LogStream } from './logs.js';
import { DetailSubscription } from './daemonset-detail.js';
import { CoverageSubscription } from './coverage.js';
import { NodeViewSubscription } from './node-view.js';
import { PodViewSubscription } from './pod-view.js';
import { AppError } from '../errors.js';
import { ALL_PROJECTS, type Projects } from '../resources/projects.js';
import type { ContextSession } from '../session/session.js';
import type { BackendTuning } from '../types.js';
import type { WatchManager } from '../watch/manager.js';
import type { StreamSpecs } from './producer.js';
import { isDnsLabel } from '../../../common/names.js';
import { checkExecAccess } from '../exec/access.js';
import { ShellStream } from '../exec/shell.js';
import { checkForwardAccess } from '../forward/access.js';
import { ForwardStream } from '../forward/forward.js';
import { metricsStreams } from '../metrics/streams.js';

export interface StreamDeps {
  manager: WatchManager;
  projects: Projects;
  tuning: BackendTuning;
  /** Told about every list informer failure and recovery, so the context's connection state follows reality. */
  onHealth(session: ContextSession, error: AppError | undefined): void;
}

// The last delta of each stream when its context goes away: empty, with the reason.
export const endedList = (message: string): DaemonSetDelta => ({
  reset: false,
  upserts: [],
  removals: [],
  synced: false,
  error: { code: 'unsupported', message },
});

export const endedDetail = (message: string): DaemonSetDetailDelta => ({
  reset: true,
  state: 'loading',
  pods: { set: [], removed: [] },
  nodes: { allowed: true, value: { set: [], removed: [] } },
  events: [],
  revisions: [],
  error: { code: 'unsupported', message },
});

export const endedLog = (message: string): LogChunk => ({
  lines: [],
  ended: true,
  error: { code: 'unsupported', message },
});

export const endedMatrix = (message: string): MatrixDelta => ({
  reset: true,
  columns: [],
  rows: [],
  patches: [],
  removed: [],
  synced: false,
  forbiddenNamespaces: [],
  nodesForbidden: false,
  error: { code: 'unsupported', message },
});
export const endedShell = (message: string): ExecChunk => ({ output: '', end: { reason: 'closed', message } });

export const endedForward = (message: string): ForwardState => ({
  address: '127.0.0.1',
  localPort: 0,
  open: 0,
  connections: 0,
  bytesIn: 0,
  bytesOut: 0,
  end: { reason: 'closed', message },
});

export const endedNodeView = (message: string): NodeView => ({
  state: 'loading',
  daemonPods: [],
  otherPods: [],
  absent: [],
  may: { cordon: false, drain: false },
  gaps: [],
  error: { code: 'unsupported', message },
});

// ---- issue 15: the pod panel ----
export const endedPodView = (message: string): PodView => ({
  state: 'loading',
  events: [],
  error: { code: 'unsupported', message },
});

/** The producer of every stream of the contract's EverynodeStreams. */
export function streamSpecs(deps: StreamDeps): StreamSpecs {
  const { manager, tuning } = deps;
  const check = async (session: ContextSession, [context, selection]: [string, string]): Promise<void> => {
    if (selection === ALL_PROJECTS) {
      if (!(await deps.projects.mayListAll(session))) {
        throw new AppError(
          'forbidden',
          `User "${session.userName}" may not list all namespaces in context "${context}".`,
        );
      }
    } else if (!isDnsLabel(selection)) {
      throw new AppError('invalid-argument', `"${selection}" is not a valid project name.`);
    }
  };
  return {
    daemonSets: {
      shared: true,
      onNewSession: 'restart',
      check,
      create: (session, [, selection], emit) =>
        new DaemonSetSubscription({
          session,
          manager,
          selection,
          windowMs: tuning.listWindowMs,
          maxBatch: tuning.maxBatch,
          emit,
          onHealth: (error) => deps.onHealth(session, error),
        }),
      ended: endedList,
    },
    coverage: {
      shared: true,
      onNewSession: 'restart',
      // The same as the list's: the matrix of all projects reads every namespace's DaemonSets and pods.
      check,
      // The list's window, not the detail page's: a rollout's cells follow the server within the list's allowance.
      create: (session, [, selection], emit) =>
        new CoverageSubscription({ session, manager, selection, flushMs: tuning.listWindowMs, emit }),
      ended: endedMatrix,
    },
    daemonSetDetail: {
      shared: true,
      onNewSession: 'restart',
      // The list's window too: issue 17 holds the 5,000-node grid to the raw watch plus the list's allowance.
      create: (session, [, namespace, name], emit) =>
        new DetailSubscription({ session, manager, namespace, name, flushMs: tuning.listWindowMs, emit }),
      ended: endedDetail,
    },
    logs: {
      shared: false,
      onNewSession: 'end',
      create: (session, [, namespace, pod, container, options], emit) =>
        new LogStream(session, { namespace, pod, container }, options, emit),
      ended: endedLog,
      isLast: (chunk) => chunk.ended,
    },
    exec: {
      shared: false,
      onNewSession: 'end',
      check: (session, [, namespace]) => checkExecAccess(session, namespace),
      create: (session, [, namespace, pod, container, size], emit) =>
        new ShellStream(session, { namespace, pod, container }, size, tuning.recheckMs, emit),
      ended: endedShell,
      isLast: (chunk) => chunk.end !== undefined,
    },
    nodeView: {
      shared: true,
      onNewSession: 'restart',
      create: (session, [, node], emit) =>
        new NodeViewSubscription({ session, manager, node, flushMs: tuning.flushMs, emit }),
      ended: endedNodeView,
    },
    // ---- issue 15: the pod panel ----
    podView: {
      shared: true,
      onNewSession: 'restart',
      create: (session, [, namespace, pod], emit) =>
        new PodViewSubscription({ session, manager, namespace, pod, flushMs: tuning.flushMs, emit }),
      ended: endedPodView,
    },
    // ---- issue 16: port-forward ----
    forward: {
      shared: false,
      onNewSession: 'end',
      check: (session, [, namespace]) => checkForwardAccess(session, namespace),
      create: (session, [, namespace, pod, port, localPort], emit) =>
        new ForwardStream(session, { namespace, pod, port }, localPort, tuning.recheckMs, emit),
      ended: endedForward,
      isLast: (state) => state.end !== undefined,
    },
    ...metricsStreams(deps),
  };
}
