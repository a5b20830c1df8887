// The four PATCH formats of the API server as pure functions over stored objects: JSON patch (RFC 6902), JSON
// merge patch (RFC 7386), strategic merge patch and server-side apply, with the real server's error answers.

import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { parse as parseYaml } from 'yaml';
import { invalid, notFound, unsupportedMediaType } from '../errors.js';
import { shapeForKind, type Shape } from '../schema/index.js';
import type { KubeObject } from '../types.js';
import { serverSideApply } from './apply.js';
import { badRequest, unprocessable } from './errors.js';
import { isObject, removeKey, type JsonObject } from './json.js';
import { trackUpdate } from './managed-fields.js';
import { strategicMergePatch } from './strategic.js';

export { trackUpdate } from './managed-fields.js';

export interface PatchOptions {
  fieldManager?: string;
  force?: boolean;
  /** Plural and group of the resource, for the 404 of a patch to nothing. */
  resource: { plural: string; group: string };
  /** RFC 3339 time stamped on the managedFields entry of this write. */
  now: string;
  /** The kind's schema; default: the built-in schema of the object's apiVersion/kind. */
  shape?: Shape;
  /** Strategic merge patch is refused (custom resources have no patch strategies). */
  noStrategicMerge?: boolean;
}

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) removeKey(out, key);
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function parseJson(body: string, message: (detail: string) => string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw badRequest(message(e instanceof Error ? e.message : String(e)));
  }
}

function jsonPatch(current: KubeObject, body: string): unknown {
  const ops = parseJson(body, (d) => `json: cannot unmarshal patch: ${d}`);
  if (!Array.isArray(ops) || !ops.every(isObject)) {
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  try {
    const operations = ops as unknown as Operation[];
    return fastJsonPatch.applyPatch(structuredClone(current), operations, true, false).newDocument;
  } catch {
    // The real server hides the patch library's message behind a generic 422.
    throw unprocessable();
  }
}

function applyYaml(current: KubeObject | undefined, body: string, options: PatchOptions): KubeObject {
  if (!options.fieldManager) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [
      { reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' },
    ]);
  }
  let config: unknown;
  try {
    config = parseYaml(body) as unknown;
  } catch (e) {
    throw badRequest(`error decoding YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(config)) throw badRequest('error decoding YAML: the applied configuration must be an object');
  if (current && (config.kind !== current.kind || config.apiVersion !== current.apiVersion)) {
    throw badRequest(
      `the API version in the data (${String(config.apiVersion)}) does not match the expected API version (${current.apiVersion})`,
    );
  }
  return serverSideApply(current, config, {
    manager: options.fieldManager,
    force: options.force ?? false,
    now: options.now,
    shape: options.shape,
  });
}

/**
 * Applies a PATCH body of `contentType` to `current` and returns the new object with managedFields updated for
 * `fieldManager`. Only server-side apply may create (current undefined). Throws StatusErrors as the API server
 * answers: 415 for other content types, 400/422 for malformed bodies, 409 for apply conflicts.
 */
export function applyPatch(
  contentType: string,
  current: KubeObject | undefined,
  body: string,
  options: PatchOptions,
): KubeObject {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/apply-patch+yaml') return applyYaml(current, body, options);
  const known = ['application/json-patch+json', 'application/merge-patch+json'];
  if (!options.noStrategicMerge) known.push('application/strategic-merge-patch+json');
  if (!known.includes(type)) throw unsupportedMediaType(contentType, !options.noStrategicMerge);
  if (options.force !== undefined) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [
      { reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' },
    ]);
  }
  if (!current) throw notFound(options.resource.plural, options.resource.group, '');
  let patched: unknown;
  if (type === 'application/json-patch+json') patched = jsonPatch(current, body);
  else if (type === 'application/merge-patch+json') {
    const patch = parseJson(body, () => 'Invalid JSON Patch');
    patched = mergePatch(structuredClone(current), patch);
  } else {
    const patch = parseJson(body, (d) => `invalid character in patch: ${d}`);
    patched = strategicMergePatch(current, patch, options.shape ?? shapeForKind(current.apiVersion, current.kind));
  }
  if (!isObject(patched) || !isObject(patched.metadata)) throw unprocessable();
  return trackUpdate(
    options.fieldManager ?? 'unknown',
    'Update',
    current,
    patched as KubeObject,
    options.now,
    options.shape,
  );
}
