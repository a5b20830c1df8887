import { z } from 'zod';
import type { EverynodeServices, ServiceName } from './services.js';
import type { StreamArgs, StreamName } from './streams.js';
import { methodChannel } from './channel-names.js';
import { isDnsLabel, isDnsSubdomain } from '../../common/names.js';
import { draftKind } from '../../common/draft-keys.js';

// The zod-free names (prefix, service methods, events) live in channel-names.ts, which the preload imports alone.
export { eventChannel, eventNames, methodChannel, serviceMethods } from './channel-names.js';

// Argument validators for every service method: the registrar (Electron) and the WebSocket host (browser) check
// every call against these before the backend sees it.
const name = z.string().min(1).max(253);
const context = z.string().min(1).max(1024);
// A kubeconfig source as the backend numbers it (`env-1`, `added-3`, `upload-4`, `default`, `sandbox`).
const sourceId = z.string().min(1).max(64);
const selection = z.string().min(1).max(253);
const refs = z
  .array(z.object({ namespace: z.string().min(1).max(253), name }).strict())
  .min(1)
  .max(10_000);

const namespace = z
  .string()
  .refine(isDnsLabel, 'must be a DNS-1123 label (at most 63 lowercase letters, digits and "-")');
// A manifest is plain JSON; its shape is the API server's to judge (the wizard shows its 422 causes).
const manifest = z
  .record(z.string(), z.unknown())
  .refine((m) => jsonLength(m) <= 3_000_000, 'must be plain JSON of at most 3 MB');

// Electron's IPC carries structured clones, which may hold cycles or BigInts: JSON.stringify throws on those.
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Infinity;
  }
}

const streamId = z.string().min(1).max(200);
// ---- issue 16: exec ----
const containerName = z.string().refine(isDnsLabel, 'must be a container name (a DNS-1123 label)');
const cells = z.number().int().min(1).max(1000);
const terminalSize = z.object({ cols: cells, rows: cells }).strict();
// What a terminal sends at once: keystrokes, or a paste (bounded so one message stays small).
const terminalInput = z.string().min(1).max(65_536);
// ---- issue 16: port-forward ----
const containerPort = z.number().int().min(1).max(65_535);
// 0 asks for a free port.
const localPort = z.number().int().min(0).max(65_535);
// ---- issue 16: metrics: a DaemonSet's selector as the API's labelSelector parameter (the server judges its syntax) ----
const labelSelector = z.string().min(1).max(4096);

// ---- issue 15: the pod panel (a pod's name goes into a field selector: no commas or `=` may reach it) ----
const podName = z.string().refine(isDnsSubdomain, 'must be a pod name (a DNS-1123 subdomain)');

/** Argument validators for every stream of streams.ts: `streams.open` checks a stream's args against its own. */
export const streamArgs: { [N in StreamName]: z.ZodType<StreamArgs<N>> } = {
  daemonSets: z.tuple([context, selection]),
  daemonSetDetail: z.tuple([context, namespace, name]),
  logs: z.tuple([
    context,
    namespace,
    name,
    z.string().min(1).max(63),
    z
      .object({
        follow: z.boolean(),
        previous: z.boolean(),
        tailLines: z.number().int().min(0).max(100_000).optional(),
      })
      .strict(),
  ]),
  coverage: z.tuple([context, selection]),
  exec: z.tuple([context, namespace, name, containerName, terminalSize]),
  nodeView: z.tuple([context, name]),
  // ---- issue 15: the pod panel ----
  podView: z.tuple([context, namespace, podName]),
  forward: z.tuple([context, namespace, name, containerPort, localPort]),
  // ---- issue 16: metrics ----
  podMetrics: z.tuple([context, namespace, labelSelector]),
  nodeMetrics: z.tuple([context, name]),
  podUsage: z.tuple([context, namespace, name]),
};

const streamNames = Object.keys(streamArgs) as [StreamName, ...StreamName[]];

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
type ArgTable = {
  [S in ServiceName]: { [M in keyof EverynodeServices[S]]: z.ZodType<ArgsOf<EverynodeServices[S][M]>> };
};

/** The largest part of a drafts save sent in pieces (the browser host's frames are at most 16 MiB). */
export const DRAFT_PART_CHARS = 4 * 1024 * 1024;

/** What a drafts save holds (one call, or assembled from its parts). */
export const editorDrafts = z
  .object({
    files: z
      .array(
        z
          .object({
            id: z.string().min(1).max(200),
            name: z.string().min(1).max(1024),
            format: z.enum(['yaml', 'json']),
            text: z.string().max(21 * 1024 * 1024),
          })
          .strict(),
      )
      .max(200),
    activeId: z.string().max(200).nullable(),
    savedAt: z.number(),
  })
  .strict()
  .refine((d) => d.files.reduce((n, f) => n + f.text.length, 0) <= 50 * 1024 * 1024, 'drafts too large');

// --- Drafts: what each kind of draft may hold (the key says which kind it is) ---
const draftKey = z
  .string()
  .max(2200)
  .refine((key) => draftKind(key) !== undefined, 'must be a draft key: editor, wizard or a live edit');
/** A wizard form: plain JSON, as the wizard keeps it. */
const formDraft = z
  .record(z.string(), z.unknown())
  .refine((m) => jsonLength(m) <= 3_000_000, 'must be plain JSON of at most 3 MB');
const draftValues = {
  editor: editorDrafts,
  wizard: formDraft,
  // The live object as read (the edit's base: its diff and its conditional update) and the form as the user left it.
  edit: z
    .object({ base: z.object({ manifest, resourceVersion: z.string().min(1).max(64) }).strict(), form: formDraft })
    .strict(),
};
const revision = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A draft write: its key, a value of the shape its key's kind holds, the revision it replaces. */
export const draftPut = z.tuple([draftKey, z.unknown(), revision]).superRefine(([key, value], issues) => {
  const kind = draftKind(key);
  if (kind === undefined) return;
  for (const issue of draftValues[kind].safeParse(value).error?.issues ?? []) {
    issues.addIssue({ code: 'custom', path: [1, ...issue.path], message: issue.message });
  }
});

export const serviceArgs: ArgTable = {
  host: { info: z.tuple([]) },
  clusters: {
    getState: z.tuple([]),
    switchContext: z.tuple([context]),
    connect: z.tuple([context]),
    disconnect: z.tuple([context]),
    addKubeconfig: z.tuple([
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('upload'),
          name: z.string().min(1).max(1024),
          content: z.string().max(4_000_000),
          replaces: sourceId.optional(),
        }),
        z.object({ kind: z.literal('dialog') }),
      ]),
    ]),
    reconnect: z.tuple([context.optional()]),
    confirmPlainHttp: z.tuple([context]),
    removeKubeconfig: z.tuple([sourceId]),
    reloadKubeconfig: z.tuple([sourceId]),
  },
  projects: {
    getState: z.tuple([context]),
    select: z.tuple([context, selection]),
    add: z.tuple([context, name]),
    remove: z.tuple([context, name]),
  },
  daemonsets: {
    redeploy: z.tuple([context, refs]),
    delete: z.tuple([context, refs, z.enum(['Background', 'Orphan'])]),
    create: z.tuple([context, namespace, manifest, z.object({ dryRun: z.boolean() }).strict()]),
    nameAvailable: z.tuple([context, namespace, name]),
  },
  wizard: {
    nodes: z.tuple([context]),
    projectResources: z.tuple([context, namespace]),
    createRegistrySecret: z.tuple([
      context,
      namespace,
      z
        .object({
          name,
          server: z.string().min(1).max(2048),
          username: z.string().min(1).max(1024),
          password: z.string().min(1).max(16_384),
          email: z.string().max(1024).optional(),
        })
        .strict(),
    ]),
  },
  detail: {
    access: z.tuple([context, namespace]),
    deletePod: z.tuple([context, namespace, name]),
    rollback: z.tuple([context, namespace, name, z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)]),
    editable: z.tuple([context, namespace, name]),
    update: z.tuple([context, namespace, name, manifest, z.string().min(1).max(64)]),
  },
  nodeView: {
    cordon: z.tuple([context, name, z.boolean()]),
    drain: z.tuple([
      context,
      name,
      z.array(z.object({ namespace, name }).strict()).max(10_000),
      z.object({ force: z.boolean(), deleteEmptyDirData: z.boolean() }).strict(),
    ]),
  },
  editor: {
    openapi: z.tuple([context, z.string().min(1).max(253)]),
    apply: z.tuple([context, manifest, z.object({ dryRun: z.boolean(), force: z.boolean() }).strict()]),
    suggestions: z.tuple([context, namespace]),
  },
  drafts: {
    list: z.tuple([]),
    get: z.tuple([draftKey]),
    put: draftPut,
    // A put larger than the browser host's frame: its JSON text in order, up to 64 parts of 4 MB.
    putPart: z.tuple([
      z.string().min(1).max(64),
      z.number().int().min(0).max(63),
      z.number().int().min(1).max(64),
      z.string().max(DRAFT_PART_CHARS),
    ]),
    discard: z.tuple([draftKey, revision]),
    undoDiscard: z.tuple([]),
    restorePrevious: z.tuple([]),
  },
  exec: {
    access: z.tuple([context, namespace]),
    input: z.tuple([streamId, terminalInput]),
    resize: z.tuple([streamId, cells, cells]),
  },
  forward: {
    access: z.tuple([context, namespace]),
  },
  // ---- issue 18: links between objects, Helm ----
  refs: {
    list: z.tuple([context, namespace, name]),
    get: z.tuple([
      context,
      z.enum(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount']),
      namespace,
      name,
      z.object({ reveal: z.boolean() }).strict(),
    ]),
  },
  helm: {
    // A release name goes into a label selector: a DNS-1123 subdomain, as Helm requires, so no `,` or `=` reaches it.
    release: z.tuple([context, namespace, podName]),
  },
  streams: {
    open: z
      .tuple([z.enum(streamNames), z.array(z.unknown()).max(16)])
      .superRefine(([stream, args], issues) => {
        // The stream's own validator, its issues placed under the args (`1.0` is the first argument).
        for (const issue of streamArgs[stream].safeParse(args).error?.issues ?? []) {
          issues.addIssue({ code: 'custom', path: [1, ...issue.path], message: issue.message });
        }
      })
      .transform((parsed) => parsed as [StreamName, StreamArgs<StreamName>]),
    dispose: z.tuple([streamId]),
  },
  consent: {
    pending: z.tuple([]),
    decide: z.tuple([z.string().min(1).max(200), z.boolean()]),
    list: z.tuple([]),
    revoke: z.tuple([z.string().min(1).max(200)]),
    setAllowlist: z.tuple([z.array(z.string().trim().min(1).max(4096)).max(200)]),
  },
  fleet: {
    getState: z.tuple([]),
    setOptIn: z.tuple([context, z.boolean()]),
  },
};

export interface ChannelSpec {
  channel: string;
  service: ServiceName;
  method: string;
  args: z.ZodType<unknown[]>;
}

/** Every invoke channel, e.g. `everynode:clusters.getState`. */
export const channels: ChannelSpec[] = Object.entries(serviceArgs).flatMap(([service, methods]) =>
  Object.entries(methods as Record<string, z.ZodType<unknown[]>>).map(([method, args]) => ({
    channel: methodChannel(service, method),
    service: service as ServiceName,
    method,
    args,
  })),
);

export function findChannel(channel: string): ChannelSpec | undefined {
  return channels.find((spec) => spec.channel === channel);
}
