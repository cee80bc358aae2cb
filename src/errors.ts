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

/** A run stopped by a signal (Ctrl-C, a CI timeout): one line, and the shell's exit code for the signal. */
export class Interrupted extends EnvironmentError {
  /** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM. */
  readonly exitCode: number;

  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP',
    message: string,
  ) {
    super(message);
    this.exitCode = 128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal];
  }
}

/** True for the errors that are reported as one line with exit code 2 (an Interrupted run: its signal's code). */
export function isExpectedError(error: unknown): error is UsageError | EnvironmentError {
  return error instanceof UsageError || error instanceof EnvironmentError;
}
