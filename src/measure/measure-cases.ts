/**
 * Measuring planned cases on a runner, wherever it is: peaks first, then the cases (in rounds,
 * or as a search chooses them), each turned into a record as it finishes. A fault of the runner
 * itself (the browser exited, the page crashed, the device was lost) is recorded on the case it
 * hit, the runner recovers, and the run goes on; the same fault twice in a row stops the run
 * cleanly (RunStopped), every finished record kept. Uses no Node API, so the serve page runs
 * the very code `flopscope run` does.
 */
import { EnvironmentError } from '../errors.js';
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import type { CaseOutcome, FaultKind, ProgressEvent, TimingOptions } from '../protocol/messages.js';
import { applyPeaks, caseId, caseRecord, type PeakContext } from '../results/derive.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { abCase, measurePair, sideRecord, type AbPlan } from './ab.js';
import { measureCase } from './case.js';
import { notePeak, peakPlans, peakShape } from './peaks.js';
import type { PlannedCase } from './plan.js';
import { mergeRounds, roundTiming } from './rounds.js';
import type { Runner } from './runner.js';

/** How the cases are measured. */
export interface MeasureOptions {
  timing: TimingOptions;
  seed: number;
  maxCheckedElements: number;
  /** Measure the peaks first (fma-peak, copy: the denominators of the fractions of measured peak). */
  measurePeak: boolean;
  /** Also run peak kernels the adapter lacks features for, so that the results say so (`flopscope peaks`). */
  includeUnsupportedPeaks?: boolean | undefined;
  /**
   * Measure the cases in this many rounds (all cases, then all again...), each with its share of
   * the time budget, so that a case's samples span the run (src/measure/rounds.ts). Default 1.
   * Not with moreCases.
   */
  rounds?: number | undefined;
  /**
   * Cases chosen as the run goes (a tuning search): after the planned cases, `next` is given
   * every benchmark record so far and returns the cases to run next, until it returns none.
   */
  moreCases?: { next(records: readonly CaseRecord[]): PlannedCase[]; expected: number } | undefined;
  /** Aborted: stop before the next case (and never restart the runner), the finished records kept. */
  signal?: AbortSignal | undefined;
  /**
   * Measure every case in this many fresh browser processes, one after the other, each with its
   * rounds; the case's interval then holds where a rerun would land (src/stats/ci.ts
   * rerunHalfWidth). Default 1.
   */
  launches?: number | undefined;
  /** An A/B run: these pairs, each side checked, then timed interleaved (src/measure/ab.ts), instead of the cases. */
  ab?: AbPlan | undefined;
}

/** What measuring reports as it goes. */
export interface MeasureHooks {
  caseStarted(index: number, total: number, label: string): void;
  caseProgress(event: ProgressEvent): void;
  caseFinished(record: CaseRecord): void;
  /** Called with the results after every change (the host writes them to disk). */
  save(results: Results): void;
  /** A line for the user (a recovery, say). */
  log(line: string): void;
}

/** The hooks of a progress reporter: everything but saving (src/report/progress.ts). */
export type ProgressHooks = Omit<MeasureHooks, 'save'>;

/** What a fault is, in words. */
const FAULT_WORDS: Readonly<Record<FaultKind, string>> = {
  'browser-exited': 'the browser exited',
  'page-crashed': 'the runner page crashed',
  'device-lost': 'the GPU device was lost',
  disconnected: 'the connection to the browser was lost',
};

/** The run stopped on a fault it could not get past; every finished record was saved. */
export class RunStopped extends EnvironmentError {
  constructor(
    readonly fault: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

/** A label for progress lines. */
function caseLabel({ kernel, shape, workload }: PlannedCase): string {
  return `${workload ? `${workload.name} ${workload.layer}: ` : ''}${kernel.name} ${kernel.formatShape(shape)}`;
}

/**
 * Whether a resumed record needs no more measuring: it failed on its own (not on a fault of the
 * runner, which the resumed run may not meet), or it has all its rounds.
 */
function finished(record: CaseRecord, rounds: number): boolean {
  if (record.fault) return false;
  return record.status !== 'ok' || rounds === 1 || (record.timing?.roundMedians?.length ?? 1) >= rounds;
}

/**
 * Runs the cases on `runner`, adding a record per case to `results` (which arrives with env,
 * suite and reference peaks filled in, and the cases of an interrupted run when resuming: those
 * that finished are kept and not measured again). The caller marks the results complete.
 */
export async function measureCases(
  runner: Runner,
  cases: readonly PlannedCase[],
  options: MeasureOptions,
  results: Results,
  hooks: MeasureHooks,
): Promise<Results> {
  const peakContext = (): PeakContext => ({
    measured: results.peaks.measured,
    reference: results.peaks.reference ?? null,
  });
  let lastFault: FaultKind | null = null;
  /** Set when the last case's fault ends the run; thrown once its record is saved. */
  let pendingStop: RunStopped | null = null;

  /**
   * Runs `work` (one case, or an A/B pair); when an outcome it gives met a fault of the runner,
   * says so on it and recovers the runner (or marks the run to stop once it is recorded).
   */
  const guarded = async <T>(
    label: string,
    work: () => Promise<T>,
    outcomesOf: (result: T) => CaseOutcome[],
  ): Promise<T> => {
    options.signal?.throwIfAborted();
    const result = await work();
    // A case cut short by the abort is not recorded: its record would be of the abort, not the kernel.
    options.signal?.throwIfAborted();
    const faulted = outcomesOf(result).filter((outcome) => outcome.fault);
    const fault = faulted[0]?.fault;
    if (!fault) {
      lastFault = null;
      return result;
    }
    const words = FAULT_WORDS[fault];
    const detail = faulted[0]!.message;
    for (const outcome of faulted)
      outcome.message = `${words} during this case${outcome.message ? ` (${outcome.message})` : ''}`;
    if (lastFault === fault)
      pendingStop = new RunStopped(fault, `${words} twice in a row (${detail ?? 'no detail'}): stopped`);
    else if (!runner.recover)
      pendingStop = new RunStopped(
        fault,
        `${words} (${detail ?? 'no detail'}) and this runner cannot be restarted: stopped`,
      );
    else {
      try {
        hooks.log(`flopscope: ${words} during ${label}; restarting it and going on`);
        await runner.recover(fault);
      } catch (error) {
        pendingStop = new RunStopped(
          fault,
          `${words} and could not be restarted (${(error as Error).message.split('\n')[0]}): stopped`,
        );
      }
    }
    lastFault = fault;
    return result;
  };
  /** Measures one case; after a fault, recovers the runner (or stops the run). */
  const runOne = (
    kernel: KernelDescriptor,
    shape: Shape,
    params: Params,
    timing: TimingOptions,
  ): Promise<CaseOutcome> =>
    guarded(
      `${kernel.name} ${kernel.formatShape(shape)}`,
      () =>
        measureCase(runner, kernel, shape, params, {
          seed: options.seed,
          timing,
          maxCheckedElements: options.maxCheckedElements,
          onProgress: hooks.caseProgress,
        }),
      (outcome) => [outcome],
    );
  /** Adds a record (or replaces the one at `index`), saves and reports it; stops the run after a fatal fault. */
  const record = (entry: CaseRecord, index?: number) => {
    if (index === undefined) results.cases.push(entry);
    else results.cases[index] = entry;
    hooks.save(results);
    hooks.caseFinished(entry);
    if (pendingStop) throw pendingStop;
  };
  const benchmarkRecord = ({ kernel, shape, params, workload }: PlannedCase, outcome: CaseOutcome): CaseRecord => ({
    ...caseRecord(kernel, shape, params, 'benchmark', outcome, peakContext()),
    ...(workload ? { workload } : {}),
  });

  const device = runner.device;
  const rounds = options.moreCases ? 1 : (options.rounds ?? 1);
  if (!(Number.isInteger(rounds) && rounds >= 1))
    throw new RangeError(`rounds must be a whole number >= 1, got ${rounds}`);
  const launches = options.moreCases || options.ab ? 1 : (options.launches ?? 1);
  if (!(Number.isInteger(launches) && launches >= 1))
    throw new RangeError(`launches must be a whole number >= 1, got ${launches}`);
  if (launches > 1 && !runner.restart)
    throw new EnvironmentError(
      '--launches needs a runner that can start again (a browser); Dawn in this process cannot: drop --launches, or run it as separate processes',
    );
  const plans = options.measurePeak
    ? peakPlans(device.features, device.limits, {
        bandwidth: true,
        includeUnsupported: options.includeUnsupportedPeaks ?? false,
      })
    : [];
  // A resumed run keeps its peaks when it has a record of every peak kernel.
  const resumedPeaks =
    plans.length > 0 &&
    plans.every((peak) => results.cases.some((c) => c.role === 'peak' && c.kernel === peak.kernel.name));
  if (!resumedPeaks) {
    results.cases = results.cases.filter((c) => c.role !== 'peak');
    results.peaks.measured = { computeGflops: null, computeCaseId: null };
  }
  const peakRuns = resumedPeaks ? 0 : plans.reduce((sum, peak) => sum + peak.configurations.length, 0);
  const total = peakRuns + cases.length * rounds * launches + (options.moreCases?.expected ?? 0);
  let started = 0;
  for (const peak of resumedPeaks ? [] : plans) {
    const { kernel } = peak;
    const found = peak.shape ? { shape: peak.shape, failed: null } : await peakShape(runOne, kernel, options.timing);
    if (found.failed) {
      started += peak.configurations.length;
      record(caseRecord(kernel, found.shape, kernel.defaultParams, 'peak', found.failed, peakContext()));
      continue;
    }
    for (const params of peak.configurations) {
      hooks.caseStarted(++started, total, `${kernel.name} ${kernel.formatShape(found.shape)} (measured peak)`);
      const entry = caseRecord(
        kernel,
        found.shape,
        params,
        'peak',
        await runOne(kernel, found.shape, params, options.timing),
        peakContext(),
      );
      notePeak(results.peaks.measured, peak.kind, entry);
      record(entry);
    }
  }
  // The peak cases' own fraction of the peak is known only once all of them ran.
  for (const entry of results.cases) applyPeaks(entry, peakContext());
  hooks.save(results);

  if (options.ab) {
    await measurePairs(options.ab);
  } else if (rounds > 1 || launches > 1 || !options.moreCases) {
    await measureInRounds(cases, rounds);
  } else {
    const benchmark = () => results.cases.filter((c) => c.role === 'benchmark');
    let queue = cases.length > 0 ? [...cases] : options.moreCases.next([]);
    for (let i = 0; queue.length > 0; i++) {
      const planned = queue.shift()!;
      hooks.caseStarted(peakRuns + i + 1, Math.max(total, peakRuns + i + 1), caseLabel(planned));
      record(benchmarkRecord(planned, await runOne(planned.kernel, planned.shape, planned.params, options.timing)));
      if (queue.length === 0) queue = options.moreCases.next(benchmark());
    }
  }
  return results;

  /** Each pair: both sides checked and timed interleaved, their records and the A/B case after each. */
  async function measurePairs(ab: AbPlan): Promise<void> {
    results.ab ??= {
      threshold: ab.threshold,
      confidence: 0.95,
      base: ab.base,
      candidate: ab.candidate,
      cases: [],
      regressions: 0,
    };
    const summary = results.ab;
    for (const [i, pair] of ab.pairs.entries()) {
      const { kernel, shape } = pair.candidate;
      hooks.caseStarted(
        peakRuns + i + 1,
        peakRuns + ab.pairs.length,
        `${kernel.name} ${kernel.formatShape(shape)} (base and candidate interleaved)`,
      );
      const measured = await guarded(
        `${kernel.name} ${kernel.formatShape(shape)}`,
        () =>
          measurePair(runner, pair, {
            seed: options.seed,
            timing: options.timing,
            maxCheckedElements: options.maxCheckedElements,
          }),
        (outcome) => [outcome.base, outcome.candidate],
      );
      const base = sideRecord(benchmarkRecord(pair.base, measured.base), 'base');
      const candidate = sideRecord(benchmarkRecord(pair.candidate, measured.candidate), 'candidate');
      summary.cases.push(abCase(kernel, shape, base, candidate, measured.ratios, ab.threshold));
      summary.regressions = summary.cases.filter((c) => c.verdict === 'slower').length;
      results.cases.push(base);
      record(candidate);
    }
  }

  /**
   * Every case once per round; each case's record holds all its rounds so far (a partial save
   * keeps them). A resumed case that finished is kept; one with some rounds is measured again.
   */
  async function measureInRounds(planned: readonly PlannedCase[], count: number): Promise<void> {
    const outcomes: CaseOutcome[][] = planned.map(() => []);
    /** The launch each outcome of a case ran in. */
    const launchOf: number[][] = planned.map(() => []);
    // A case planned twice (the same size given twice) matches the resumed records one each.
    const claimed = new Set<number>();
    const indices = planned.map(({ kernel, shape, params }) => {
      const id = caseId(kernel, shape, params);
      const at = results.cases.findIndex((c, index) => c.role === 'benchmark' && c.id === id && !claimed.has(index));
      if (at >= 0) claimed.add(at);
      if (at >= 0 && finished(results.cases[at]!, count * launches)) return { at, done: true };
      return { at: at >= 0 ? at : undefined, done: false };
    });
    const timing = roundTiming(options.timing, count * launches);
    let done = peakRuns;
    for (let launch = 0; launch < launches; launch++) {
      if (launch > 0) {
        options.signal?.throwIfAborted();
        hooks.log(`flopscope: launch ${launch + 1}/${launches}: a fresh browser`);
        await runner.restart!();
      }
      for (let round = 0; round < count; round++) {
        for (const [i, entry] of planned.entries()) {
          done++;
          const slot = indices[i]!;
          // A case that failed, or was skipped, in its first round is not measured again.
          if (slot.done || (outcomes[i]!.length > 0 && outcomes[i]![0]!.status !== 'ok')) continue;
          const where = [
            launches > 1 ? `launch ${launch + 1}/${launches}` : null,
            count > 1 ? `round ${round + 1}/${count}` : null,
          ]
            .filter(Boolean)
            .join(', ');
          hooks.caseStarted(done, total, where ? `${caseLabel(entry)} (${where})` : caseLabel(entry));
          outcomes[i]!.push(await runOne(entry.kernel, entry.shape, entry.params, timing));
          launchOf[i]!.push(launch);
          const merged = mergeRounds(outcomes[i]!, launches > 1 ? launchOf[i] : undefined);
          if (slot.at === undefined) {
            slot.at = results.cases.length;
            record(benchmarkRecord(entry, merged));
          } else record(benchmarkRecord(entry, merged), slot.at);
        }
      }
    }
  }
}
