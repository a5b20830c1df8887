import type { ContextSummary } from '../../contract/index.js';
import { planUser } from '../consent/launch.js';
import type { NamedEntry, ParsedKubeconfig } from './parse.js';

export interface LoadedSource {
  id: string;
  kind: 'env' | 'default' | 'added' | 'sandbox';
  parsed?: ParsedKubeconfig;
  /** False for uploads and the sandbox: no directory to resolve relative commands against. */
  hasDirectory?: boolean;
}

/** Everything a session needs for one context: the raw stanzas, never sent to the renderer. */
export interface ResolvedContext {
  summary: ContextSummary;
  context: NamedEntry;
  cluster?: NamedEntry;
  user?: NamedEntry;
  /** The source that defines the user (it may differ from the context's): consent is asked per file. */
  userSourceId?: string;
}

/** A context a later source defines under a name an earlier one took: kubectl ignores it; the app shows it. */
export interface ShadowedContext {
  name: string;
  sourceId: string;
  line?: number;
  /** The source whose definition wins. */
  by: string;
}

export interface MergedKubeconfig {
  contexts: ResolvedContext[];
  shadowed: ShadowedContext[];
  /** kubectl: the first file that sets current-context decides it. */
  currentContext?: string;
}

// Only scheme, host and path reach the renderer: a server URL may carry user:password.
export function safeServerUrl(server: unknown): string {
  if (typeof server !== 'string') return '';
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '';
  }
}

/**
 * Merges sources as kubectl merges KUBECONFIG (client-go clientcmd's loading rules): for each name of a cluster, user
 * or context, the first file that defines it wins, whole; later definitions are ignored (here: listed as shadowed).
 */
export function mergeKubeconfigs(sources: LoadedSource[]): MergedKubeconfig {
  const clusters = new Map<string, NamedEntry>();
  const users = new Map<string, { entry: NamedEntry; sourceId: string; hasDirectory: boolean }>();
  const contexts = new Map<string, { entry: NamedEntry; source: LoadedSource }>();
  const shadowed: ShadowedContext[] = [];
  let currentContext: string | undefined;
  for (const source of sources) {
    const parsed = source.parsed;
    if (!parsed) continue;
    for (const cluster of parsed.clusters) if (!clusters.has(cluster.name)) clusters.set(cluster.name, cluster);
    for (const user of parsed.users)
      if (!users.has(user.name)) {
        users.set(user.name, { entry: user, sourceId: source.id, hasDirectory: source.hasDirectory === true });
      }
    for (const context of parsed.contexts) {
      const winner = contexts.get(context.name);
      if (!winner) contexts.set(context.name, { entry: context, source });
      else shadowed.push({ name: context.name, sourceId: source.id, line: context.line, by: winner.source.id });
    }
    currentContext ??= parsed.currentContext;
  }

  const resolved = [...contexts.values()].map(({ entry, source }): ResolvedContext => {
    const clusterName = typeof entry.body.cluster === 'string' ? entry.body.cluster : '';
    const userName = typeof entry.body.user === 'string' ? entry.body.user : '';
    const namespace =
      typeof entry.body.namespace === 'string' && entry.body.namespace !== '' ? entry.body.namespace : undefined;
    const cluster = clusters.get(clusterName);
    const userEntry = userName === '' ? undefined : users.get(userName);
    const user = userEntry?.entry;
    const summary: ContextSummary = {
      name: entry.name,
      cluster: clusterName,
      server: safeServerUrl(cluster?.body.server),
      user: userName,
      sourceId: source.id,
      sandbox: source.kind === 'sandbox',
    };
    if (entry.line !== undefined) summary.line = entry.line;
    if (namespace !== undefined) summary.namespace = namespace;
    const insecure = insecurity(cluster);
    if (insecure !== undefined) summary.insecure = insecure;
    const plan = userEntry ? planUser(userName, userEntry.entry.body, userEntry.hasDirectory) : undefined;
    const problem =
      wrongField(entry) ??
      describeProblem(entry.name, clusterName, cluster, userName, user) ??
      (plan?.ok === false ? `Context "${entry.name}": ${plan.problem}` : undefined);
    if (problem !== undefined) summary.problem = problem;
    const result: ResolvedContext = { summary, context: entry };
    if (cluster) result.cluster = cluster;
    if (userEntry) {
      result.user = userEntry.entry;
      result.userSourceId = userEntry.sourceId;
    }
    return result;
  });
  const merged: MergedKubeconfig = { contexts: resolved, shadowed };
  if (currentContext !== undefined) merged.currentContext = currentContext;
  return merged;
}

/** How a context's connection is not safe: its server is plain HTTP, or its certificate is not checked. */
export function insecurity(cluster: NamedEntry | undefined): ContextSummary['insecure'] {
  if (!cluster) return undefined;
  const server = cluster.body.server;
  if (typeof server === 'string' && server.toLowerCase().startsWith('http:')) return 'plain-http';
  return cluster.body['insecure-skip-tls-verify'] === true ? 'skip-tls-verify' : undefined;
}

// kubectl refuses a file whose context holds a user or namespace that is not a string; reading it as "none" would
// connect without the user's credentials or in another namespace.
function wrongField(entry: NamedEntry): string | undefined {
  for (const key of ['user', 'namespace']) {
    const value = entry.body[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return `Context "${entry.name}": "${key}" must be a name, not ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}.`;
    }
  }
  return undefined;
}

function describeProblem(
  name: string,
  clusterName: string,
  cluster: NamedEntry | undefined,
  userName: string,
  user: NamedEntry | undefined,
): string | undefined {
  if (clusterName === '') return `Context "${name}" names no cluster.`;
  if (!cluster) return `Context "${name}" names cluster "${clusterName}", which no kubeconfig file defines.`;
  if (typeof cluster.body.server !== 'string' || cluster.body.server === '') {
    return `Cluster "${clusterName}" of context "${name}" has no server address.`;
  }
  if (safeServerUrl(cluster.body.server) === '') {
    return `Cluster "${clusterName}" of context "${name}" has a server address that is not a URL.`;
  }
  if (userName !== '' && !user) return `Context "${name}" names user "${userName}", which no kubeconfig file defines.`;
  return undefined;
}
