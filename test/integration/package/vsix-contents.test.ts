// `npm run package` on this checkout: the .vsix holds what runs and nothing else, and what the
// bundles load at run time is inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import { packageExtension } from '../../../scripts/package-extension.mjs';
import { zipEntries } from './zip-entries';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

// Every file in the package matches one of these; each pattern is something that runs or that a
// user reads on the extension's page.
const ALLOWED: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/media\/[^/]+\.png$/,
  /^extension\/dist\/(extension|model-worker)\.js$/,
  /^extension\/models\/bundled\/(config|generation_config|special_tokens_map|tokenizer|tokenizer_config)\.json$/,
  /^extension\/models\/bundled\/MODEL_CARD\.md$/,
  /^extension\/models\/bundled\/onnx\/model\.onnx$/,
  /^extension\/node_modules\/onnxruntime-(node|common)\/package\.json$/,
  /^extension\/node_modules\/mgd-tsserver-plugin\/(package\.json|index\.js)$/,
  /^extension\/node_modules\/onnxruntime-node\/dist\/.+\.js$/,
  /^extension\/node_modules\/onnxruntime-common\/dist\/cjs\/(.+\.js|package\.json)$/,
  /^extension\/node_modules\/onnxruntime-node\/bin\/napi-v6\/linux\/x64\/(onnxruntime_binding\.node|libonnxruntime\.so\.[\d.]+)$/,
];

test('the .vsix holds only the minified bundles, the bundled model, media, README, LICENSE and the native runtime', { timeout: 180_000 }, () => {
  const vsix = packageExtension({ quiet: true });
  const entries = zipEntries(vsix);
  const names = entries.map((e) => e.name);
  const stray = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
  assert.deepEqual(stray, [], `files that do not run: ${stray.join(', ')}`);

  for (const must of ['extension/dist/extension.js', 'extension/dist/model-worker.js', 'extension/models/bundled/onnx/model.onnx', 'extension/readme.md', 'extension/LICENSE.txt']) {
    assert.ok(names.includes(must), `${must} is in the package`);
  }
  assert.ok(names.some((n) => n.endsWith('onnxruntime_binding.node')), 'the native runtime for linux-x64');
  assert.ok(names.includes('extension/node_modules/mgd-tsserver-plugin/index.js'), 'the TypeScript server plugin');
  assert.ok(!names.some((n) => n.endsWith('.map') || n.endsWith('.ts') || n.includes('/src/') || n.includes('/test/')), 'no sources, maps or tests');

  // Minified: long lines, few of them.
  const bundle = fs.readFileSync('dist/extension.js', 'utf8');
  assert.ok(bundle.split('\n').length < 50, `dist/extension.js is minified (${bundle.split('\n').length} lines)`);

  // What the bundles require at run time is either Node's, the editor's, or inside the package.
  for (const b of ['dist/extension.js', 'dist/model-worker.js']) {
    const text = fs.readFileSync(b, 'utf8');
    for (const m of text.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
      const spec = m[1]!;
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (builtins.has(spec) || builtins.has(pkg) || pkg === 'vscode') continue;
      assert.ok(names.includes(`extension/node_modules/${pkg}/package.json`), `${b} requires ${pkg}, which is in the package`);
    }
  }
  const mb = fs.statSync(vsix).size / 1e6;
  console.log(`# ${vsix}: ${entries.length} files, ${mb.toFixed(1)} MB`);
});
