import { EvalError } from '../../analysis/eval-error';
import { PackageError } from '../../analysis/project/package-installer';
import { UsageError } from '../usage-error';

// name → module exporting `run(args): Promise<number>`; each benchmark owns its file.
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  oracle: () => import('../../analysis/bench/oracle-bench'),
  runtime: () => import('./runtime'),
  model: () => import('./model-scale'),
  'bare-loop': () => import('./bare-loop'),
  soak: () => import('./soak'),
  faults: () => import('./faults'),
  mask: () => import('./mask'),
  statistics: () => import('./statistics'),
  monitors: () => import('../../analysis/bench/monitor-replay'),
};

export async function runBench(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const load = name ? benches[name] : undefined;
  if (!load) throw new UsageError(`bench needs one of: ${Object.keys(benches).join(', ') || '(none yet)'}`);
  try {
    return await (await load()).run(rest);
  } catch (err) {
    // The evaluation's benchmarks report bad input in the evaluation's terms.
    if (err instanceof EvalError || err instanceof PackageError) throw new UsageError(err.message);
    throw err;
  }
}
