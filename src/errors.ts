/**
 * The two kinds of expected failure. Both exit with code 2 and a one-line message that says
 * what is wrong and what to do; anything else is a bug (exit 1, with its stack trace).
 */

/** A mistake in what the user asked for: an argument, a file, a name. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Something missing from the environment: no browser, no WebGPU adapter, no writable folder. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** True for the errors that are reported as one line with exit code 2. */
export function isExpectedError(error: unknown): error is UsageError | EnvironmentError {
  return error instanceof UsageError || error instanceof EnvironmentError;
}
