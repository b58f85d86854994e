// One entry per `mgd` sub-command; each lives in its own file and is imported lazily so that
// `mgd bench mask` does not load the model runtime or the TypeScript compiler.
export interface CliCommand {
  readonly usage: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const commands: Record<string, CliCommand> = {
  bench: {
    usage: '<name> [options]',
    summary: 'Run a benchmark; prints a table and, as the last line, one JSON object.',
    run: async (args) => (await import('../bench/run')).runBench(args),
  },
};
