/**
 * The two kinds of expected failure. Both exit with code 2 and a one-line message that says
 * what is wrong and what to do; anything else is a bug (exit 1, with its stack trace).
 *
 * A user's kernel module imports its own copy of flopscope's API (the package's dist/index.js),
 * whose errors are other classes than the CLI's: `instanceof` recognises both by a registered
 * symbol, so a UsageError thrown in a user's reference is still a one-line error.
 */

/** Marks flopscope's errors whatever copy of the code made them. */
const KIND = Symbol.for('flopscope.error-kind');

/** True when `value` is a flopscope error of this kind from any copy of flopscope. */
function hasKind(value: unknown, kind: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KIND] === kind;
}

/** A mistake in what the user asked for: an argument, a file, a name. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly [KIND] = 'usage';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || (this === UsageError && hasKind(value, 'usage'));
  }
}

/** Something missing from the environment: no browser, no WebGPU adapter, no writable folder. */
export class EnvironmentError extends Error {
  override readonly name: string = 'EnvironmentError';
  readonly [KIND] = 'environment';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === EnvironmentError && hasKind(value, 'environment'))
    );
  }
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
