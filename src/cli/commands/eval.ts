import { EvalError, runEvalCommand } from '../../analysis/eval-command';
import { PackageError } from '../../analysis/project/package-installer';
import { UsageError } from '../usage-error';

export async function run(args: string[]): Promise<number> {
  const commandLine = ['mgd', 'eval', ...args].map((a) => (/^[\w@./:,=^~-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  try {
    const { startModelCompletions } = await import('../../analysis/run/model-completions');
    return await runEvalCommand(args, startModelCompletions, commandLine);
  } catch (err) {
    if (err instanceof EvalError || err instanceof PackageError) throw new UsageError(err.message);
    throw err;
  }
}
