/**
 * One run, end to end: launch the browser, serve the runner, get the adapter, check the plan
 * against its limits, measure the peak, run every case, and write results as it goes.
 */
import { measureCases, suiteInfo, type CaseSession } from '../measure/run.js';
import type { DeviceReport, ProgressEvent, TimingOptions } from '../protocol/messages.js';
import { resolveReferencePeaks, type PeakRequest } from '../specs/reference.js';
import { readCpuInfo } from './cpu-info.js';
import { RESULTS_SCHEMA, type CaseRecord, type Results } from '../results/schema.js';
import { ResultsWriter } from '../results/store.js';
import { EnvironmentError, UsageError } from '../errors.js';
import { assertDisplay, browserFromOption, ensureBrowser, launchBrowser, type BrowserChoice, type LaunchedBrowser } from './browser.js';
import { gpuDeviceNodes, hardwareFlagsFor, softwareAdapterWarning } from './hardware.js';
import { openRemoteRunner, parseEndpoint } from './remote.js';
import { harnessIdentity, hostIdentity } from './environment.js';
import { runnerDir } from './paths.js';
import { serveStatic } from './server.js';
import { PeerPages } from './peer-session.js';
import { getKernel } from '../kernels/index.js';
import { RunnerSession } from './session.js';
import { SOFTWARE_SCALE, type Workload } from '../../bench/workloads.js';
import { isSoftwareAdapter } from '../specs/match.js';
import { summarizeWorkloads } from '../results/workloads.js';
import { assertCasesFit, planWorkload, resolveForAdapter, type PlannedCase } from './suite-plan.js';
import { envForChromiumDiscovery, requestedBrowser } from './browser-kind.js';
import { openFirefoxRunner } from './firefox.js';
import { withImplementation } from '../results/implementation.js';
import type { AdapterInference } from '../specs/unnamed-adapter.js';

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
  /** Which browser, and how it is started or reached (default: found, launched headless). */
  browser?: BrowserChoice;
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
  /** Measure the cases in this many rounds (src/measure/rounds.ts); default 1. */
  rounds?: number;
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

export type { CaseSession };

/** What the results record about the browser (or the runtime standing in for one). */
export type BrowserIdentity = Results['env']['browser'];

/** A runner, opened together with what it needs and closed together. */
export interface RunnerHandle {
  session: CaseSession;
  browser: BrowserIdentity;
  /** The machine the runner is on when it is not this one (a remote browser), as it describes itself. */
  machine?: Results['env']['host'];
  /** Peer pages (TF.js) in the same browser; absent where there is no browser (Dawn). */
  peers?: PeerPages;
  /** What is known of an adapter that reports no name (Firefox), e.g. that it is lavapipe. */
  adapterInferred?: AdapterInference;
  close(): Promise<void>;
}

/**
 * Finds (or installs, or takes the --browser given) and launches the browser, serves the runner
 * and opens a session; or, with a WebSocket endpoint, connects to a browser running elsewhere.
 * Warns (through `log`) when the adapter is a software one on a machine that has a GPU.
 */
export async function openRunner(options: {
  extraFlags?: readonly string[] | undefined;
  browser?: BrowserChoice | undefined;
  log: (line: string) => void;
  onProgress?: (event: ProgressEvent) => void;
  onPageLog?: (line: string) => void;
}): Promise<RunnerHandle> {
  const choice = options.browser ?? {};
  if (choice.wsEndpoint !== undefined) {
    return openRemoteRunner({ endpoint: parseEndpoint(choice.wsEndpoint), onProgress: options.onProgress, onPageLog: options.onPageLog });
  }
  if (choice.headful) assertDisplay();
  const request = requestedBrowser(choice.executable);
  if (request.kind === 'firefox') {
    if (choice.hardwareFlags) throw new UsageError('--hardware-flags are Chromium flags: Firefox picks its WebGPU device itself (Vulkan on Linux): drop --hardware-flags');
    return openFirefoxRunner({ request, extraFlags: options.extraFlags, headful: choice.headful, log: options.log, onProgress: options.onProgress, onPageLog: options.onPageLog });
  }
  const hardware = choice.hardwareFlags ? hardwareFlagsFor(process.platform) : null;
  if (choice.hardwareFlags && !hardware) throw new UsageError(`--hardware-flags: flopscope knows no hardware flags for ${process.platform}: pass your GPU backend's flags with --browser-flag`);
  const executable = request.from === 'option' && request.executable !== null ? browserFromOption(request.executable) : ensureBrowser(options.log, envForChromiumDiscovery(request));
  const server = await serveStatic(runnerDir());
  let launched: LaunchedBrowser | null = null;
  try {
    launched = await launchBrowser({ executable, extraFlags: [...(hardware?.flags ?? []), ...(options.extraFlags ?? [])], headless: !choice.headful });
    let session: RunnerSession;
    try {
      session = await RunnerSession.open(launched.browser, server.url, {
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onPageLog ? { onPageLog: options.onPageLog } : {}),
      });
    } catch (error) {
      if (hardware && error instanceof EnvironmentError) {
        throw new EnvironmentError(
          `the browser gave no WebGPU adapter with --hardware-flags (${hardware.flags.join(' ')}): these need a working ${hardware.backend} driver for the GPU (docs/hardware.md); without one drop --hardware-flags and the software adapter is used`,
        );
      }
      throw error;
    }
    const warning = softwareAdapterWarning({ adapter: session.device.adapter, platform: process.platform, gpuNodes: gpuDeviceNodes(), hardwareFlagsUsed: hardware !== null });
    if (warning) options.log(`flopscope: warning: ${warning}`);
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
        protocol: 'cdp',
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
  const runner =
    options.runner ?? (await openRunner({ extraFlags: options.extraFlags, browser: options.browser, log: reporter.log, onProgress: (event) => reporter.caseProgress(event) }));
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
        browser: withImplementation(runner.browser),
        adapter: device.adapter,
        ...(runner.adapterInferred ? { adapterInferred: runner.adapterInferred } : {}),
        features: device.features,
        limits: device.limits,
        host: runner.machine ?? hostIdentity(),
        startedAt: new Date().toISOString(),
        finishedAt: null,
      },
      suite: { ...suiteInfo({ ...options, cases: plannedCases }, options.suiteName, options.sizes), ...(options.scale !== undefined ? { scale: options.scale } : {}) },
      peaks: { measured: { computeGflops: null, computeCaseId: null }, reference: null },
      cases: [],
    };
    // A software adapter's peak is estimated from the CPU it runs on: unknown for a browser on another machine.
    const cpu = runner.machine ? null : await readCpuInfo().catch(() => null);
    const resolved = resolveReferencePeaks(device.adapter, options.peakRequest, cpu, runner.adapterInferred);
    results.peaks.reference = resolved.reference;
    if (resolved.missing !== undefined) results.peaks.referenceMissing = resolved.missing;
    writer.save(results);
    // Peer kernels (TF.js) run on their own page in the same browser; the rest on the runner.
    const peers = runner.peers;
    const routed: CaseSession = {
      device,
      runCase: (request) => {
        const kernel = getKernel(request.kernel);
        if (!kernel.peer) return session.runCase(request);
        if (!peers) return Promise.resolve({ status: 'unsupported', message: `${kernel.name} runs on a browser page (${kernel.peer}): not available with --dawn or a remote browser`, correctness: null, timing: null });
        return peers.runCase(kernel.peer, request);
      },
    };
    await measureCases(routed, { ...options, cases: plannedCases }, results, {
      caseStarted: (index, total, label) => reporter.caseStarted(index, total, label),
      caseFinished: (entry) => reporter.caseFinished(entry),
      save: (partial) => writer.save(partial),
    });
    if (options.workload) {
      const { name, description } = options.workload.workload;
      results.suite.scale = workloadScale!;
      results.workloads = summarizeWorkloads([{ name, description, scale: workloadScale! }], results.cases, results.peaks);
    }
    writer.finish(results);
    return { results, path };
  } finally {
    await runner.close();
  }
}
