/** The statistics of flopscope: pure functions over timing samples, for Node and the page alike. */

export * from './autocorrelation.js';
export * from './bootstrap.js';
export * from './ci.js';
export * from './compare.js';
export * from './distributions.js';
export * from './rng.js';
export * from './sorted.js';
export * from './stopping.js';
export * from './summary.js';
export * from './timer.js';
export * from './transient.js';
