import path from 'node:path';
import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { expandedSize, sizeProblem, tooDeepAt, type YamlLimits } from '../../../common/yaml-limits.js';
import { KUBECONFIG_LIMITS } from './yaml-limits.js';
import { isRecord } from '../../../common/guards.js';

/** One named stanza of a kubeconfig, kept as written (plus absolute paths) so client-node can load it later. */
export interface NamedEntry {
  name: string;
  body: Record<string, unknown>;
  /** The line of the file where the entry starts, so problems can name it. */
  line?: number;
}

export interface ParsedKubeconfig {
  clusters: NamedEntry[];
  users: NamedEntry[];
  contexts: NamedEntry[];
  currentContext?: string;
}

export class KubeconfigParseError extends Error {}

/** Where a path of the document starts: its line, 1-based (0 when the document has no such node). */
type LineOf = (path: (string | number)[]) => number;

function entries(doc: Record<string, unknown>, key: string, bodyKey: string, lineOf: LineOf): NamedEntry[] {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KubeconfigParseError(`line ${lineOf([key])}: "${key}" must be a list`);
  return list.map((item: unknown, index) => {
    const line = lineOf([key, index]);
    if (!isRecord(item) || typeof item.name !== 'string' || item.name === '') {
      throw new KubeconfigParseError(`line ${line}: ${key}[${index}] has no name`);
    }
    const body = item[bodyKey];
    if (body !== undefined && body !== null && !isRecord(body)) {
      throw new KubeconfigParseError(`line ${line}: ${key}[${index}] ("${item.name}"): "${bodyKey}" must be a mapping`);
    }
    return { name: item.name, body: isRecord(body) ? { ...body } : {}, line };
  });
}

// kubectl resolves relative file references against the directory of the file that holds them.
function absolutise(body: Record<string, unknown>, keys: string[], dir: string): void {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === 'string' && value !== '' && !path.isAbsolute(value)) body[key] = path.join(dir, value);
  }
}

// A copy of `holder` with its command key made absolute when it is a relative path with a separator.
function commandsAbsolutised(holder: unknown, key: string, dir: string): unknown {
  if (!isRecord(holder)) return holder;
  const command = holder[key];
  if (typeof command !== 'string' || !/[\\/]/.test(command)) return holder;
  const copy = { ...holder };
  absolutise(copy, [key], dir);
  return copy;
}

/**
 * Reads one kubeconfig's text. Throws KubeconfigParseError with a message that quotes no values from the file (it
 * may hold credentials): only keys, entry names and YAML positions.
 */
export function parseKubeconfig(text: string, baseDir?: string, limits = KUBECONFIG_LIMITS): ParsedKubeconfig {
  const { value: doc, lineOf } = readYaml(text, limits);
  if (doc === null || doc === undefined) return { clusters: [], users: [], contexts: [] };
  if (!isRecord(doc)) throw new KubeconfigParseError('not a kubeconfig (the document is not a mapping)');
  if (doc.kind !== undefined && doc.kind !== 'Config')
    throw new KubeconfigParseError('not a kubeconfig (kind is not Config)');

  const clusters = entries(doc, 'clusters', 'cluster', lineOf);
  const users = entries(doc, 'users', 'user', lineOf);
  const contexts = entries(doc, 'contexts', 'context', lineOf);
  for (const context of contexts) {
    if (typeof context.body.cluster !== 'string' || context.body.cluster === '') {
      // Kept, so the context is listed with a problem instead of vanishing.
      context.body.cluster = '';
    }
  }
  if (baseDir !== undefined) {
    for (const cluster of clusters) absolutise(cluster.body, ['certificate-authority'], baseDir);
    for (const user of users) {
      absolutise(user.body, ['client-certificate', 'client-key', 'tokenFile', 'token-file'], baseDir);
      // A command with a path separator is relative to the kubeconfig; a bare name is looked up on the user's PATH.
      user.body.exec = commandsAbsolutised(user.body.exec, 'command', baseDir);
      const provider = user.body['auth-provider'];
      if (isRecord(provider) && isRecord(provider.config)) {
        const config = commandsAbsolutised(provider.config, 'cmd-path', baseDir) as Record<string, unknown>;
        config.exec = commandsAbsolutised(config.exec, 'command', baseDir);
        if (config.exec === undefined) delete config.exec;
        user.body['auth-provider'] = { ...provider, config };
      }
      if (user.body.exec === undefined) delete user.body.exec;
    }
  }
  const current = doc['current-context'];
  const result: ParsedKubeconfig = { clusters, users, contexts };
  if (typeof current === 'string' && current !== '') result.currentContext = current;
  return result;
}

export const tooLargeError = (problem: string): KubeconfigParseError =>
  new KubeconfigParseError(`not a kubeconfig: ${problem}`);
export const tooDeepError = (line: number, limits: YamlLimits): KubeconfigParseError =>
  new KubeconfigParseError(`not valid YAML (line ${line}: nested deeper than ${limits.maxDepth} levels)`);

function readYaml(text: string, limits: YamlLimits): { value: unknown; lineOf: LineOf } {
  const tooLarge = sizeProblem(text, limits);
  if (tooLarge !== undefined) throw tooLargeError(tooLarge);
  const deepAt = tooDeepAt(text, limits);
  if (deepAt !== undefined) throw tooDeepError(deepAt.line, limits);
  const lines = new LineCounter();
  // logLevel 'error': yaml would print its warnings, which quote the file's text, to stderr.
  const document = parseDocument(text, { prettyErrors: false, logLevel: 'error', lineCounter: lines });
  const first = document.errors[0];
  if (first !== undefined) throw new KubeconfigParseError(`not valid YAML (line ${lines.linePos(first.pos[0]).line})`);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch {
    // An alias to no anchor, or aliases that expand too far; yaml's message quotes the anchor, so it is not passed on.
    throw new KubeconfigParseError(
      `not valid YAML (line ${firstAliasLine(document, lines)}: an alias cannot be resolved)`,
    );
  }
  const budget = text.length + limits.maxAliasExpansion;
  if (expandedSize(value, budget) > budget) {
    const mb = Math.round(limits.maxAliasExpansion / (1024 * 1024));
    throw new KubeconfigParseError(
      `not valid YAML (line ${firstAliasLine(document, lines)}: aliases expand to more than ${mb} MB beyond the file)`,
    );
  }
  const lineOf: LineOf = (at) => {
    const node: unknown = document.getIn(at, true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? 0 : lines.linePos(offset).line;
  };
  return { value, lineOf };
}

function firstAliasLine(document: Document, lines: LineCounter): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return lines.linePos(offset).line;
}
