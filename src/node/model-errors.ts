/** The chosen model could not be found, downloaded or opened; the message says which and why. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** The model worker stopped (crashed, was killed or disposed) while requests were pending. */
export class ModelWorkerError extends Error {
  override name = 'ModelWorkerError';
}
