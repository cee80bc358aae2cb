/**
 * Results on disk. Files are replaced atomically (write a temporary file, then rename), and a
 * run writes to `<name>.partial.json` while it goes, renaming it over `<name>.json` only when it
 * completes: a run that dies keeps every finished case, and never clobbers an earlier file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { parseResults } from '../results/read.js';
import type { Results } from '../results/schema.js';

/** Writes `text` to `path` atomically: a temporary file beside it, then a rename. */
export function writeTextAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Writes `data` as JSON to `path` atomically. */
export function writeJsonAtomic(path: string, data: unknown): void {
  writeTextAtomic(path, JSON.stringify(data, null, 2) + '\n');
}

/** `results/x.json` -> `results/x.partial.json`. */
export function partialPath(path: string): string {
  return path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}.partial.json` : `${path}.partial.json`;
}

/**
 * `mkdir -p` one level at a time. Node's recursive mkdirSync spins forever under some
 * pseudo-filesystems (e.g. a path below /proc), so the walk is done here, failing at the
 * first level that cannot be made.
 */
function makeFolders(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolders(parent);
  mkdirSync(folder);
}

/**
 * Checks that `path` can be written (its folder exists or can be made, and is writable) before
 * any work is done, so a bad --out fails fast and leaves nothing behind.
 */
export function assertWritable(path: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`--out ${path} is a directory: give a file name such as ${join(path, 'run.json')}`);
  }
  const probe = `${path}.${process.pid}.probe`;
  try {
    makeFolders(dirname(path));
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write --out ${path} (${code}): choose a path in a writable folder`);
  }
}

/** Writes a run's results as it goes: partial file while running, final file at the end. */
export class ResultsWriter {
  readonly partial: string;

  constructor(readonly path: string) {
    this.partial = partialPath(path);
  }

  /** Saves the results so far (complete or not) to the partial file. */
  save(results: Results): void {
    writeJsonAtomic(this.partial, results);
  }

  /** Saves the completed results over the final path and removes the partial file. */
  finish(results: Results): void {
    writeJsonAtomic(this.path, results);
    rmSync(this.partial, { force: true });
  }
}

/** Reads and validates a results file; a UsageError naming the file when it is not one. */
export function readResultsFile(path: string): Results {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(
      `${path} is not JSON, so not a flopscope results file: pass a file written by \`flopscope run\``,
    );
  }
  return parseResults(json, path);
}
