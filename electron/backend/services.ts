import type { EverynodeServices, HostInfo, ProjectsState } from '../contract/index.js';
import type { BackendCore } from './backend.js';
import * as operations from './daemonsets/operations.js';
import * as detail from './detail/operations.js';
import { readEditable, updateDaemonSet } from './detail/edit.js';
import { createDaemonSet, nameAvailable } from './wizard/create.js';
import { createRegistrySecret, listNodes, projectResources } from './wizard/resources.js';
import { applyObject } from './editor/apply.js';
import { draftStore } from './editor/drafts.js';
import { DraftParts } from './editor/draft-parts.js';
import { fetchOpenApi } from './editor/openapi.js';
import { consentServices } from './consent/services.js';
import { AppError } from './errors.js';
import { ALL_PROJECTS } from './projects/projects.js';
import type { ContextSession } from './session/session.js';
import type { EventSink } from './types.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// Every public method turns unexpected failures into AppErrors, so hosts never forward a raw error text.
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('internal', 'The request failed unexpectedly.');
  }
}

/** The contract's services for one client; `owned` collects its subscriptions so they end with it. */
export function createServices(core: BackendCore, sink: EventSink, owned: Set<string>): EverynodeServices {
  const draftParts = new DraftParts();
  const sessionFor = async (context: string): Promise<ContextSession> => {
    await core.active.settled();
    if (core.active.name !== context) {
      throw new AppError('invalid-argument', `Context "${context}" is not the active context; switch to it first.`);
    }
    const session = core.active.current();
    if (!session) {
      throw new AppError('unreachable', core.active.connection.message ?? `Context "${context}" is not connected.`);
    }
    return session;
  };
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
      addKubeconfig: (input) =>
        guard(async () => {
          if (input.kind === 'dialog') {
            throw new AppError('unsupported', 'Choosing a file is done by the desktop app; upload the file instead.');
          }
          await core.store.addUpload(input.name, input.content);
          if (core.active.name === null) {
            const first = core.firstContext();
            if (first !== undefined) await core.switchContext(first);
          }
          return core.clustersState();
        }),
      reconnect: () =>
        guard(async () => {
          await core.active.reconnect();
          return core.clustersState();
        }),
      confirmPlainHttp: (context) =>
        guard(async () => {
          if (core.active.name !== context || core.active.connection.state !== 'needs-confirmation') {
            throw new AppError('invalid-argument', `Context "${context}" is not waiting for that confirmation.`);
          }
          await core.active.confirmPlainHttp(context);
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
      subscribe: (context, selection) =>
        guard(async () => {
          const session = await sessionFor(context);
          if (selection === ALL_PROJECTS) {
            if (!(await core.projects.mayListAll(session))) {
              throw new AppError(
                'forbidden',
                `User "${session.userName}" may not list all namespaces in context "${context}".`,
              );
            }
          } else if (!DNS_LABEL.test(selection) || selection.length > 63) {
            throw new AppError('invalid-argument', `"${selection}" is not a valid project name.`);
          }
          const subscriptionId = core.subscribe(sink, selection);
          owned.add(subscriptionId);
          return { subscriptionId };
        }),
      unsubscribe: (subscriptionId) =>
        guard(() => {
          if (owned.delete(subscriptionId)) core.unsubscribe(subscriptionId);
          return Promise.resolve();
        }),
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
      subscribe: (context, namespace, name) =>
        guard(async () => ({
          subscriptionId: core.detail.subscribe(await sessionFor(context), sink, namespace, name),
        })),
      unsubscribe: (subscriptionId) => guard(() => Promise.resolve(core.detail.unsubscribe(sink, subscriptionId))),
      access: (context, namespace) => guard(async () => detail.access(await sessionFor(context), namespace)),
      deletePod: (context, namespace, pod) =>
        guard(async () => detail.deletePod(await sessionFor(context), namespace, pod)),
      rollback: (context, namespace, name, revision) =>
        guard(async () => detail.rollback(await sessionFor(context), namespace, name, revision)),
      editable: (context, namespace, name) =>
        guard(async () => readEditable(await sessionFor(context), namespace, name)),
      update: (context, namespace, name, manifest, baseResourceVersion) =>
        guard(async () => updateDaemonSet(await sessionFor(context), namespace, name, manifest, baseResourceVersion)),
      startLogs: (context, namespace, pod, container, options) =>
        guard(async () => ({
          streamId: await core.detail.startLogs(
            await sessionFor(context),
            sink,
            { namespace, pod, container },
            options,
          ),
        })),
      stopLogs: (streamId) => guard(() => Promise.resolve(core.detail.stopLogs(sink, streamId))),
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
    consent: consentServices(core, guard),
  };
}
