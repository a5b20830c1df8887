import type {
  AppErrorDTO,
  BulkResult,
  ClustersState,
  DaemonSetDelta,
  Draft,
  ProjectsState,
  WireResult,
} from '../../../electron/contract/dto';
import type { EverynodeBridge, EverynodeEvents, EventName } from '../../../electron/contract/services';

/**
 * A stand-in for window.everynode in store tests: it records every call, answers from plain state, and lets the test
 * emit events. Only the unit tests of the renderer's stores use it; the real bridges are tested end to end.
 */
export function fakeBridge() {
  const calls: { method: string; args: unknown[] }[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextStream = 1;
  const clusters: ClustersState = {
    sources: [{ id: 'sandbox', label: 'Built-in sandbox', kind: 'sandbox', contexts: [{ name: 'sandbox-admin' }] }],
    contexts: [
      {
        name: 'sandbox-admin',
        cluster: 's',
        server: 'https://127.0.0.1:1',
        user: 'admin',
        sourceId: 'sandbox',
        sandbox: true,
      },
      { name: 'other', cluster: 'o', server: 'https://127.0.0.1:2', user: 'dev', sourceId: 'sandbox', sandbox: true },
    ],
    activeContext: 'sandbox-admin',
    connection: { state: 'connected' },
    connections: { 'sandbox-admin': { state: 'connected' } },
    sandboxAvailable: true,
  };
  const projects = new Map<string, ProjectsState>([
    [
      'sandbox-admin',
      {
        context: 'sandbox-admin',
        canListAll: true,
        projects: ['default', 'monitoring'],
        added: [],
        selected: 'default',
      },
    ],
    ['other', { context: 'other', canListAll: false, projects: ['team-a'], added: [], selected: 'team-a' }],
  ]);
  const projectsOf = (context: string): ProjectsState => {
    const state = projects.get(context);
    if (!state) throw new Error(`fake bridge: unknown context ${context}`);
    return state;
  };
  /** A test may hold the reply to streams.open() back to let batches overtake it, or have it refused. */
  let holdOpen: Promise<void> | undefined;
  let refuseOpen: { ok: false; error: AppErrorDTO } | undefined;
  let bulk: (refs: { namespace: string; name: string }[]) => BulkResult = (refs) => ({
    results: refs.map((r) => ({ key: `${r.namespace}/${r.name}`, ok: true })),
  });

  const drafts = new Map<string, Draft>();
  let lastRevision = 0;
  const summary = ({ key, revision, savedAt }: Draft) => ({ key, revision, savedAt });
  const ok = <T>(value: T): Promise<WireResult<T>> => Promise.resolve({ ok: true, value });
  const record = (method: string, args: unknown[]) => calls.push({ method, args });
  const unsupported = () =>
    Promise.resolve({ ok: false as const, error: { code: 'unsupported' as const, message: 'not in the fake bridge' } });

  const bridge: EverynodeBridge = {
    host: { info: () => ok({ kind: 'web', version: 'test', platform: 'test' }) },
    clusters: {
      getState: () => (record('clusters.getState', []), ok(clusters)),
      switchContext: (name) => {
        record('clusters.switchContext', [name]);
        clusters.activeContext = name;
        return ok({ ...clusters });
      },
      connect: (context) => (record('clusters.connect', [context]), ok(clusters)),
      disconnect: (context) => (record('clusters.disconnect', [context]), ok(clusters)),
      addKubeconfig: (input) => (record('clusters.addKubeconfig', [input]), ok(clusters)),
      reconnect: (...args) => (record('clusters.reconnect', args), ok(clusters)),
      confirmPlainHttp: (context: string) => (record('clusters.confirmPlainHttp', [context]), ok(clusters)),
      removeKubeconfig: (sourceId) => (record('clusters.removeKubeconfig', [sourceId]), ok(clusters)),
      reloadKubeconfig: (sourceId) => (record('clusters.reloadKubeconfig', [sourceId]), ok(clusters)),
    },
    projects: {
      getState: (context) => (record('projects.getState', [context]), ok(projectsOf(context))),
      select: (context, selection) => {
        record('projects.select', [context, selection]);
        const next = { ...projectsOf(context), selected: selection };
        projects.set(context, next);
        return ok(next);
      },
      add: (context, namespace) => {
        record('projects.add', [context, namespace]);
        if (namespace === 'kube-system') {
          return Promise.resolve({
            ok: false,
            error: { code: 'forbidden', message: 'You cannot list DaemonSets in kube-system.', status: 403 },
          });
        }
        const current = projectsOf(context);
        const next = { ...current, projects: [...current.projects, namespace], added: [...current.added, namespace] };
        projects.set(context, next);
        return ok(next);
      },
      remove: (context, namespace) => (record('projects.remove', [context, namespace]), ok(projectsOf(context))),
    },
    daemonsets: {
      redeploy: (context, refs) => (record('daemonsets.redeploy', [context, refs]), ok(bulk(refs))),
      delete: (context, refs, propagation) => (
        record('daemonsets.delete', [context, refs, propagation]),
        ok(bulk(refs))
      ),
      // The wizard's calls are tested end to end against the sandbox; store tests here do not use them.
      create: (...args) => (record('daemonsets.create', args), unsupported()),
      nameAvailable: (...args) => (record('daemonsets.nameAvailable', args), unsupported()),
    },
    wizard: {
      nodes: (...args) => (record('wizard.nodes', args), unsupported()),
      projectResources: (...args) => (record('wizard.projectResources', args), unsupported()),
      createRegistrySecret: (...args) => (record('wizard.createRegistrySecret', args), unsupported()),
    },
    // The detail page's calls are tested end to end against the sandbox.
    detail: {
      access: (...args) => (record('detail.access', args), unsupported()),
      deletePod: (...args) => (record('detail.deletePod', args), unsupported()),
      rollback: (...args) => (record('detail.rollback', args), unsupported()),
      editable: (...args) => (record('detail.editable', args), unsupported()),
      update: (...args) => (record('detail.update', args), unsupported()),
    },
    // The editor's calls are tested end to end against the sandbox and the browser host.
    nodeView: {
      cordon: (...args) => (record('nodeView.cordon', args), unsupported()),
      drain: (...args) => (record('nodeView.drain', args), unsupported()),
    },
    editor: {
      openapi: (...args) => (record('editor.openapi', args), unsupported()),
      apply: (...args) => (record('editor.apply', args), unsupported()),
      suggestions: (...args) => (record('editor.suggestions', args), unsupported()),
    },
    // Drafts as the backend's store answers them (revisions, a stale write refused): its own tests use real files.
    drafts: {
      list: () => (
        record('drafts.list', []),
        ok({ drafts: [...drafts.values()].map(summary), previous: [], discarded: null })
      ),
      get: (key) => (record('drafts.get', [key]), ok(drafts.get(key) ?? null)),
      put: (key, value, baseRevision) => {
        record('drafts.put', [key, value, baseRevision]);
        if ((drafts.get(key)?.revision ?? 0) !== baseRevision) {
          return Promise.resolve({ ok: false as const, error: { code: 'conflict' as const, message: 'stale draft' } });
        }
        const draft = { key, value, revision: ++lastRevision, savedAt: Date.now() };
        drafts.set(key, draft);
        return ok(summary(draft));
      },
      putPart: (...args) => (record('drafts.putPart', args), unsupported()),
      discard: (key, revision) => {
        record('drafts.discard', [key, revision]);
        if ((drafts.get(key)?.revision ?? 0) !== revision) {
          return Promise.resolve({ ok: false as const, error: { code: 'conflict' as const, message: 'stale draft' } });
        }
        drafts.delete(key);
        return ok({ drafts: [...drafts.values()].map(summary), previous: [], discarded: null });
      },
      undoDiscard: () => (record('drafts.undoDiscard', []), unsupported()),
      restorePrevious: () => (record('drafts.restorePrevious', []), ok([])),
    },
    // The shell's calls are tested end to end against the sandbox.
    exec: {
      access: (...args) => (record('exec.access', args), unsupported()),
      input: (...args) => (record('exec.input', args), unsupported()),
      resize: (...args) => (record('exec.resize', args), unsupported()),
    },
    forward: {
      access: (...args) => (record('forward.access', args), unsupported()),
    },
    // References and Helm releases are tested against the sandbox (integration) and in the browser (e2e).
    refs: {
      list: (...args) => (record('refs.list', args), unsupported()),
      get: (...args) => (record('refs.get', args), unsupported()),
    },
    helm: {
      release: (...args) => (record('helm.release', args), unsupported()),
    },
    // Opens answer `sub-1`, `sub-2`...; a test emits the deltas (the backend's hub is tested on its own).
    streams: {
      open: async (name, args) => {
        record(`streams.open`, [name, args]);
        const id = `sub-${nextStream++}`;
        const gate = holdOpen;
        await gate;
        if (refuseOpen) return refuseOpen;
        return { ok: true, value: { streamId: id } };
      },
      dispose: (id) => (record('streams.dispose', [id]), ok(undefined)),
    },
    consent: {
      pending: () => (record('consent.pending', []), ok([])),
      decide: (...args) => (record('consent.decide', args), ok(clusters)),
      list: () => (record('consent.list', []), ok({ decisions: [], allowlist: [] })),
      revoke: (...args) => (record('consent.revoke', args), ok({ decisions: [], allowlist: [] })),
      setAllowlist: (...args) => (record('consent.setAllowlist', args), ok({ decisions: [], allowlist: args[0] })),
    },
    fleet: {
      getState: () => (record('fleet.getState', []), ok({ optedIn: [] })),
      setOptIn: (...args) => (record('fleet.setOptIn', args), ok({ optedIn: args[1] ? [args[0]] : [] })),
    },
    events: {
      onDidChangeClusters: (l) => on('onDidChangeClusters', l),
      onDidChangeProjects: (l) => on('onDidChangeProjects', l),
      onDidReceiveDelta: (l) => on('onDidReceiveDelta', l),
      onDidChangeConsent: (l) => on('onDidChangeConsent', l),
      onDidChooseCommand: (l) => on('onDidChooseCommand', l),
    },
  };

  function on<E extends EventName>(event: E, listener: (payload: EverynodeEvents[E]) => void) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return { dispose: () => set.delete(entry) };
  }

  function emit<E extends EventName>(event: E, payload: EverynodeEvents[E]): void {
    listeners.get(event)?.forEach((listener) => (listener as (p: EverynodeEvents[E]) => void)(payload));
  }

  return {
    bridge,
    calls,
    /** The drafts the fake backend holds, by key. */
    drafts,
    emit,
    /** A DaemonSet delta of stream `streamId` (the fields not given are those of a quiet, synced batch). */
    delta: ({ streamId, ended, ...delta }: Partial<DaemonSetDelta> & { streamId: string; ended?: true }) =>
      emit('onDidReceiveDelta', {
        streamId,
        delta: { reset: false, upserts: [], removals: [], synced: true, ...delta },
        ...(ended ? { ended } : {}),
      }),
    hold(gate: Promise<void> | undefined) {
      holdOpen = gate;
    },
    /** The backend reports a new connection state of the active context. */
    connection(state: ClustersState['connection']['state']) {
      clusters.connection = { state };
      emit('onDidChangeClusters', { ...clusters });
    },
    refuse(error: AppErrorDTO | undefined) {
      refuseOpen = error ? { ok: false, error } : undefined;
    },
    setBulk(fn: typeof bulk) {
      bulk = fn;
    },
    callsOf: (method: string) => calls.filter((c) => c.method === method).map((c) => c.args),
  };
}
