import { commands } from './commands/registry';

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  mgd ${name} ${c.usage}\n      ${c.summary}`);
  return `mgd — monitor-guided completions from the command line\n\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`mgd: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Expected failures (bad input) carry a message for the user; anything else is a bug: show the stack.
    if (err instanceof Error && err.name === 'UsageError') process.stderr.write(`mgd: ${err.message}\n`);
    else process.stderr.write(`mgd: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
