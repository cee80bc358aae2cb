/**
 * One run, end to end: launch the browser, serve the runner, get the adapter, check the plan
 * against its limits, measure the peak, run every case, and write results as it goes.
 */
import { fmaPeak } from '../kernels/fma-peak.js';
import { checkDeviceLimits } from '../kernels/limits.js';
import type { KernelDescriptor, Params, Shape } from '../kernels/types.js';
import type { CaseOutcome, DeviceReport, ProgressEvent, TimingOptions } from '../protocol/messages.js';
import { caseRecord } from '../results/derive.js';
import { RESULTS_SCHEMA, type CaseRecord, type Results } from '../results/schema.js';
import { ResultsWriter } from '../results/store.js';
import { ensureBrowser, launchBrowser, type LaunchedBrowser } from './browser.js';
import { harnessIdentity, hostIdentity } from './environment.js';
import { runnerDir } from './paths.js';
import { peakConfigurations, peakShape } from './peaks.js';
import { serveStatic } from './server.js';
import { RunnerSession } from './session.js';
import { assertCasesFit, type PlannedCase } from './suite-plan.js';

/** What one run needs to know. */
export interface RunOptions {
  cases: readonly PlannedCase[];
  suiteName: string | null;
  sizes: readonly number[] | null;
  timing: TimingOptions;
  seed: number;
  maxCheckedElements: number;
  /** Measure fma-peak first (the denominator of fractionOfMeasuredPeak). */
  measurePeak: boolean;
  extraFlags?: readonly string[];
  /** Final results path, or a function of the adapter that gives it (the default name includes the adapter). */
  out: string | ((device: DeviceReport) => string);
  /** Reports progress; writes nothing to stdout. */
  reporter: RunReporter;
}

/** What a run tells the user while it goes. */
export interface RunReporter {
  log(line: string): void;
  caseStarted(index: number, total: number, label: string): void;
  caseProgress(event: ProgressEvent): void;
  caseFinished(record: CaseRecord): void;
}

/** A browser, the runner page and the server behind it, opened together and closed together. */
export interface RunnerHandle {
  session: RunnerSession;
  launched: LaunchedBrowser;
  close(): Promise<void>;
}

/** Finds (or installs) and launches the browser, serves the runner and opens a session. */
export async function openRunner(options: {
  extraFlags?: readonly string[] | undefined;
  log: (line: string) => void;
  onProgress?: (event: ProgressEvent) => void;
  onPageLog?: (line: string) => void;
}): Promise<RunnerHandle> {
  const executable = ensureBrowser(options.log);
  const server = await serveStatic(runnerDir());
  let launched: LaunchedBrowser | null = null;
  try {
    launched = await launchBrowser({ executable, extraFlags: options.extraFlags ?? [] });
    const session = await RunnerSession.open(launched.browser, server.url, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onPageLog ? { onPageLog: options.onPageLog } : {}),
    });
    const browser = launched.browser;
    return {
      session,
      launched,
      close: async () => {
        await session.close();
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await launched?.browser.close().catch(() => undefined);
    await server.close();
    throw error;
  }
}

/** Runs the planned cases; returns the completed results (also written to disk). */
export async function runCases(options: RunOptions): Promise<{ results: Results; path: string }> {
  const { reporter } = options;
  const runner = await openRunner({ extraFlags: options.extraFlags, log: reporter.log, onProgress: (event) => reporter.caseProgress(event) });
  try {
    const { session, launched } = runner;
    const device = session.device;
    assertCasesFit(options.cases, device.limits);
    const path = typeof options.out === 'function' ? options.out(device) : options.out;
    const writer = new ResultsWriter(path);
    const results: Results = {
      schema: RESULTS_SCHEMA,
      complete: false,
      env: {
        harness: harnessIdentity(),
        browser: {
          version: await launched.browser.version(),
          userAgent: device.userAgent,
          executable: launched.executable.path,
          source: launched.executable.source,
          flags: launched.flags,
        },
        adapter: device.adapter,
        features: device.features,
        limits: device.limits,
        host: hostIdentity(),
        startedAt: new Date().toISOString(),
        finishedAt: null,
      },
      suite: {
        name: options.suiteName,
        kernels: [...new Set(options.cases.map((c) => c.kernel.name))],
        sizes: options.sizes ? [...options.sizes] : null,
        seed: options.seed,
        timing: options.timing,
      },
      peaks: { measured: { computeGflops: null, computeCaseId: null } },
      cases: [],
    };
    writer.save(results);

    const runOne = async (kernel: KernelDescriptor, shape: Shape, params: Params, timing: TimingOptions): Promise<CaseOutcome> => {
      const violation = checkDeviceLimits(kernel, shape, params, device.limits);
      if (violation) return { status: 'unsupported', message: `skipped: ${violation.message}`, correctness: null, timing: null };
      return session.runCase({ kernel: kernel.name, shape, params, seed: options.seed, timing, maxCheckedElements: options.maxCheckedElements });
    };
    const record = (entry: CaseRecord) => {
      results.cases.push(entry);
      writer.save(results);
      reporter.caseFinished(entry);
    };

    const peakRuns = options.measurePeak ? peakConfigurations().length : 0;
    const total = peakRuns + options.cases.length;
    if (options.measurePeak) {
      const found = await peakShape((s, p, t) => runOne(fmaPeak, s, p, t), options.timing);
      if ('failed' in found) {
        record(caseRecord(fmaPeak, found.shape, fmaPeak.defaultParams, 'peak', found.failed, null));
      } else {
        for (const [i, params] of peakConfigurations().entries()) {
          reporter.caseStarted(i + 1, total, `${fmaPeak.name} ${fmaPeak.formatShape(found.shape)} (measured peak)`);
          const entry = caseRecord(fmaPeak, found.shape, params, 'peak', await runOne(fmaPeak, found.shape, params, options.timing), null);
          record(entry);
          if (entry.gflops !== null && entry.gflops > (results.peaks.measured.computeGflops ?? 0)) {
            results.peaks.measured = { computeGflops: entry.gflops, computeCaseId: entry.id };
          }
        }
      }
      // The peak cases' own fraction of the peak is known only once all of them ran.
      const peak = results.peaks.measured.computeGflops;
      for (const entry of results.cases) {
        if (entry.gflops !== null && peak) entry.fractionOfMeasuredPeak = entry.gflops / peak;
      }
      writer.save(results);
    }

    for (const [i, { kernel, shape, params }] of options.cases.entries()) {
      reporter.caseStarted(peakRuns + i + 1, total, `${kernel.name} ${kernel.formatShape(shape)}`);
      const outcome = await runOne(kernel, shape, params, options.timing);
      record(caseRecord(kernel, shape, params, 'benchmark', outcome, results.peaks.measured.computeGflops));
    }

    results.complete = true;
    results.env.finishedAt = new Date().toISOString();
    writer.finish(results);
    return { results, path };
  } finally {
    await runner.close();
  }
}
