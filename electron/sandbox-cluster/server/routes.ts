// Parsing API paths (/api/v1/..., /apis/<group>/<version>/...) into resource requests.
import { badRequest } from '../errors.js';
import type { KindCatalog } from '../kinds/catalog.js';
import type { KindDescriptor } from '../kinds/descriptor.js';
import { notFoundPath } from './request.js';

export interface ParsedPath {
  group: string;
  version: string;
  /** Empty: the group-version's discovery document. */
  rest: string[];
}

export interface ResourcePath {
  info: KindDescriptor;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function splitApiPath(pathname: string): ParsedPath | undefined {
  let parts: string[];
  try {
    parts = pathname
      .split('/')
      .filter((p) => p !== '')
      .map((p) => decodeURIComponent(p));
  } catch {
    throw badRequest('invalid path encoding');
  }
  if (parts[0] === 'api' && parts[1]) return { group: '', version: parts[1], rest: parts.slice(2) };
  if (parts[0] === 'apis' && parts[1] && parts[2]) return { group: parts[1], version: parts[2], rest: parts.slice(3) };
  return undefined;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Resolves `[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]`; unknown resources are 404s. */
export function resolveResource(kinds: KindCatalog, p: ParsedPath): ResourcePath {
  let rest = p.rest;
  let namespace: string | undefined;
  const isNamespaceSub = p.group === '' && rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2] ?? '');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !isNamespaceSub) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) throw notFoundPath();
  const info = kinds.lookup(p.group, p.version, rest[0] ?? '');
  if (!info) throw notFoundPath();
  if (namespace !== undefined && !info.namespaced) throw notFoundPath();
  const subresource = rest[2];
  if (subresource !== undefined && !(info.subresources ?? []).includes(subresource)) throw notFoundPath();
  return { info, namespace, name: rest[1], subresource };
}

/**
 * The `watch` query parameter as the real server's codec reads a bool (runtime.Convert_Slice_string_To_bool): absent,
 * `0` or `false` in any case mean no watch, every other value (an empty one included) means watch. The official
 * Python client sends `watch=True`.
 */
export function isWatch(url: URL): boolean {
  const v = url.searchParams.get('watch');
  return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}

/** The RBAC verb of a request. */
export function verbOf(method: string, hasName: boolean, url: URL): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (isWatch(url)) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
