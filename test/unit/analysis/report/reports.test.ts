import { test } from 'node:test';
import assert from 'node:assert/strict';
import { picksTable, summaryTable } from '../../../../src/analysis/report/report-markdown';
import { svgChart } from '../../../../src/analysis/report/report-svg';
import { explainNpmFailure, parseSpec, PackageError } from '../../../../src/analysis/project/package-installer';
import { shuffled } from '../../../../src/analysis/prompts/seeded-random';
import { summarize, summarizePicks } from '../../../../src/analysis/score/summary';
import type { ModeRecord, PromptRecord } from '../../../../src/analysis/eval-types';

const mode = (over: Partial<ModeRecord>): ModeRecord => ({
  text: '', stopReason: 'endOfLine', guided: true, blocked: 0, blockedExamples: [], notes: [], nim: false, ism: 0, pm: 0,
  compiles: false, newErrors: [], derefs: 0, invalidDerefs: 0, invalidNames: [],
  timings: { totalMs: 10, promptMs: 1, modelMs: 6, maskMs: 1, oracleWaitMs: 2, tokens: 3 }, scoreMs: 0, ...over,
});
const records: PromptRecord[] = [
  { package: 'p@1', id: 'a', name: 'x', groundTruth: 'x', modes: { off: mode({ nim: true, derefs: 4, invalidDerefs: 1 }), on: mode({ nim: true, compiles: true, derefs: 4 }) } },
];

test('the Markdown table has one column per mode with percentages', () => {
  const md = summaryTable(summarize(records, ['off', 'on']));
  assert.match(md, /\| Metric \| monitors off \| monitors on \|/);
  assert.match(md, /\| CR — compilation rate \| 0\.0 % \| 100\.0 % \|/);
  assert.match(md, /\| VDR — valid dereferences \| 75\.0 % \(3\/4\) \| 100\.0 % \(4\/4\) \|/);
});

test('the SVG chart is well-formed and draws a bar per metric and mode', () => {
  const svg = svgChart(summarize(records, ['off', 'on']), 'a <title>');
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.equal((svg.match(/<rect x=/g) ?? []).length, 5 * 2 + 2); // bars + legend swatches
  assert.match(svg, /a &lt;title&gt;/);
});

test('the trivial picks sit beside each arm\'s NIM in the table and in a second chart panel', () => {
  const withPicks: PromptRecord[] = [
    { ...records[0]!, legalNames: 3, picks: { first: 'x', random: 'y', prefixFrequency: 'x', fileFrequency: 'y', projectFrequency: 'y', recent: 'x' } },
    { ...records[0]!, id: 'b', legalNames: 0 },
  ];
  const picks = summarizePicks(withPicks)!;
  assert.deepEqual([picks.first.n, picks.first.nim, picks.random.nim], [2, 0.5, 0]);
  const md = picksTable(picks, summarize(withPicks, ['off', 'on']));
  assert.match(md, /\| first in the language service's order \| 50\.0 % \| best trivial pick \|/);
  assert.match(md, /\| the model, monitors on \| 100\.0 % \| \+50\.0 points against the best trivial pick \|/);
  const svg = svgChart(summarize(withPicks, ['off', 'on']), 't', picks);
  assert.equal((svg.match(/<rect x=/g) ?? []).length, 5 * 2 + 2 + 6 + 2);
  assert.match(svg, /most recently used before the cursor: 50\.0%/);
  assert.equal(summarizePicks(records), undefined, 'results from before the picks have none');
});

test('package specs: scoped names, ranges, and rejection of anything that is not a name', () => {
  assert.deepEqual(parseSpec('rxjs@7'), { name: 'rxjs', range: '7' });
  assert.deepEqual(parseSpec('@scope/pkg@^1.2.0'), { name: '@scope/pkg', range: '^1.2.0' });
  assert.deepEqual(parseSpec('zod'), { name: 'zod', range: 'latest' });
  assert.throws(() => parseSpec('--registry=http://x'), PackageError);
  assert.throws(() => parseSpec('a@$(rm -rf)'), PackageError);
});

test('a seed names one reproducible order', () => {
  const xs = Array.from({ length: 50 }, (_, i) => i);
  assert.deepEqual(shuffled(xs, 7), shuffled(xs, 7));
  assert.notDeepEqual(shuffled(xs, 7), shuffled(xs, 8));
  assert.deepEqual([...shuffled(xs, 7)].sort((a, b) => a - b), xs);
});

test('npm failures become one-line reasons', () => {
  assert.equal(explainNpmFailure('nope@1', 'nope', '1', 'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope'), "package 'nope' was not found on the npm registry");
  assert.equal(explainNpmFailure('rxjs@99', 'rxjs', '99', 'npm error code ETARGET\nnpm error notarget No matching version found for rxjs@99.'), "no version of 'rxjs' matches '99'");
  assert.match(explainNpmFailure('x@1', 'x', '1', 'npm error code EBADPLATFORM\nnpm error notsup Unsupported platform'), /^installing 'x@1' failed:\n  npm error notsup Unsupported platform$/);
});
