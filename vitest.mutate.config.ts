import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The tests Stryker runs against each mutant (`npm run mutate`): every unit test that needs no
// browser, built page or CLI process; vitest's `related` then picks, per mutated file, the ones
// that import it. The end-to-end tests (test/e2e, test/cli) stay in `npm test`. (Spread, not
// mergeConfig: that would append to `include` rather than replace it.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/{flops,stats,results,specs,runner,bench,kernels,measure,protocol,tune,suites}/**/*.test.ts',
      'test/report/**/*.test.ts',
      'test/host/{cpu-info,hardware,remote,results-files}.test.ts',
    ],
  },
});
