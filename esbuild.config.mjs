// Bundles the three entry points. `vscode` is provided by the editor; onnxruntime-node is a native
// addon loaded from node_modules at run time (transformers.js requires it through createRequire);
// sharp is only used by image pipelines we never run, so it is replaced by a module that throws.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const sharpStub = {
  name: 'sharp-stub',
  setup(build) {
    build.onResolve({ filter: /^sharp$/ }, () => ({ path: 'sharp', namespace: 'sharp-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'sharp-stub' }, () => ({
      contents: 'module.exports = function sharp() { throw new Error("image processing is not available in this build"); };',
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  external: ['vscode', 'onnxruntime-node', 'typescript'],
  plugins: [sharpStub],
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  // transformers.js reads import.meta.url to locate itself; give the CJS bundle a real value.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

const entries = [
  { entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/node/model-worker.ts'], outfile: 'dist/model-worker.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
];

// The TypeScript server plugin: a package of its own inside the extension (tsserver resolves plugins
// as node modules next to the extension), its module.exports the factory tsserver calls.
const pluginDir = 'node_modules/mgd-tsserver-plugin';
fs.mkdirSync(pluginDir, { recursive: true });
fs.writeFileSync(`${pluginDir}/package.json`, JSON.stringify({ name: 'mgd-tsserver-plugin', version: '0.1.0', private: true, main: 'index.js' }, null, 2) + '\n');
entries.push({
  entryPoints: ['src/tsplugin/plugin.ts'],
  outfile: `${pluginDir}/index.js`,
  external: [],
  define: {},
  banner: {},
  footer: { js: 'module.exports = Object.assign(module.exports.default, module.exports);' },
});

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
