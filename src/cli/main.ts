const usage = `mgd — monitor-guided completions from the command line

  mgd complete <file>:<line>:<col> [--model M] [--monitors on|off] [--json]
  mgd eval --package <name@version>... [--task line|method] [--limit N] [--seed S] [--out DIR]
  mgd bench <mask|runtime|soak>
`;

async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') {
    process.stdout.write(usage);
    return 0;
  }
  process.stderr.write(`mgd: unknown command '${cmd}'\n\n${usage}`);
  return 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  process.stderr.write(`mgd: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
