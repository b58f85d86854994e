/** Bad input on the command line: `mgd` prints the message without a stack and exits 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}
