import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractDotPrompts } from '../../../../src/analysis/prompts/dot-prompts';
import { trivialPicks } from '../../../../src/analysis/score/trivial-picks';
import { TsProject } from '../../../../src/analysis/project/ts-project';
import { TsProjectOracle } from '../../../../src/analysis/oracle/ts-project-oracle';
import { legalNames } from '../../../../src/core/monitors/ask';
import { FileContext } from '../../../../src/core/statistics/file-context';
import { countIdentifiers } from '../../../../src/core/statistics/identifier-scan';
import { ProjectStatistics } from '../../../../src/core/statistics/project-statistics';
import { withProjectEvidence } from '../../../../src/core/statistics/project-evidence';
import { languageSpecFor } from '../../../../src/core/tokens/language-spec';

const project = TsProject.for(join(import.meta.dirname, '../../../fixtures/analysis/minipkg'));

function indexWith(file: string, text: string): ProjectStatistics {
  const s = new ProjectStatistics();
  for (const f of project.sources) s.set(f, f === file ? text : project.text(f));
  return s;
}

test('what the statistics say at a prompt is the same with the ground-truth line removed from the project', async () => {
  const { prompts } = extractDotPrompts(project, { task: 'line', limit: 8, seed: 5 });
  assert.ok(prompts.length >= 6);
  for (const p of prompts) {
    project.clearOverlay();
    const file = project.resolve(p.file);
    const original = project.text(file);
    assert.equal(original, p.prefix + p.groundTruth + p.suffix);
    const withTruth = indexWith(file, original).without(file);
    const withoutTruth = indexWith(file, p.prefix + p.suffix).without(file);
    // Every key the whole file could be asked about, the ground truth's included.
    for (const key of countIdentifiers(original).keys()) assert.equal(withTruth(key), withoutTruth(key), `${p.id}: ${key}`);
    const answer = await new TsProjectOracle({ projectDir: project.dir, file: p.file, project }).warm(p.prefix, p.suffix);
    const names = legalNames(answer!, languageSpecFor('typescript'));
    const file1 = new FileContext(p.prefix, p.suffix);
    assert.deepEqual(trivialPicks(names, file1, withTruth, p.id, 1), trivialPicks(names, file1, withoutTruth, p.id, 1), p.id);
    // What the decoder reads beside each legal name: the answer with the project's counts.
    const around = { prefix: p.prefix, suffix: p.suffix };
    const oracle = new TsProjectOracle({ projectDir: project.dir, file: p.file, project });
    const q = { kind: 'members' as const, generated: '', triggerCharacter: '.' };
    const seen = [await withProjectEvidence(oracle, withTruth).answer(q, around), await withProjectEvidence(oracle, withoutTruth).answer(q, around)];
    assert.equal(seen[0]!.status, 'answered', p.id);
    assert.deepEqual(seen[0], seen[1], p.id);
  }
  project.clearOverlay();
});
