// One entry per `mgd` sub-command; each lives in its own file and is imported lazily so that
// `mgd bench mask` does not load the model runtime or the TypeScript compiler.
export interface CliCommand {
  readonly usage: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  complete: {
    usage: '<file>:<line>:<col> [--model M] [--monitors on|off|a,b] [--mode line|block] [--max-tokens N] [--json]',
    summary: 'Complete at one position of a TypeScript/JavaScript file; prints the completion, what the monitors blocked, and timings.',
    run: async (args) => (await import('./complete')).run(args),
  },
  eval: {
    usage: '--package <name@version>... [--task line|method] [--limit N] [--seed S] [--model M] [--monitors a,b] [--out DIR] [--cache DIR]',
    summary: 'DotPrompts-TS on npm packages, monitors off vs on: NIM/ISM/PM/CR/VDR and latency; writes JSON, Markdown and an SVG chart.',
    run: async (args) => (await import('./eval')).run(args),
  },
  bench: {
    usage: '<name> [options]',
    summary: 'Run a benchmark; prints a table and, as the last line, one JSON object.',
    run: async (args) => (await import('../bench/run')).runBench(args),
  },
};
