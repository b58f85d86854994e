/** A problem the user can fix (bad option, unusable package, model that does not load): shown without a stack. */
export class EvalError extends Error {
  override name = 'EvalError';
}
