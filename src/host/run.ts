/**
 * One run, end to end: launch the browser, serve the runner, get the adapter, check the plan
 * against its limits, measure the peak, run every case, and write results as it goes.
 */
import { checkConfiguration } from '../kernels/limits.js';
import type { KernelDescriptor, Params, Shape } from '../kernels/types.js';
import type { CaseOutcome, CaseRequest, DeviceReport, ProgressEvent, TimingOptions } from '../protocol/messages.js';
import { applyPeaks, caseRecord, type PeakContext } from '../results/derive.js';
import { resolveReferencePeaks, type PeakRequest } from '../specs/reference.js';
import { readCpuInfo } from './cpu-info.js';
import { RESULTS_SCHEMA, type CaseRecord, type Results } from '../results/schema.js';
import { ResultsWriter } from '../results/store.js';
import { ensureBrowser, launchBrowser, type LaunchedBrowser } from './browser.js';
import { harnessIdentity, hostIdentity } from './environment.js';
import { runnerDir } from './paths.js';
import { notePeak, peakPlans, peakShape } from './peaks.js';
import { serveStatic } from './server.js';
import { PeerPages } from './peer-session.js';
import { RunnerSession } from './session.js';
import { SOFTWARE_SCALE, type Workload } from '../../bench/workloads.js';
import { isSoftwareAdapter } from '../specs/match.js';
import { summarizeWorkloads } from '../results/workloads.js';
import { assertCasesFit, planWorkload, resolveForAdapter, type PlannedCase } from './suite-plan.js';

/** What one run needs to know. */
export interface RunOptions {
  cases: readonly PlannedCase[];
  suiteName: string | null;
  sizes: readonly number[] | null;
  timing: TimingOptions;
  seed: number;
  maxCheckedElements: number;
  /** Measure the peaks first (fma-peak, copy: the denominators of the fractions of measured peak). */
  measurePeak: boolean;
  /** Also run peak kernels the adapter lacks features for, so that the results say so (`flopscope peaks`). */
  includeUnsupportedPeaks?: boolean;
  /** What the user said about reference peaks (--gpu, --peak-tflops, --peak-bandwidth). */
  peakRequest: PeakRequest;
  extraFlags?: readonly string[];
  /** Final results path, or a function of the adapter that gives it (the default name includes the adapter). */
  out: string | ((device: DeviceReport) => string);
  /** Reports progress; writes nothing to stdout. */
  reporter: RunReporter;
  /** An already open runner to use (and close) instead of launching the browser. */
  runner?: RunnerHandle;
  /**
   * A model workload to run instead of `cases`, planned once the adapter is known (its kernels
   * depend on the adapter's features; `scale` null = full size on hardware, SOFTWARE_SCALE on a
   * software adapter).
   */
  workload?: { workload: Workload; scale: number | null };
  /** The --scale a scaled suite's shapes were shrunk by (recorded as suite.scale). */
  scale?: number;
  /**
   * Cases chosen as the run goes (a tuning search): after `cases`, `next` is given every
   * benchmark record so far and returns the cases to run next, until it returns none.
   */
  moreCases?: { next(records: readonly CaseRecord[]): PlannedCase[]; expected: number };
}

/** What a run tells the user while it goes. */
export interface RunReporter {
  log(line: string): void;
  caseStarted(index: number, total: number, label: string): void;
  caseProgress(event: ProgressEvent): void;
  caseFinished(record: CaseRecord): void;
}

/** What runs the cases: the runner page in a browser, or the runner in-process on Dawn. */
export interface CaseSession {
  /** The adapter the runner got. */
  readonly device: DeviceReport;
  runCase(request: CaseRequest): Promise<CaseOutcome>;
}

/** What the results record about the browser (or the runtime standing in for one). */
export type BrowserIdentity = Results['env']['browser'];

/** A runner, opened together with what it needs and closed together. */
export interface RunnerHandle {
  session: CaseSession;
  browser: BrowserIdentity;
  /** Peer pages (TF.js) in the same browser; absent where there is no browser (Dawn). */
  peers?: PeerPages;
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
    const peers = new PeerPages(browser, server.url);
    return {
      session,
      peers,
      browser: {
        version: await browser.version(),
        userAgent: session.device.userAgent,
        executable: launched.executable.path,
        source: launched.executable.source,
        flags: launched.flags,
      },
      close: async () => {
        await peers.close();
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
  const runner = options.runner ?? (await openRunner({ extraFlags: options.extraFlags, log: reporter.log, onProgress: (event) => reporter.caseProgress(event) }));
  try {
    const { session } = runner;
    const device = session.device;
    const workloadScale = options.workload ? (options.workload.scale ?? (isSoftwareAdapter(device.adapter) ? SOFTWARE_SCALE : 1)) : null;
    const plannedCases = resolveForAdapter(options.workload ? planWorkload(options.workload.workload, device.features, workloadScale!) : options.cases, device.adapter);
    assertCasesFit(plannedCases, device.limits);
    const path = typeof options.out === 'function' ? options.out(device) : options.out;
    const writer = new ResultsWriter(path);
    const results: Results = {
      schema: RESULTS_SCHEMA,
      complete: false,
      env: {
        harness: harnessIdentity(),
        browser: runner.browser,
        adapter: device.adapter,
        features: device.features,
        limits: device.limits,
        host: hostIdentity(),
        startedAt: new Date().toISOString(),
        finishedAt: null,
      },
      suite: {
        name: options.suiteName,
        kernels: [...new Set(plannedCases.map((c) => c.kernel.name))],
        sizes: options.sizes ? [...options.sizes] : null,
        seed: options.seed,
        timing: options.timing,
        ...(options.scale !== undefined ? { scale: options.scale } : {}),
      },
      peaks: { measured: { computeGflops: null, computeCaseId: null }, reference: null },
      cases: [],
    };
    const resolved = resolveReferencePeaks(device.adapter, options.peakRequest, await readCpuInfo().catch(() => null));
    results.peaks.reference = resolved.reference;
    if (resolved.missing !== undefined) results.peaks.referenceMissing = resolved.missing;
    const peakContext = (): PeakContext => ({ measured: results.peaks.measured, reference: results.peaks.reference ?? null });
    writer.save(results);

    const runOne = async (kernel: KernelDescriptor, shape: Shape, params: Params, timing: TimingOptions): Promise<CaseOutcome> => {
      const violation = checkConfiguration(kernel, shape, params, device.limits);
      if (violation) return { status: 'unsupported', message: `skipped: ${violation.message}`, correctness: null, timing: null };
      if (kernel.peer) {
        const request = { kernel: kernel.name, shape, params, seed: options.seed, timing, maxCheckedElements: options.maxCheckedElements };
        if (!runner.peers) return { status: 'unsupported', message: `${kernel.name} runs on a browser page (${kernel.peer}): not available with --dawn`, correctness: null, timing: null };
        return runner.peers.runCase(kernel.peer, request);
      }
      return session.runCase({ kernel: kernel.name, shape, params, seed: options.seed, timing, maxCheckedElements: options.maxCheckedElements });
    };
    const record = (entry: CaseRecord) => {
      results.cases.push(entry);
      writer.save(results);
      reporter.caseFinished(entry);
    };

    const plans = options.measurePeak ? peakPlans(device.features, { bandwidth: true, includeUnsupported: options.includeUnsupportedPeaks ?? false }) : [];
    const peakRuns = plans.reduce((sum, plan) => sum + plan.configurations.length, 0);
    const total = peakRuns + plannedCases.length + (options.moreCases?.expected ?? 0);
    let started = 0;
    for (const plan of plans) {
      const { kernel } = plan;
      const found = plan.shape ? { shape: plan.shape, failed: null } : await peakShape(runOne, kernel, options.timing);
      if (found.failed) {
        started += plan.configurations.length;
        record(caseRecord(kernel, found.shape, kernel.defaultParams, 'peak', found.failed, peakContext()));
        continue;
      }
      for (const params of plan.configurations) {
        reporter.caseStarted(++started, total, `${kernel.name} ${kernel.formatShape(found.shape)} (measured peak)`);
        const entry = caseRecord(kernel, found.shape, params, 'peak', await runOne(kernel, found.shape, params, options.timing), peakContext());
        notePeak(results.peaks.measured, plan.kind, entry);
        record(entry);
      }
    }
    // The peak cases' own fraction of the peak is known only once all of them ran.
    for (const entry of results.cases) applyPeaks(entry, peakContext());
    writer.save(results);

    const benchmark = () => results.cases.filter((c) => c.role === 'benchmark');
    let queue = plannedCases.length > 0 || !options.moreCases ? [...plannedCases] : options.moreCases.next([]);
    for (let i = 0; queue.length > 0; i++) {
      const { kernel, shape, params, workload } = queue.shift()!;
      const label = workload ? `${workload.name} ${workload.layer}: ` : '';
      reporter.caseStarted(peakRuns + i + 1, Math.max(total, peakRuns + i + 1), `${label}${kernel.name} ${kernel.formatShape(shape)}`);
      const outcome = await runOne(kernel, shape, params, options.timing);
      record({ ...caseRecord(kernel, shape, params, 'benchmark', outcome, peakContext()), ...(workload ? { workload } : {}) });
      if (queue.length === 0 && options.moreCases) queue = options.moreCases.next(benchmark());
    }
    if (options.workload) {
      const { name, description } = options.workload.workload;
      results.suite.scale = workloadScale!;
      results.workloads = summarizeWorkloads([{ name, description, scale: workloadScale! }], results.cases, results.peaks);
    }

    results.complete = true;
    results.env.finishedAt = new Date().toISOString();
    writer.finish(results);
    return { results, path };
  } finally {
    await runner.close();
  }
}
