import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { k8sSchemas } from './scripts/k8s-schemas/vite-plugin';

// The renderer is built once and served by both Electron (file://) and the browser host, hence relative paths.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [vue(), k8sSchemas()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
});
