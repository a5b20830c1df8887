// The schemas the detail page's YAML edit checks against: the same ones edit mode uses (renderer/editor/schema), the
// bundled set at once and the cluster's own /openapi/v3 for the kinds it serves when it answers.
import { api } from '../api/bridge';
import { loadBundledSchemas } from '../editor/schema/bundled';
import { schemasFromOpenApi } from '../editor/schema/openapi';
import { mergeSchemas, type SchemaSet } from '../editor/schema/types';

export async function loadSchemasFor(context: string, take: (schemas: SchemaSet) => void): Promise<void> {
  let bundled: SchemaSet;
  try {
    bundled = await loadBundledSchemas();
  } catch {
    // Their chunk did not load (the host went away): the editor still edits, without schema checks.
    return;
  }
  take(bundled);
  try {
    const docs = await Promise.all(['v1', 'apps/v1'].map((gv) => api().services.editor.openapi(context, gv)));
    take(mergeSchemas(bundled, schemasFromOpenApi(docs, `cluster ${context}`)));
  } catch {
    // The bundled schemas stay: diagnostics and completion work offline too.
  }
}
