// Mutation testing of the pure modules and the output checker: `npm run mutate`.
// One module at a time: `npm run mutate -- --mutate 'src/stats/**/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/flops/**/*.ts',
    'src/stats/**/*.ts',
    'src/results/**/*.ts',
    'src/specs/match.ts',
    'src/measure/check.ts',
    'src/report/numbers.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two shared cores: more runners only queue for them.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['/dist', '/results', '/test-artifacts', '/reports'],
  tempDirName: '.stryker-tmp',
};
