import type { EditorSuggestions } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { KINDS, type Kind } from '../kinds/kinds.js';
import { listObjects, nameOnly, type Projection } from '../kinds/source.js';
import { isRecord, record, records, text } from '../../../common/guards.js';
import type { ContextSession } from '../session/session.js';

/** How long one answer serves again: completion asks on each popup, and a burst of popups must not list each time. */
export const SUGGESTIONS_TTL_MS = 15_000;

const cache = new WeakMap<ContextSession, Map<string, { at: number; value: Promise<EditorSuggestions> }>>();

/** The images of a DaemonSet's containers and init containers. */
const imagesOf: Projection<string[]> = {
  name: 'images',
  project: (raw) => {
    const pod = record(record(record(record(raw).spec).template).spec);
    return [...records(pod.containers), ...records(pod.initContainers)]
      .map((c) => text(c.image))
      .filter((image): image is string => image !== undefined && image !== '');
  },
};

const labelKeysOf: Projection<string[]> = {
  name: 'label-keys',
  project: (raw) => {
    const labels = isRecord(raw) ? record(record(raw.metadata).labels) : {};
    return Object.keys(labels);
  },
};

const unique = (lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())].sort();

/** A read the user may not make (403) or a kind not served (404) offers nothing; anything else fails the call. */
async function orNothing<T>(work: () => Promise<T[]>): Promise<T[]> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not-found')) return [];
    throw error;
  }
}

async function names(session: ContextSession, kind: Kind, namespace: string): Promise<string[]> {
  return orNothing(async () => unique([(await listObjects(session, kind, { namespace }, nameOnly)).items]));
}

/** Images of the cluster's DaemonSets when the user may list them all, else those of the project. */
async function images(session: ContextSession, namespace: string): Promise<string[]> {
  try {
    return unique((await listObjects(session, KINDS.daemonsets, {}, imagesOf)).items);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'forbidden')) throw error;
    return orNothing(async () => unique((await listObjects(session, KINDS.daemonsets, { namespace }, imagesOf)).items));
  }
}

async function gather(session: ContextSession, namespace: string): Promise<EditorSuggestions> {
  const [imageList, configMaps, secrets, nodeLabelKeys] = await Promise.all([
    images(session, namespace),
    names(session, KINDS.configmaps, namespace),
    // Listed through the name projection: each item's data is dropped as it is read, never held or sent.
    names(session, KINDS.secrets, namespace),
    orNothing(async () => unique((await listObjects(session, KINDS.nodes, {}, labelKeysOf)).items)),
  ]);
  return { images: imageList, configMaps, secrets, nodeLabelKeys };
}

/**
 * Value completion's names for one project, answered again from memory for SUGGESTIONS_TTL_MS (per session, so a
 * new session or context asks the cluster); a failed read is not remembered.
 */
export function editorSuggestions(
  session: ContextSession,
  namespace: string,
  now = Date.now(),
): Promise<EditorSuggestions> {
  let bySession = cache.get(session);
  if (!bySession) cache.set(session, (bySession = new Map()));
  const hit = bySession.get(namespace);
  if (hit && now - hit.at < SUGGESTIONS_TTL_MS) return hit.value;
  const value = gather(session, namespace);
  const entry = { at: now, value };
  bySession.set(namespace, entry);
  value.catch(() => {
    if (bySession.get(namespace) === entry) bySession.delete(namespace);
  });
  return value;
}
