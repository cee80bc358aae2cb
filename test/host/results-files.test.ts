import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseResults } from '../../src/results/read.js';
import {
  assertWritable,
  partialPath,
  readResultsFile,
  ResultsWriter,
  writeJsonAtomic,
} from '../../src/host/results-files.js';
import { tempDir } from '../helpers/cli.js';
import { emptyResults } from '../helpers/results.js';

describe('ResultsWriter', () => {
  it('saves to <name>.partial.json while running and renames to <name>.json at the end', () => {
    const dir = tempDir();
    const path = join(dir, 'run.json');
    const writer = new ResultsWriter(path);
    const results = { ...emptyResults(), complete: false };
    writer.save(results);
    expect(readdirSync(dir)).toEqual(['run.partial.json']);
    writer.finish({ ...results, complete: true });
    expect(readdirSync(dir)).toEqual(['run.json']);
    expect(readResultsFile(path).complete).toBe(true);
  });

  it('never touches an earlier file at the final path until the run completes', () => {
    const dir = tempDir();
    const path = join(dir, 'run.json');
    writeFileSync(path, 'earlier');
    new ResultsWriter(path).save(emptyResults());
    expect(readFileSync(path, 'utf8')).toBe('earlier');
  });

  it('finishes a run that never saved a partial file', () => {
    const dir = tempDir();
    new ResultsWriter(join(dir, 'run.json')).finish(emptyResults());
    expect(readdirSync(dir)).toEqual(['run.json']);
  });
});

describe('writeJsonAtomic', () => {
  it('leaves no temporary file behind', () => {
    const dir = tempDir();
    writeJsonAtomic(join(dir, 'x.json'), { a: 1 });
    expect(readdirSync(dir)).toEqual(['x.json']);
    expect(JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8'))).toEqual({ a: 1 });
  });
});

describe('partialPath', () => {
  it('inserts .partial before .json', () => {
    expect(partialPath('results/a.json')).toBe('results/a.partial.json');
    expect(partialPath('out')).toBe('out.partial.json');
  });
});

describe('assertWritable', () => {
  it('creates missing folders and leaves no probe behind', () => {
    const dir = tempDir();
    assertWritable(join(dir, 'a', 'b', 'run.json'));
    expect(existsSync(join(dir, 'a', 'b'))).toBe(true);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual([]);
  });

  it('refuses a path under a file, and a folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), '');
    // The error's code alone in the parentheses, not Node's whole message.
    expect(() => assertWritable(join(dir, 'f', 'run.json'))).toThrow(
      `cannot write --out ${join(dir, 'f', 'run.json')} (ENOTDIR): choose a path in a writable folder`,
    );
    expect(() => assertWritable(dir)).toThrow(
      `--out ${dir} is a directory: give a file name such as ${join(dir, 'run.json')}`,
    );
  });
});

describe('reading results', () => {
  it('round-trips a valid file', () => {
    const dir = tempDir();
    const path = join(dir, 'r.json');
    writeJsonAtomic(path, emptyResults());
    expect(readResultsFile(path)).toEqual(emptyResults());
  });

  it('writes indented JSON ending in a newline', () => {
    const path = join(tempDir(), 'r.json');
    writeJsonAtomic(path, { a: [1] });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  it('refuses what is not an object with a flopscope schema, null included', () => {
    for (const json of [null, 42, { schema: 'other/results@1' }, { schema: 1 }]) {
      expect(() => parseResults(json, 'x.json'), JSON.stringify(json)).toThrow(
        'x.json is not a flopscope results file (no "schema": "flopscope/results@1")',
      );
    }
  });

  it.each([
    [{ hello: 1 }, /is not a flopscope results file/],
    [
      { ...emptyResults(), schema: 'flopscope/results@9' },
      /has schema flopscope\/results@9; this flopscope reads flopscope\/results@1/,
    ],
    [{ ...emptyResults(), cases: [{ kernel: 3 }] }, /is not a valid flopscope\/results@1 file \(at cases\.0\./],
  ])('refuses %j with a one-line reason', (json, pattern) => {
    expect(() => parseResults(json, 'x.json')).toThrow(UsageError);
    expect(() => parseResults(json, 'x.json')).toThrow(pattern);
  });

  it('names missing and non-JSON files', () => {
    const dir = tempDir();
    expect(() => readResultsFile(join(dir, 'none.json'))).toThrow(/cannot read .*ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readResultsFile(join(dir, 'bad.json'))).toThrow(/is not JSON/);
  });
});
