/** Where the CLI writes: results to stdout, everything else (progress, logs, errors) to stderr. */

/** Writes `text` to stdout and resolves once it is flushed (large JSON into a pipe). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

/** Writes one line to stderr. */
export function logLine(line: string): void {
  process.stderr.write(line + '\n');
}

/** True when colour may be used on this stream: a TTY, and NO_COLOR unset. */
export function colourAllowed(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/**
 * The exit code of a command that measured `results`, after saying why on stderr: 2 when a
 * kernel's shader did not compile (the user's WGSL is to fix, as with bad input; its errors were
 * shown with the case), else 1 when any case has one of the `failing` statuses, else 0.
 */
export function exitCodeOf(
  results: { cases: readonly { kernel: string; status: string; error?: string | undefined }[] },
  failing: readonly string[],
): number {
  const broken = [...new Set(results.cases.filter((c) => c.error === 'shader-compile').map((c) => c.kernel))];
  if (broken.length > 0) {
    const which =
      broken.length === 1 ? `the shader of ${broken[0]} does not` : `the shaders of ${broken.join(', ')} do not`;
    logLine(`flopscope: ${which} compile (errors above, at file:line:col): fix the WGSL and run again`);
    return 2;
  }
  return results.cases.some((c) => failing.includes(c.status)) ? 1 : 0;
}
