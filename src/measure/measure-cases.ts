/**
 * Measuring planned cases on a runner, wherever it is: the page of a launched or remote browser,
 * Dawn in Node, or the page `flopscope serve` hands to any browser. Peaks first, then the cases,
 * each turned into a record as it finishes. Uses no Node API, so the serve page runs the very
 * code `flopscope run` does.
 */
import { checkConfiguration } from '../kernels/limits.js';
import type { KernelDescriptor, Params, Shape } from '../kernels/types.js';
import type { CaseOutcome, CaseRequest, DeviceReport, TimingOptions } from '../protocol/messages.js';
import { applyPeaks, caseRecord, type PeakContext } from '../results/derive.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { notePeak, peakPlans, peakShape } from './peaks.js';
import { mergeRounds, roundTiming } from './rounds.js';
import type { PlannedCase } from './plan.js';

/** What runs the cases: the runner page in a browser, or the runner in-process on Dawn. */
export interface CaseSession {
  /** The adapter the runner got. */
  readonly device: DeviceReport;
  runCase(request: CaseRequest): Promise<CaseOutcome>;
}

/** The cases to measure and how. */
export interface MeasurePlan {
  cases: readonly PlannedCase[];
  timing: TimingOptions;
  seed: number;
  maxCheckedElements: number;
  /** Measure the peaks first (fma-peak, copy: the denominators of the fractions of measured peak). */
  measurePeak: boolean;
  /** Also run peak kernels the adapter lacks features for, so that the results say so. */
  includeUnsupportedPeaks?: boolean | undefined;
  /**
   * Cases chosen as the run goes (a tuning search): after `cases`, `next` is given every
   * benchmark record so far and returns the cases to run next, until it returns none.
   */
  moreCases?: { next(records: readonly CaseRecord[]): PlannedCase[]; expected: number } | undefined;
  /**
   * Measure `cases` in this many rounds (all cases, then all again...), each with its share of
   * the time budget, so that a case's samples span the run (src/measure/rounds.ts). Default 1.
   * Not with moreCases.
   */
  rounds?: number | undefined;
}

/** What measuring reports as it goes. */
export interface MeasureHooks {
  caseStarted(index: number, total: number, label: string): void;
  caseFinished(record: CaseRecord): void;
  /** Called with the results after every change (the host writes them to disk). */
  save(results: Results): void;
}

/** The suite part of a results file for a plan. */
export function suiteInfo(plan: MeasurePlan, name: string | null, sizes: readonly number[] | null): Results['suite'] {
  return {
    name,
    kernels: [...new Set(plan.cases.map((c) => c.kernel.name))],
    sizes: sizes ? [...sizes] : null,
    seed: plan.seed,
    timing: plan.timing,
    ...((plan.rounds ?? 1) > 1 ? { rounds: plan.rounds } : {}),
  };
}

/**
 * Runs the plan on `session`, adding a record per case to `results` (which arrives with env,
 * suite and reference peaks filled in and no cases) and marking it complete at the end.
 */
export async function measureCases(session: CaseSession, plan: MeasurePlan, results: Results, hooks: MeasureHooks): Promise<Results> {
  const { device } = session;
  const peakContext = (): PeakContext => ({ measured: results.peaks.measured, reference: results.peaks.reference ?? null });
  const runOne = async (kernel: KernelDescriptor, shape: Shape, params: Params, timing: TimingOptions): Promise<CaseOutcome> => {
    const violation = checkConfiguration(kernel, shape, params, device.limits);
    if (violation) return { status: 'unsupported', message: `skipped: ${violation.message}`, correctness: null, timing: null };
    return session.runCase({ kernel: kernel.name, shape, params, seed: plan.seed, timing, maxCheckedElements: plan.maxCheckedElements });
  };
  /** Adds a record (or replaces the one at `index`), saves and reports it. */
  const record = (entry: CaseRecord, index?: number) => {
    if (index === undefined) results.cases.push(entry);
    else results.cases[index] = entry;
    hooks.save(results);
    hooks.caseFinished(entry);
  };
  const caseLabel = ({ kernel, shape, workload }: PlannedCase) => `${workload ? `${workload.name} ${workload.layer}: ` : ''}${kernel.name} ${kernel.formatShape(shape)}`;
  const benchmarkRecord = ({ kernel, shape, params, workload }: PlannedCase, outcome: CaseOutcome): CaseRecord => ({
    ...caseRecord(kernel, shape, params, 'benchmark', outcome, peakContext()),
    ...(workload ? { workload } : {}),
  });

  const plans = plan.measurePeak ? peakPlans(device.features, device.limits, { bandwidth: true, includeUnsupported: plan.includeUnsupportedPeaks ?? false }) : [];
  const peakRuns = plans.reduce((sum, peak) => sum + peak.configurations.length, 0);
  const rounds = plan.moreCases ? 1 : (plan.rounds ?? 1);
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`rounds must be a whole number >= 1, got ${rounds}`);
  const total = peakRuns + plan.cases.length * rounds + (plan.moreCases?.expected ?? 0);
  let started = 0;
  for (const peak of plans) {
    const { kernel } = peak;
    const found = peak.shape ? { shape: peak.shape, failed: null } : await peakShape(runOne, kernel, plan.timing);
    if (found.failed) {
      started += peak.configurations.length;
      record(caseRecord(kernel, found.shape, kernel.defaultParams, 'peak', found.failed, peakContext()));
      continue;
    }
    for (const params of peak.configurations) {
      hooks.caseStarted(++started, total, `${kernel.name} ${kernel.formatShape(found.shape)} (measured peak)`);
      const entry = caseRecord(kernel, found.shape, params, 'peak', await runOne(kernel, found.shape, params, plan.timing), peakContext());
      notePeak(results.peaks.measured, peak.kind, entry);
      record(entry);
    }
  }
  // The peak cases' own fraction of the peak is known only once all of them ran.
  for (const entry of results.cases) applyPeaks(entry, peakContext());
  hooks.save(results);

  if (rounds > 1) {
    await measureInRounds(plan.cases, rounds);
    return finish();
  }

  const benchmark = () => results.cases.filter((c) => c.role === 'benchmark');
  let queue = plan.cases.length > 0 || !plan.moreCases ? [...plan.cases] : plan.moreCases.next([]);
  for (let i = 0; queue.length > 0; i++) {
    const planned = queue.shift()!;
    hooks.caseStarted(peakRuns + i + 1, Math.max(total, peakRuns + i + 1), caseLabel(planned));
    record(benchmarkRecord(planned, await runOne(planned.kernel, planned.shape, planned.params, plan.timing)));
    if (queue.length === 0 && plan.moreCases) queue = plan.moreCases.next(benchmark());
  }
  return finish();

  /** Every case once per round; each case's record holds all its rounds so far (a partial save keeps them). */
  async function measureInRounds(cases: readonly PlannedCase[], count: number): Promise<void> {
    const outcomes: CaseOutcome[][] = cases.map(() => []);
    const firstIndex = results.cases.length;
    const timing = roundTiming(plan.timing, count);
    let done = peakRuns;
    for (let round = 0; round < count; round++) {
      for (const [i, planned] of cases.entries()) {
        done++;
        // A case that failed, or was skipped, in the first round is not measured again.
        if (round > 0 && outcomes[i]![0]!.status !== 'ok') continue;
        hooks.caseStarted(done, total, `${caseLabel(planned)} (round ${round + 1}/${count})`);
        outcomes[i]!.push(await runOne(planned.kernel, planned.shape, planned.params, timing));
        record(benchmarkRecord(planned, mergeRounds(outcomes[i]!)), round === 0 ? undefined : firstIndex + i);
      }
    }
  }

  function finish(): Results {
    results.complete = true;
    results.env.finishedAt = new Date().toISOString();
    return results;
  }
}
