import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postprocess } from '../../../../src/core/completion/postprocess';

// Source with `|` at the cursor, the raw model output, the expected ghost text.
const CASES: { name: string; src: string; raw: string; mode: 'line' | 'block'; want: string }[] = [
  { name: 'plain member completion', src: 'const n = acct.|\n', raw: 'balanceCents;', mode: 'line', want: 'balanceCents;' },
  { name: 'line mode stops at the newline', src: 'let a = |', raw: '1;\nlet b = 2;', mode: 'line', want: '1;' },
  { name: 'auto-closed paren is not typed twice', src: 'log(|)', raw: 'a, b)', mode: 'line', want: 'a, b' },
  { name: 'auto-closed paren and what follows it', src: 'log(|);', raw: 'a, b);', mode: 'line', want: 'a, b' },
  { name: 'balanced inner call keeps its paren', src: 'log(|)', raw: 'f(x)', mode: 'line', want: 'f(x)' },
  { name: 'bracket that closes an inner call then the outer', src: 'log(|)', raw: 'f(x))', mode: 'line', want: 'f(x)' },
  { name: 'a different closer is kept', src: 'if (x|', raw: ') {', mode: 'line', want: ') {' },
  { name: 'closing quote inside a string', src: 'say("|")', raw: 'hello")', mode: 'line', want: 'hello' },
  { name: 'quote outside a string is kept', src: 'x = |;', raw: '"a"', mode: 'line', want: '"a"' },
  { name: 'trailing spaces go', src: 'x = |', raw: '1;   ', mode: 'line', want: '1;' },
  { name: 'whitespace only is nothing', src: 'x = |', raw: '  \n ', mode: 'block', want: '' },
  {
    name: 'block stops before the line that already follows',
    src: 'function f() {\n  |\n  return y;\n}',
    raw: 'const y = 1;\n  return y;\n}',
    mode: 'block',
    want: 'const y = 1;',
  },
  {
    name: 'block keeps inner indentation',
    src: 'function f() {|\n}',
    raw: '\n  if (a) {\n    b();\n  }\n}',
    mode: 'block',
    want: '\n  if (a) {\n    b();\n  }',
  },
  {
    name: 'block before an auto-closed brace on the same line keeps it on its own line',
    src: 'function f() {|}',
    raw: '\n  return 1;\n}',
    mode: 'block',
    want: '\n  return 1;\n',
  },
  { name: 'CRLF becomes LF', src: 'x|', raw: 'y;\r\nz', mode: 'block', want: 'y;\nz' },
];

for (const c of CASES) {
  test(`postprocess: ${c.name}`, () => {
    const at = c.src.indexOf('|');
    const got = postprocess(c.raw, { prefix: c.src.slice(0, at), suffix: c.src.slice(at + 1), mode: c.mode });
    assert.equal(got, c.want);
  });
}
