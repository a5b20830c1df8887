// Fields the schema does not know, named as the API server's strict decoding names them
// (`spec.template.spec.containers[0].imagee`), in document order.

import { childShape, itemShape, shapeForKind, type Shape } from './shape.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, shape: Shape, path: string, out: string[]): void {
  if (shape.kind === 'any' || shape.kind === 'scalar') return;
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => {
      walk(item, itemShape(shape), `${path}[${i}]`, out);
    });
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const sub = childShape(shape, key);
    if (sub === undefined) {
      out.push(childPath);
      continue;
    }
    walk(child, sub, childPath, out);
  }
}

/**
 * JSON paths of the fields in `object` that the schema of apiVersion/kind does not define. Kinds the schema does not
 * know yield no paths (the server cannot judge them); free-form content (managedFields' fieldsV1, a
 * ControllerRevision's data) is not inspected.
 */
export function unknownFields(apiVersion: string, kind: string, object: unknown): string[] {
  return unknownFieldsIn(shapeForKind(apiVersion, kind), object);
}

/** The same, under a given shape (a custom resource's schema). */
export function unknownFieldsIn(shape: Shape, object: unknown): string[] {
  const out: string[] = [];
  walk(object, shape, '', out);
  return out;
}
