// OpenAPI schemas of the served kinds, derived at load time from the `kubernetes-types` dependency (structure and
// field descriptions) plus the upstream merge semantics of lists and maps (patch-meta.ts).

import type { FieldMergeMeta } from './patch-meta.js';
import { ANY, childShape, itemShape, shapeForDefinition, shapeForKind, shapeForSchema, type Shape } from './shape.js';

export { openApiV3Document, openApiV3Index } from './openapi.js';
export { openApiV2Document } from './openapi-v2.js';
export { unknownFields, unknownFieldsIn } from './unknown-fields.js';
export {
  ANY,
  childShape,
  itemShape,
  listMeta,
  shapeForDefinition,
  shapeForKind,
  shapeForSchema,
  type Shape,
} from './shape.js';
export type { FieldMergeMeta } from './patch-meta.js';

/** The schema of a served kind: a custom resource's structural schema, or the built-in definition. */
export function shapeOf(d: { customSchema?: Record<string, unknown>; definition?: string }): Shape {
  if (d.customSchema) return shapeForSchema(d.customSchema, true);
  return d.definition ? shapeForDefinition(d.definition) : ANY;
}

/**
 * Merge metadata of the list at `path` (field names; list items are stepped into automatically) in an object of
 * apiVersion/kind, e.g. listStrategy('apps/v1', 'DaemonSet', ['spec', 'template', 'spec', 'containers']) ->
 * { patchStrategy: ['merge'], patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }.
 */
export function listStrategy(apiVersion: string, kind: string, path: string[]): FieldMergeMeta | undefined {
  let shape: Shape | undefined = shapeForKind(apiVersion, kind);
  for (const key of path) {
    if (shape?.kind === 'list') shape = itemShape(shape);
    shape = shape ? childShape(shape, key) : undefined;
  }
  return shape?.kind === 'list' ? shape.meta : undefined;
}
