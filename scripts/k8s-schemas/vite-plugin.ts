import type { Plugin } from 'vite';
import { generateEditorSchemas } from './generate.js';

const ID = 'virtual:k8s-schemas';
const RESOLVED = `\0${ID}`;

/** Serves `virtual:k8s-schemas`: the editor's offline schemas, generated when the renderer is built (or tested). */
export function k8sSchemas(): Plugin {
  return {
    name: 'everynode-k8s-schemas',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(generateEditorSchemas())};` : undefined),
  };
}
