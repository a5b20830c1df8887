import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const electronOnlyInMain = {
  paths: [{ name: 'electron', message: 'Only electron/main imports electron.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.toolchain/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'vue/no-bare-strings-in-template': 'error',
      'vue/multi-word-component-names': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer never imports electron.' },
            { name: '@kubernetes/client-node', message: 'The renderer never holds a Kubernetes client.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox.' },
            {
              group: [
                '**/electron/backend/**',
                '**/electron/host/**',
                '**/electron/main/**',
                '**/electron/preload/**',
                '**/electron/web/**',
              ],
              message: 'The renderer talks to the backend only through electron/contract.',
            },
            {
              group: ['**/electron/sandbox-cluster/**'],
              message: 'The sandbox cluster is an independent oracle.',
            },
            {
              group: ['**/electron/contract/**'],
              allowTypeImports: true,
              message: 'The renderer imports the contract as types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/backend/**/*.ts',
      'electron/host/**/*.ts',
      'electron/web/**/*.ts',
      'electron/contract/**/*.ts',
      'electron/preload/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInMain,
          patterns: [
            { group: ['**/sandbox-cluster/**'], message: 'Start the sandbox through its public entry point only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInMain,
          patterns: [
            { group: ['node:*'], message: 'The contract imports nothing of the app but common/.' },
            // Any path out of the contract's folder except into common/ (pure code both sides import as values).
            {
              regex: '^\\.\\./(?!\\.\\./common/(?!.*\\.\\.))',
              message: 'The contract imports nothing of the app but common/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/sandbox-cluster/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInMain,
          patterns: [
            {
              group: ['**/backend/**', '**/renderer/**', '**/contract/**', '**/host/**', '**/main/**', '**/web/**'],
              message: 'The sandbox cluster shares no code with the app: it is the outside oracle.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
