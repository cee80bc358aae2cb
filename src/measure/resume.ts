/**
 * Continuing an interrupted run (`--resume FILE`): the partial results must come from the same
 * flopscope, browser and adapter and the same plan, or their cases would not compare with the
 * rest. Pure.
 */
import { UsageError } from '../errors.js';
import type { Results } from '../results/schema.js';

/**
 * The partial results `partial` (read from `path`) as the start of a run that now got `fresh`; a UsageError
 * naming what differs otherwise.
 */
export function resumable(partial: Results, fresh: Results, path: string): Results {
  if (partial.complete)
    throw new UsageError(`--resume ${path}: that run finished; there is nothing to resume (start a new run instead)`);
  const differences: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      differences.push(`${what} (${JSON.stringify(a)} then, ${JSON.stringify(b)} now)`);
  };
  same('flopscope version', partial.env.harness.version, fresh.env.harness.version);
  same(
    'browser',
    `${partial.env.browser.source} ${partial.env.browser.version}`,
    `${fresh.env.browser.source} ${fresh.env.browser.version}`,
  );
  same('adapter', partial.env.adapter, fresh.env.adapter);
  same('suite', partial.suite.name, fresh.suite.name);
  same('kernels', partial.suite.kernels, fresh.suite.kernels);
  same('sizes', partial.suite.sizes, fresh.suite.sizes);
  same('seed', partial.suite.seed, fresh.suite.seed);
  same('timing', partial.suite.timing, fresh.suite.timing);
  same('rounds', partial.suite.rounds ?? 1, fresh.suite.rounds ?? 1);
  same('launches', partial.suite.launches ?? 1, fresh.suite.launches ?? 1);
  if (differences.length > 0) {
    throw new UsageError(
      `--resume ${path}: it was run with another ${differences.join(', another ')}: resume it with the same options and browser, or start a new run`,
    );
  }
  return {
    ...partial,
    env: { ...partial.env, finishedAt: null },
    peaks: {
      ...partial.peaks,
      reference: fresh.peaks.reference,
      ...(fresh.peaks.referenceMissing !== undefined ? { referenceMissing: fresh.peaks.referenceMissing } : {}),
    },
  };
}
