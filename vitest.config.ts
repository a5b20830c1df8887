import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { k8sSchemas } from './scripts/k8s-schemas/vite-plugin';

export default defineConfig({
  plugins: [vue(), k8sSchemas()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The sandbox cluster and kubectl are CPU-heavy; on two cores, files run one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
