/** The editor's schema model: the bundled set (from kubernetes-types, at build) and the cluster's /openapi/v3 share it. */
export type SchemaType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'int-or-string'
  | 'any'
  | { ref: string }
  | { arr: SchemaType }
  | { map: SchemaType };

export interface SchemaProp {
  t: SchemaType;
  /** description */
  d?: string;
  /** enum values */
  e?: string[];
  /** read-only (status) */
  ro?: true;
}

export interface SchemaDef {
  d?: string;
  p: Record<string, SchemaProp>;
  /** required fields */
  r?: string[];
}

export interface SchemaSet {
  /** where it came from: "kubernetes-types 1.30.0" or "cluster" */
  source: string;
  /** the context whose cluster served them, when a cluster did (the UI names it in its own words) */
  context?: string;
  defs: Record<string, SchemaDef>;
  /** "apiVersion/kind" -> definition name */
  kinds: Record<string, string>;
}

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Merges a cluster's schemas over the bundled ones: the cluster wins for the kinds it describes. */
export function mergeSchemas(base: SchemaSet, over: SchemaSet): SchemaSet {
  return {
    source: over.source,
    ...(over.context !== undefined ? { context: over.context } : {}),
    defs: { ...base.defs, ...over.defs },
    kinds: { ...base.kinds, ...over.kinds },
  };
}
