import type { EverynodeServices, HostInfo, ProjectsState } from '../contract/index.js';
import type { BackendCore } from './backend.js';
import * as operations from './apply/bulk.js';
import * as detail from './apply/pod-rollback.js';
import { readEditable, updateDaemonSet } from './apply/edit.js';
import { createDaemonSet, nameAvailable } from './apply/create.js';
import { createRegistrySecret } from './apply/registry-secret.js';
import { listNodes, projectResources } from './resources/picker.js';
import { applyObject } from './apply/apply.js';
import { cordon, drain } from './apply/drain.js';
import { draftStore } from './files/drafts.js';
import { DraftParts } from './files/draft-parts.js';
import { fetchOpenApi } from './resources/openapi.js';
import { editorSuggestions } from './resources/editor-suggestions.js';
import { consentServices } from './consent/services.js';
import { fleetServices } from './fleet/services.js';
import { AppError } from './errors.js';
import { byContext, guardServices } from './guard.js';
import type { EventSink } from './types.js';
import { execAccess } from './exec/access.js';
import { shellOf } from './exec/input.js';
import { forwardAccess } from './forward/access.js';
import { listReferences } from './refs/list.js';
import { getReferenced } from './refs/get.js';
import { helmRelease } from './helm/release.js';

/** The contract's services for one client (`sink`): the streams it opens end with it. */
export function createServices(core: BackendCore, sink: EventSink): EverynodeServices {
  const draftParts = new DraftParts();
  const drafts = draftStore(core.options.stateDir);
  const inContext = byContext((context) => core.sessions.sessionFor(context));
  const projectsChanged = (state: ProjectsState): ProjectsState => {
    core.broadcast('onDidChangeProjects', state);
    return state;
  };

  return guardServices({
    host: {
      info: (): HostInfo => ({
        kind: process.versions.electron ? 'electron' : 'web',
        version: core.options.appVersion ?? '0.0.0',
        platform: process.platform,
      }),
    },
    clusters: {
      getState: () => core.clustersState(),
      switchContext: async (name) => {
        await core.switchContext(name);
        // A shell belongs to the context it was opened in: switching away ends it (issue 16).
        core.live.endStreams('exec', (context) => context !== name, `The context changed to "${name}".`);
        core.live.endStreams('forward', (context) => context !== name, `The context changed to "${name}".`);
        return core.clustersState();
      },
      connect: async (context) => {
        await core.sessions.choose(context);
        return core.clustersState();
      },
      disconnect: (context) => {
        core.sessions.disconnect(context);
        return core.clustersState();
      },
      addKubeconfig: async (input) => {
        if (input.kind === 'dialog') {
          throw new AppError('unsupported', 'Choosing a file is done by the desktop app; upload the file instead.');
        }
        await core.store.addUpload(input.name, input.content, input.replaces);
        await core.chooseFirstIfNone();
        return core.clustersState();
      },
      reconnect: async (context) => {
        await core.sessions.reconnect(context);
        return core.clustersState();
      },
      confirmPlainHttp: async (context) => {
        await core.sessions.confirmPlainHttp(context);
        return core.clustersState();
      },
      removeKubeconfig: async (sourceId) => {
        await core.removeKubeconfig(sourceId);
        return core.clustersState();
      },
      reloadKubeconfig: async (sourceId) => {
        await core.reloadKubeconfig(sourceId);
        return core.clustersState();
      },
    },
    projects: {
      getState: inContext((session) => core.projects.getState(session)),
      select: inContext(async (session, selection) => projectsChanged(await core.projects.select(session, selection))),
      add: inContext(async (session, namespace) => projectsChanged(await core.projects.add(session, namespace))),
      remove: inContext(async (session, namespace) => projectsChanged(await core.projects.remove(session, namespace))),
    },
    daemonsets: {
      redeploy: inContext(operations.redeploy),
      delete: inContext(operations.remove),
      create: inContext(createDaemonSet),
      nameAvailable: inContext(nameAvailable),
    },
    wizard: {
      nodes: inContext(listNodes),
      projectResources: inContext(projectResources),
      createRegistrySecret: inContext(createRegistrySecret),
    },
    detail: {
      access: inContext(detail.access),
      deletePod: inContext(detail.deletePod),
      rollback: inContext(detail.rollback),
      editable: inContext(readEditable),
      update: inContext(updateDaemonSet),
    },
    nodeView: {
      cordon: inContext(cordon),
      drain: inContext((session, node, pods, options) =>
        drain(session, node, pods, options, {
          retryMs: core.tuning.drainRetryMs,
          timeoutMs: core.tuning.drainTimeoutMs,
        }),
      ),
    },
    editor: {
      openapi: inContext(fetchOpenApi),
      apply: inContext(applyObject),
      suggestions: inContext((session, namespace) => editorSuggestions(session, namespace)),
    },
    drafts: {
      list: () => drafts.list(),
      get: (key) => drafts.get(key),
      put: (key, value, baseRevision) => drafts.put(key, value, baseRevision),
      putPart: async (saveId, index, count, part) => {
        const put = draftParts.add(saveId, index, count, part);
        return put ? drafts.put(...put) : null;
      },
      discard: (key, revision) => drafts.discard(key, revision),
      undoDiscard: () => drafts.undoDiscard(),
      restorePrevious: () => drafts.restorePrevious(),
    },
    exec: {
      access: inContext(execAccess),
      input: (streamId, data) => shellOf(core.live, sink, streamId).input(data),
      resize: (streamId, cols, rows) => shellOf(core.live, sink, streamId).resize({ cols, rows }),
    },
    forward: {
      access: inContext(forwardAccess),
    },
    refs: {
      list: inContext(listReferences),
      get: inContext(getReferenced),
    },
    helm: {
      release: inContext(helmRelease),
    },
    streams: {
      open: async (name, args) => ({ streamId: await core.live.open(sink, name, args) }),
      dispose: (streamId) => core.live.dispose(sink, streamId),
    },
    consent: consentServices(core),
    fleet: fleetServices(core),
  });
}
