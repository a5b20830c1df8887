// The Swagger 2.0 document the real API server publishes at /openapi/v2, made from the same schemas as /openapi/v3:
// every served group-version's components merged into `definitions`, with `#/definitions/` references written in
// place (v2 has no allOf-wrapped refs) and int-or-string/quantity as `type: string` plus their format, as upstream.
// kubectl reads it for `explain --output=plaintext-openapiv2` and, before 1.30, for apply's patch metadata and
// client-side validation; 1.27 fails every command when the document is missing, so it is served rather than 404.

import type { KindCatalog } from '../kinds/catalog.js';
import { openApiV3Document, openApiV3Index } from './openapi.js';
import type { JsonSchema } from './openapi-schemas.js';

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';

function toV2(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'oneOf') continue;
    if (key === 'allOf' && Array.isArray(value) && value.length === 1) {
      const ref = (value[0] as JsonSchema).$ref;
      if (typeof ref === 'string') out.$ref = ref.replace(V3_REF, V2_REF);
      continue;
    }
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(V3_REF, V2_REF);
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toV2(v as JsonSchema)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      out[key] = toV2(value as JsonSchema);
    } else out[key] = value;
  }
  // v2 keeps no defaults beside a $ref (the v3 `default: {}` only marks a non-nullable struct).
  if (out.$ref !== undefined) delete out.default;
  if (schema.oneOf) out.type = 'string';
  return out;
}

/** The /openapi/v2 document of the served kinds (paths are left empty: kubectl reads only the definitions). */
export function openApiV2Document(kinds: KindCatalog): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const path of Object.keys(openApiV3Index(kinds).paths)) {
    const doc = openApiV3Document(kinds, path) as { components: { schemas: Record<string, JsonSchema> } } | undefined;
    for (const [name, schema] of Object.entries(doc?.components.schemas ?? {})) definitions[name] ??= toV2(schema);
  }
  const sorted = Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((k) => [k, definitions[k]]),
  );
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: {},
    definitions: sorted,
    securityDefinitions: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}
