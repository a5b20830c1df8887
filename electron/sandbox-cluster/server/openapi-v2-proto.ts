// The /openapi/v2 document in the protobuf form kubectl asks for (gnostic's openapi.v2.Document). Only the messages
// the served document uses are declared; field numbers are gnostic's OpenAPIv2.proto. Vendor extensions, defaults
// and enum values are carried as YAML text in `Any.yaml`, which is where kube-openapi reads them.
import protobuf from 'protobufjs';
import { stringify } from 'yaml';
import type { JsonSchema } from '../schema/openapi-schemas.js';

const f = (id: number, type: string, rule?: 'repeated') => (rule ? { id, type, rule } : { id, type });

const root = protobuf.Root.fromJSON({
  nested: {
    Document: {
      fields: { swagger: f(1, 'string'), info: f(2, 'Info'), paths: f(8, 'Paths'), definitions: f(9, 'Definitions') },
    },
    Info: { fields: { title: f(1, 'string'), version: f(2, 'string') } },
    Paths: { fields: {} },
    Definitions: { fields: { additionalProperties: f(1, 'NamedSchema', 'repeated') } },
    Properties: { fields: { additionalProperties: f(1, 'NamedSchema', 'repeated') } },
    NamedSchema: { fields: { name: f(1, 'string'), value: f(2, 'Schema') } },
    NamedAny: { fields: { name: f(1, 'string'), value: f(2, 'Any') } },
    Any: { fields: { yaml: f(2, 'string') } },
    TypeItem: { fields: { value: f(1, 'string', 'repeated') } },
    ItemsItem: { fields: { schema: f(1, 'Schema', 'repeated') } },
    AdditionalPropertiesItem: { fields: { schema: f(1, 'Schema'), boolean: f(2, 'bool') } },
    Schema: {
      fields: {
        ref: f(1, 'string'),
        format: f(2, 'string'),
        title: f(3, 'string'),
        description: f(4, 'string'),
        default: f(5, 'Any'),
        required: f(19, 'string', 'repeated'),
        enum: f(20, 'Any', 'repeated'),
        additionalProperties: f(21, 'AdditionalPropertiesItem'),
        type: f(22, 'TypeItem'),
        items: f(23, 'ItemsItem'),
        properties: f(25, 'Properties'),
        vendorExtension: f(31, 'NamedAny', 'repeated'),
      },
    },
  },
});
const DocumentType = root.lookupType('Document');

const yaml = (value: unknown) => ({ yaml: stringify(value) });
const named = (map: Record<string, JsonSchema>) =>
  Object.entries(map).map(([name, value]) => ({ name, value: schemaMessage(value) }));

function schemaMessage(s: JsonSchema): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  if (typeof s.$ref === 'string') m.ref = s.$ref;
  for (const key of ['format', 'title', 'description'] as const) if (typeof s[key] === 'string') m[key] = s[key];
  if (s.default !== undefined) m.default = yaml(s.default);
  if (Array.isArray(s.required)) m.required = s.required;
  if (Array.isArray(s.enum)) m.enum = s.enum.map(yaml);
  if (typeof s.additionalProperties === 'boolean') m.additionalProperties = { boolean: s.additionalProperties };
  else if (s.additionalProperties)
    m.additionalProperties = { schema: schemaMessage(s.additionalProperties as JsonSchema) };
  if (typeof s.type === 'string') m.type = { value: [s.type] };
  if (s.items && typeof s.items === 'object') m.items = { schema: [schemaMessage(s.items as JsonSchema)] };
  if (s.properties && typeof s.properties === 'object') {
    m.properties = { additionalProperties: named(s.properties as Record<string, JsonSchema>) };
  }
  const extensions = Object.entries(s).filter(([k]) => k.startsWith('x-'));
  if (extensions.length > 0) m.vendorExtension = extensions.map(([name, value]) => ({ name, value: yaml(value) }));
  return m;
}

/** The protobuf encoding of a Swagger 2.0 document from openApiV2Document. */
export function encodeOpenApiV2(doc: JsonSchema): Buffer {
  const message = DocumentType.fromObject({
    swagger: doc.swagger,
    info: doc.info,
    paths: {},
    definitions: { additionalProperties: named(doc.definitions as Record<string, JsonSchema>) },
  });
  return Buffer.from(DocumentType.encode(message).finish());
}
