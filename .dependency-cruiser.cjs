// The layer rules of docs/architecture.md, checked by `npm run lint` (dependency-cruiser resolves every import, type-only
// ones included, to a file, so a rule names folders instead of import strings). ESLint keeps the rules about
// packages (`electron` only in main, no `node:*` or client-node in the renderer), which it reports inside the editor.
const APP = '^(electron|renderer|common)/';
// Vite's generated modules (the editor's offline schemas, from vite.config.ts) have no file to resolve.
const VITE_VIRTUAL = '^virtual:';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'An import cycle (type-only ones too) ties modules that should depend one way: cut it with a narrower type.',
      severity: 'error',
      from: { path: APP },
      to: { circular: true },
    },
    {
      name: 'renderer-only-contract-and-common',
      comment:
        'The renderer reaches the app through the contract (types only, in renderer-contract-types-only) and shares ' +
        'runtime code only through common/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypesNot: ['npm'], pathNot: '^(renderer|common|electron/contract)/' },
    },
    {
      name: 'renderer-contract-types-only',
      comment: 'The contract reaches the renderer as types; its values (channel table, zod schemas) stay on the host.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'hosts-never-import-each-other',
      comment:
        'electron/main never imports electron/web, nor web main: what the two hosts share lives in electron/host/.',
      severity: 'error',
      from: { path: '^electron/(main|web)/' },
      to: { path: '^electron/(main|web)/', pathNot: '^electron/$1/' },
    },
    {
      name: 'host-below-both-hosts',
      comment: 'electron/host/ is what main and web share, so it imports neither of them (nor the preload).',
      severity: 'error',
      from: { path: '^electron/host/' },
      to: { path: '^electron/(main|web|preload)/' },
    },
    {
      name: 'backend-knows-no-host',
      comment: 'The backend is plain Node behind the contract: it never reaches up into a host or the renderer.',
      severity: 'error',
      from: { path: '^electron/backend/' },
      to: { path: '^(electron/(host|main|web|preload)|renderer)/' },
    },
    {
      name: 'preload-only-contract',
      comment:
        'The preload is one sandboxed file that forwards the contract: it imports the contract and electron only.',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { pathNot: '^electron/(preload|contract)/', dependencyTypesNot: ['npm', 'npm-dev'] },
    },
    {
      name: 'hosts-through-backend-index',
      comment: 'App code outside the backend reaches it only through electron/backend/index.ts (tests may go deeper).',
      severity: 'error',
      from: { path: APP, pathNot: '^electron/backend/' },
      to: { path: '^electron/backend/', pathNot: '^electron/backend/index\\.ts$' },
    },
    {
      name: 'common-imports-nothing-of-the-app',
      comment: 'common/ is pure code both sides import as values: it depends on no app folder and on no Node built-in.',
      severity: 'error',
      from: { path: '^common/' },
      to: { pathNot: '^common/', dependencyTypesNot: ['npm'] },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'A rule can only hold for imports it can resolve: one that resolves nowhere is a typo or a stale path.',
      severity: 'error',
      from: { path: APP },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: VITE_VIRTUAL },
    // Type-only imports count: the cycle issue 14 names (backend.ts -> services.ts -> consent/services.ts) is one.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
