import { UsageError } from '../commands/registry';

// name → module exporting `run(args): Promise<number>`; each benchmark owns its file.
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  oracle: () => import('../../analysis/bench/oracle-bench'),
  runtime: () => import('./runtime'),
  soak: () => import('./soak'),
  mask: () => import('./mask'),
  monitors: () => import('../../analysis/bench/monitor-replay'),
};

export async function runBench(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const load = name ? benches[name] : undefined;
  if (!load) throw new UsageError(`bench needs one of: ${Object.keys(benches).join(', ') || '(none yet)'}`);
  return (await load()).run(rest);
}
