// Layer rules of ARCHITECTURE.md, checked by `npm run lint:deps` (part of `npm test`).
// Each layer names what it may import; anything else is an error. Type-only imports count too:
// a layer that names another's types depends on it.
// `vscode` resolves to its type declarations; both spellings name the editor API.
const VSCODE = '^(vscode$|node_modules/@types/vscode/)';
const TYPESCRIPT = '^node_modules/typescript/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes a module depend on itself; break it by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment: 'src/core runs in the worker, the tests and anywhere: no vscode, no Node built-ins, no packages, no other layer.',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'node-imports-core-node-packages',
      severity: 'error',
      comment: 'src/node: core, itself, Node built-ins and packages (transformers.js, onnxruntime); never vscode, analysis or cli.',
      from: { path: '^src/node/' },
      to: { path: ['^src/(vscode|analysis|cli)/', VSCODE] },
    },
    {
      name: 'analysis-imports-core-node-typescript',
      severity: 'error',
      comment: 'src/analysis: core, node, itself, Node built-ins and typescript; never vscode or cli.',
      from: { path: '^src/analysis/' },
      to: { path: ['^src/(vscode|cli)/', VSCODE] },
    },
    {
      name: 'vscode-imports-core-node-vscode',
      severity: 'error',
      comment: 'src/vscode: core, node, itself and the vscode API; never analysis (typescript stays out of the extension bundle) or cli.',
      from: { path: '^src/vscode/' },
      to: { path: ['^src/(analysis|cli)/', TYPESCRIPT] },
    },
    {
      name: 'tsplugin-imports-core-typescript-types',
      severity: 'error',
      comment: 'src/tsplugin runs inside tsserver (VS Code\'s or the workspace\'s TypeScript): core, itself, and typescript for types only (the server passes its own module in); no Node built-ins, no other layer.',
      from: { path: '^src/tsplugin/' },
      to: { path: ['^src/(node|vscode|analysis|cli)/', VSCODE] },
    },
    {
      name: 'tsplugin-typescript-types-only',
      severity: 'error',
      comment: 'A value import of typescript would bundle a second TypeScript into the plugin.',
      from: { path: '^src/tsplugin/' },
      to: { path: TYPESCRIPT, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tsplugin-no-node-builtins',
      severity: 'error',
      from: { path: '^src/tsplugin/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'cli-never-vscode',
      severity: 'error',
      comment: 'src/cli runs without an editor: everything but vscode.',
      from: { path: '^src/cli/' },
      to: { path: ['^src/vscode/', VSCODE] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
