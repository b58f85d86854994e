import { argmax } from './src/core/decoding/sampler';
const v = new Float32Array(8192); for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * 7.1) * 10;
let s = 0;
for (let i = 0; i < 20000; i++) s += argmax(v, 8192);
let t = performance.now();
for (let i = 0; i < 100000; i++) s += argmax(v, 8192);
console.log('argmax µs', ((performance.now() - t) / 100000 * 1000).toFixed(2));
function simple(l: Float32Array, n: number) { let b = 0, bl = l[0]!; for (let i = 1; i < n; i++) { const x = l[i]!; if (x > bl) { b = i; bl = x; } } return b; }
for (let i = 0; i < 20000; i++) s += simple(v, 8192);
t = performance.now();
for (let i = 0; i < 100000; i++) s += simple(v, 8192);
console.log('simple µs', ((performance.now() - t) / 100000 * 1000).toFixed(2), s);
