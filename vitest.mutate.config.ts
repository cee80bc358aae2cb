import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The unit tests Stryker runs against each mutant (`npm run mutate`): the tests of the mutated
// modules, none of which needs a browser. (Spread, not mergeConfig: that would append to
// `include` rather than replace it.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/flops/**/*.test.ts',
      'test/stats/**/*.test.ts',
      'test/results/**/*.test.ts',
      'test/specs/**/*.test.ts',
      'test/runner/**/*.test.ts',
    ],
  },
});
