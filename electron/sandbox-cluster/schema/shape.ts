// A walkable view of the schema for code that follows an object field by field: the patch engines (which list
// merges by which key) and unknown-field detection.

import { definition, definitionForKind, type FieldType } from './definitions.js';
import { propertySchema, type JsonSchema } from '../crd/structural.js';
import { fieldMergeMeta, isAtomicStruct, type FieldMergeMeta } from './patch-meta.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * Types whose declarations do not list everything they hold: a CRD's schema (JSONSchemaProps carries the
 * x-kubernetes-* extensions the declarations leave out) is taken as it comes.
 */
const FREE_FORM = new Set(['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps']);

/** The shape of a value under a structural schema (a custom resource's, or a part of it). */
export function shapeForSchema(s: JsonSchema, embedded = false): Shape {
  if (s['x-kubernetes-int-or-string'] === true) return { kind: 'scalar' };
  if (s.type === 'array') {
    const meta: FieldMergeMeta = { listType: s['x-kubernetes-list-type'] ?? 'atomic' };
    if (s['x-kubernetes-list-map-keys']) meta.listMapKeys = s['x-kubernetes-list-map-keys'];
    return { kind: 'list', items: s.items ? shapeForSchema(s.items) : ANY, meta };
  }
  if (s.type === 'object' || s.properties || s['x-kubernetes-embedded-resource'] === true) {
    if (!s.properties && typeof s.additionalProperties === 'object') {
      const mapType = s['x-kubernetes-map-type'];
      return { kind: 'map', values: shapeForSchema(s.additionalProperties), mapType };
    }
    if (!s.properties && s['x-kubernetes-preserve-unknown-fields'] === true && !embedded) return ANY;
    return { kind: 'schema', schema: s, embedded: embedded || s['x-kubernetes-embedded-resource'] === true };
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === true && s.type === undefined) return ANY;
  return { kind: 'scalar' };
}

export type Shape =
  /** atomic: `+structType=atomic` upstream (server-side apply owns it as one value). */
  | { kind: 'struct'; name: string; atomic: boolean }
  | { kind: 'map'; values: Shape; mapType?: 'atomic' | 'granular' }
  | { kind: 'list'; items: Shape; meta: FieldMergeMeta }
  /** string, integer, boolean and string-like named types (Quantity, Time, IntOrString). */
  | { kind: 'scalar' }
  /** Free-form content (RawExtension, FieldsV1) or a type we do not know: anything goes, nothing is merged by key. */
  | { kind: 'any' }
  /** An object under a CustomResourceDefinition's structural schema; embedded: it has apiVersion, kind, metadata. */
  | { kind: 'schema'; schema: JsonSchema; embedded: boolean };

export const ANY: Shape = { kind: 'any' };

function shapeOfType(type: FieldType, meta: FieldMergeMeta | undefined): Shape {
  switch (type.kind) {
    case 'string':
    case 'integer':
    case 'boolean':
    case 'literal':
      return { kind: 'scalar' };
    case 'unknown':
      return ANY;
    case 'array':
      return { kind: 'list', items: shapeOfType(type.items, undefined), meta: meta ?? { listType: 'atomic' } };
    case 'map':
      return { kind: 'map', values: shapeOfType(type.values, undefined), mapType: meta?.mapType };
    case 'ref': {
      const def = definition(type.name);
      if (!def || FREE_FORM.has(def.name)) return ANY;
      if (def.scalar) return { kind: 'scalar' };
      if (!def.fields || def.fields.length === 0) return ANY;
      return { kind: 'struct', name: def.name, atomic: isAtomicStruct(def.name) };
    }
  }
}

/** The shape of a whole object of apiVersion/kind; `any` when the kind is not one we know. */
export function shapeForKind(apiVersion: string, kind: string): Shape {
  const def = definitionForKind(apiVersion, kind);
  return def ? { kind: 'struct', name: def.name, atomic: false } : ANY;
}

/** The shape of a named definition (e.g. io.k8s.api.core.v1.PodSpec). */
export function shapeForDefinition(name: string): Shape {
  return shapeOfType({ kind: 'ref', name }, undefined);
}

/**
 * The shape under `key`: a struct's field (undefined when the struct has no such field), a map's value, or `any`
 * inside free-form content. Scalars and lists have no keyed children.
 */
export function childShape(shape: Shape, key: string): Shape | undefined {
  switch (shape.kind) {
    case 'struct': {
      const field = definition(shape.name)?.fields?.find((f) => f.name === key);
      return field ? shapeOfType(field.type, fieldMergeMeta(shape.name, key)) : undefined;
    }
    case 'map':
      return shape.values;
    case 'any':
      return ANY;
    case 'schema': {
      if (shape.embedded && (key === 'apiVersion' || key === 'kind')) return { kind: 'scalar' };
      if (shape.embedded && key === 'metadata') return { kind: 'struct', name: OBJECT_META, atomic: false };
      const child = propertySchema(shape.schema, key);
      return child ? shapeForSchema(child) : undefined;
    }
    default:
      return undefined;
  }
}

/** The element shape of a list (any for non-lists, so callers can walk unknown content uniformly). */
export function itemShape(shape: Shape): Shape {
  return shape.kind === 'list' ? shape.items : ANY;
}

/** Merge metadata of a list-valued child, or undefined when `key` is not a list the schema knows. */
export function listMeta(shape: Shape, key: string): FieldMergeMeta | undefined {
  const child = childShape(shape, key);
  return child?.kind === 'list' ? child.meta : undefined;
}
