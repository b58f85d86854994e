import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockedCount, renderExplanation, tokensPerSecond } from '../../../../src/core/completion/explain-report';

const timings = { totalMs: 200, promptMs: 50, modelMs: 100, maskMs: 2, oracleWaitMs: 40, tokens: 3 };

test('explain: each token row says what the model wanted and what the monitor allowed', () => {
  const md = renderExplanation({
    file: 'src/use.ts',
    line: 4,
    character: 6,
    languageId: 'typescript',
    modelId: 'bundled',
    monitors: ['dereference'],
    shown: 'zqBalance;',
    result: {
      text: 'zqBalance;',
      stopReason: 'endOfLine',
      guided: true,
      timings,
      trace: [
        { tokenId: 7, text: 'zq', monitor: 'dereference', allowed: 12, wanted: { tokenId: 9, text: 'length' }, oracleMs: 31 },
        { tokenId: 8, text: 'Balance', monitor: 'dereference', allowed: 1 },
        { tokenId: 3, text: ';|' },
        { tokenId: 4, text: '();', wanted: { tokenId: 3, text: ';' }, copied: true },
      ],
    },
  });
  assert.match(md, /src\/use\.ts:5:7/);
  assert.match(md, /\| 1 \| `zq` \| `length` \| dereference \| 12 \| 31\.0 \| dereference ruled out/);
  assert.match(md, /\| 2 \| `Balance` \| same \| dereference \| 1 \|/);
  assert.match(md, /\| 3 \| `;\\\|` \| same \| — \| any \|/);
  assert.match(md, /\| 4 \| `\(\);` \| `;` \| — \| any \| +\| the file went on this way after the same tokens elsewhere \|/);
  assert.match(md, /Tokens the monitors blocked: 1/, 'a copied token is no monitor\'s block');
});

test('explain figures: tokens per second over model time, blocked = changed choices', () => {
  assert.equal(tokensPerSecond(timings), 30);
  assert.equal(tokensPerSecond({ ...timings, modelMs: 0, totalMs: 0 }), 0);
  assert.equal(blockedCount([{ tokenId: 1, text: 'a', wanted: { tokenId: 1, text: 'a' } }, { tokenId: 2, text: 'b', wanted: { tokenId: 5, text: 'c' } }]), 1);
});
