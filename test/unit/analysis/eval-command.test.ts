import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EvalError, runEvalCommand, type CompletionsFactory } from '../../../src/analysis/eval-command';

// Argument mistakes are reported before anything is installed or loaded.
const neverStarts: CompletionsFactory = async () => { throw new Error('must not start a model'); };
const fails = (args: string[], re: RegExp) => assert.rejects(runEvalCommand(args, neverStarts, 'mgd eval'), (e: unknown) => e instanceof EvalError && re.test(e.message));

test('eval without a package says what it needs', () => fails([], /at least one --package/));
test('eval rejects an unknown task', () => fails(['--package', 'rxjs@7', '--task', 'file'], /--task is line or method/));
test('eval rejects a limit that is not a whole number', () => fails(['--package', 'rxjs@7', '--limit', 'many'], /--limit needs a whole number/));
test('eval rejects unknown options with the usage line', () => fails(['--package', 'rxjs@7', '--colour'], /usage: mgd eval/));
test('eval wants packages named with --package', () => fails(['rxjs@7'], /name packages with --package/));
