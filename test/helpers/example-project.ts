/** Copies of examples/custom-kernel inside this repository, for tests that edit a user's project. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const EXAMPLE = resolve(import.meta.dirname, '../../examples/custom-kernel');
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

/**
 * A copy of the example project inside this repository, so that its `import ... from 'flopscope'`
 * resolves to this package (its own name); `edit` changes it before the run.
 */
export function exampleProject(prefix: string, edit: (dir: string) => void = () => undefined): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(ARTIFACTS, prefix));
  cpSync(join(EXAMPLE, 'kernels'), join(dir, 'kernels'), { recursive: true });
  cpSync(join(EXAMPLE, 'flopscope.config.ts'), join(dir, 'flopscope.config.ts'));
  edit(dir);
  return dir;
}

/** Replaces `from` by `to` in `file` (the edit must apply). */
export function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text, `${file} has ${from}`).toContain(from);
  writeFileSync(file, text.replace(from, to));
}
