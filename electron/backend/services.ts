import type { EverynodeServices, HostInfo, ProjectsState } from '../contract/index.js';
import type { BackendCore } from './backend.js';
import * as operations from './apply/bulk.js';
import * as detail from './apply/pod-rollback.js';
import { readEditable, updateDaemonSet } from './apply/edit.js';
import { createDaemonSet, nameAvailable } from './apply/create.js';
import { createRegistrySecret } from './apply/registry-secret.js';
import { listNodes, projectResources } from './resources/picker.js';
import { applyObject } from './apply/apply.js';
import { draftStore } from './files/drafts.js';
import { DraftParts } from './files/draft-parts.js';
import { fetchOpenApi } from './resources/openapi.js';
import { consentServices } from './consent/services.js';
import { AppError } from './errors.js';
import type { EventSink } from './types.js';

// Every public method turns unexpected failures into AppErrors, so hosts never forward a raw error text.
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('internal', 'The request failed unexpectedly.');
  }
}

/** The contract's services for one client (`sink`): the streams it opens end with it. */
export function createServices(core: BackendCore, sink: EventSink): EverynodeServices {
  const draftParts = new DraftParts();
  const sessionFor = (context: string) => core.sessionFor(context);
  const projectsChanged = (state: ProjectsState): ProjectsState => {
    core.broadcast('onDidChangeProjects', state);
    return state;
  };

  return {
    host: {
      info: () =>
        Promise.resolve<HostInfo>({
          kind: process.versions.electron ? 'electron' : 'web',
          version: core.options.appVersion ?? '0.0.0',
          platform: process.platform,
        }),
    },
    clusters: {
      getState: () => Promise.resolve(core.clustersState()),
      switchContext: (name) =>
        guard(async () => {
          await core.switchContext(name);
          return core.clustersState();
        }),
      connect: (context) =>
        guard(async () => {
          await core.sessions.choose(context);
          return core.clustersState();
        }),
      disconnect: (context) =>
        guard(() => {
          core.sessions.disconnect(context);
          return Promise.resolve(core.clustersState());
        }),
      addKubeconfig: (input) =>
        guard(async () => {
          if (input.kind === 'dialog') {
            throw new AppError('unsupported', 'Choosing a file is done by the desktop app; upload the file instead.');
          }
          await core.store.addUpload(input.name, input.content);
          if (core.sessions.active === null) {
            const first = core.firstContext();
            if (first !== undefined) await core.switchContext(first);
          }
          return core.clustersState();
        }),
      reconnect: (context) =>
        guard(async () => {
          await core.sessions.reconnect(context);
          return core.clustersState();
        }),
      confirmPlainHttp: (context) =>
        guard(async () => {
          await core.sessions.confirmPlainHttp(context);
          return core.clustersState();
        }),
    },
    projects: {
      getState: (context) => guard(async () => core.projects.getState(await sessionFor(context))),
      select: (context, selection) =>
        guard(async () => projectsChanged(await core.projects.select(await sessionFor(context), selection))),
      add: (context, namespace) =>
        guard(async () => projectsChanged(await core.projects.add(await sessionFor(context), namespace))),
      remove: (context, namespace) =>
        guard(async () => projectsChanged(await core.projects.remove(await sessionFor(context), namespace))),
    },
    daemonsets: {
      redeploy: (context, refs) => guard(async () => operations.redeploy(await sessionFor(context), refs)),
      delete: (context, refs, propagation) =>
        guard(async () => operations.remove(await sessionFor(context), refs, propagation)),
      create: (context, namespace, manifest, options) =>
        guard(async () => createDaemonSet(await sessionFor(context), namespace, manifest, options)),
      nameAvailable: (context, namespace, name) =>
        guard(async () => nameAvailable(await sessionFor(context), namespace, name)),
    },
    wizard: {
      nodes: (context) => guard(async () => listNodes(await sessionFor(context))),
      projectResources: (context, namespace) =>
        guard(async () => projectResources(await sessionFor(context), namespace)),
      createRegistrySecret: (context, namespace, input) =>
        guard(async () => createRegistrySecret(await sessionFor(context), namespace, input)),
    },
    detail: {
      access: (context, namespace) => guard(async () => detail.access(await sessionFor(context), namespace)),
      deletePod: (context, namespace, pod) =>
        guard(async () => detail.deletePod(await sessionFor(context), namespace, pod)),
      rollback: (context, namespace, name, revision) =>
        guard(async () => detail.rollback(await sessionFor(context), namespace, name, revision)),
      editable: (context, namespace, name) =>
        guard(async () => readEditable(await sessionFor(context), namespace, name)),
      update: (context, namespace, name, manifest, baseResourceVersion) =>
        guard(async () => updateDaemonSet(await sessionFor(context), namespace, name, manifest, baseResourceVersion)),
    },
    editor: {
      openapi: (context, groupVersion) => guard(async () => fetchOpenApi(await sessionFor(context), groupVersion)),
      apply: (context, manifest, options) =>
        guard(async () => applyObject(await sessionFor(context), manifest, options)),
      loadDrafts: () => guard(() => draftStore(core.options.stateDir).load()),
      saveDrafts: (drafts) => guard(() => draftStore(core.options.stateDir).save(drafts)),
      saveDraftsPart: (saveId, index, count, part) =>
        guard(async () => {
          const drafts = draftParts.add(saveId, index, count, part);
          if (drafts) await draftStore(core.options.stateDir).save(drafts);
        }),
    },
    streams: {
      open: (name, args) => guard(async () => ({ streamId: await core.live.open(sink, name, args) })),
      dispose: (streamId) => guard(() => Promise.resolve(core.live.dispose(sink, streamId))),
    },
    consent: consentServices(core, guard),
  };
}
