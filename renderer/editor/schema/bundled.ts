import type { SchemaSet } from './types';

let loading: Promise<SchemaSet> | undefined;

/** The offline schemas, generated from kubernetes-types when the renderer is built; loaded lazily as their own chunk. */
export function loadBundledSchemas(): Promise<SchemaSet> {
  loading ??= import('virtual:k8s-schemas').then((module) => module.default);
  return loading;
}
