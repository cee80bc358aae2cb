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
