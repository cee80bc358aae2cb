/**
 * What `flopscope serve` and its page say to each other: the plan the host gives (GET /plan) and
 * the answer to posted results (POST /results). The page trusts the host; the host validates
 * the posted results with the results schema.
 */
/** Named sizes and parameter values, as plain records (the protocol sits below the kernel API). */
type Shape = Readonly<Record<string, number>>;
type Params = Readonly<Record<string, number>>;
import type { TimingOptions } from './messages.js';

/** Posted results larger than this are refused (413): a full run is well under 1 MiB. */
export const MAX_RESULTS_BYTES = 16 * 2 ** 20;

/** GET /plan: the cases of the suite asked for, checked by the host, and what the page's results record. */
export interface ServePlan {
  suite: string | null;
  sizes: number[] | null;
  cases: { kernel: string; shape: Shape; params: Params }[];
  timing: TimingOptions;
  seed: number;
  maxCheckedElements: number;
  measurePeak: boolean;
  /**
   * The user's kernels' shaders by kernel name (their modules are served as /user-kernels.js); absent without
   * a config.
   */
  shaders?:
    Record<string, { code: string; file: string | null; hash: string | null; module: string | null }> | undefined;
  /** The harness that serves the page (env.harness) and its Node.js version (env.host.node). */
  harness: { version: string; commit: string | null };
  node: string;
}

/** POST /results, 201: where the results were written (a name the host chose) and their table. */
export interface PostedResults {
  file: string;
  /** The terminal table of the results (src/report/table.ts). */
  table: string;
}

/** Any 4xx/5xx answer. */
export interface ServeError {
  error: string;
}

/** GET /suites: a suite the page offers. */
export interface ServeSuite {
  name: string;
  description: string;
}
