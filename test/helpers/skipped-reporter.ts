/**
 * A vitest reporter that lists, after the run, every skipped test with why: the note given to
 * `ctx.skip(note)` for tests that skip at run time (an adapter without a feature), else the
 * test's title, which names what it needs (`describe.skipIf(...)('... (needs ...)')`). vitest's
 * own summary only counts them. Added beside the default reporter in vitest.config.ts and .ci/run.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export default class SkippedReporter implements Reporter {
  private vitest: Vitest | null = null;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' && result.note ? `: ${result.note}` : '';
        lines.push(`  ${testModule.relativeModuleId} > ${test.fullName}${note}`);
      }
    }
    if (lines.length === 0) return;
    const log = (text: string) => (this.vitest ? this.vitest.logger.log(text) : console.log(text));
    // Tests left out by a name filter (-t) count as skipped too: say so rather than list them as if gated.
    const filtered = this.vitest?.config.testNamePattern
      ? ` (a -t filter is set: the tests it leaves out are among them)`
      : '';
    log(`\nSkipped ${lines.length} test${lines.length === 1 ? '' : 's'}${filtered}:\n${lines.join('\n')}`);
  }
}
