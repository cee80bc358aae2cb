/**
 * A/B runs: a base and a candidate version of the same kernels (two revisions, two folders, or
 * two configurations of one kernel) measured in one browser session, each checked against the
 * CPU reference, then timed interleaved sample by sample (src/runner/interleave.ts) and judged on
 * the paired ratios (src/stats/paired.ts), so the drift of a noisy machine cancels. Pure over the
 * Runner interface.
 */
import type { KernelRegistry } from '../api/registry.js';
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import { UsageError } from '../errors.js';
import type { CaseOutcome, TimingOptions } from '../protocol/messages.js';
import type { AbCase, AbSide, CaseRecord } from '../results/schema.js';
import { judgeRatios } from '../stats/paired.js';
import { checkOutput, describeMismatch } from './check.js';
import { failedOutcome, skipOutcome } from './case.js';
import { buildProgram } from './program.js';
import { sampleIndices, seededInputs } from '../protocol/seeded-inputs.js';
import type { PlannedCase } from './plan.js';
import type { Runner } from './runner.js';

/** The two versions of one case. */
export interface AbPair {
  base: PlannedCase;
  candidate: PlannedCase;
}

/** What the core needs to run an A/B comparison. */
export interface AbPlan {
  pairs: readonly AbPair[];
  threshold: number;
  base: AbSide;
  candidate: AbSide;
}

/** The buffers of a case as a comparison sees them: names, types and lengths. */
function bufferKey(planned: PlannedCase): string {
  return JSON.stringify(
    planned.kernel
      .buffers(planned.shape, planned.params)
      .map(({ name, type, length, role }) => [name, type, length, role]),
  );
}

/**
 * The pairs of `candidates` (planned on the candidate's registry) with the same cases planned on
 * the base's registry: the same kernel name at the same shape, with the base's parameters over
 * them. A UsageError when the base has no kernel of a name, or when the two kernels would not
 * compute the same thing (another problem, other shapes or buffers).
 */
export function pairCases(
  candidates: readonly PlannedCase[],
  base: KernelRegistry,
  baseLabel: string,
  baseParams: Params = {},
): AbPair[] {
  return candidates.map((candidate) => {
    const kernel = base.find(candidate.kernel.name);
    if (!kernel)
      throw new UsageError(
        `the base (${baseLabel}) has no kernel ${candidate.kernel.name}: it has ${base.names.join(', ')}; compare kernels both sides have`,
      );
    const shape = candidate.size !== undefined ? kernel.shapeFromSize(candidate.size) : candidate.shape;
    const params = { ...kernel.defaultParams, ...candidate.params, ...baseParams };
    const overrides = { ...candidate.overrides, ...baseParams };
    const planned: PlannedCase = {
      ...candidate,
      kernel,
      shape,
      params,
      ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    };
    const differs =
      kernel.problem !== candidate.kernel.problem
        ? `its problem is ${kernel.problem} in the base and ${candidate.kernel.problem} in the candidate`
        : kernel.formatShape(shape) !== candidate.kernel.formatShape(candidate.shape)
          ? `its shape is ${kernel.formatShape(shape)} in the base and ${candidate.kernel.formatShape(candidate.shape)} in the candidate`
          : bufferKey(planned) !== bufferKey(candidate)
            ? 'its buffers differ between the sides'
            : null;
    if (differs)
      throw new UsageError(`kernel ${kernel.name}: ${differs}: an A/B run compares two versions of one computation`);
    for (const key of Object.keys(baseParams)) {
      if (!(key in kernel.paramSpace))
        throw new UsageError(
          `--base-param ${key}: ${kernel.name} has no parameter ${key}: its parameters are ${Object.keys(kernel.paramSpace).join(', ')}`,
        );
    }
    return { base: planned, candidate };
  });
}

/** What measuring one pair gives: each side's outcome, and the ratios when both were timed. */
export interface PairOutcome {
  base: CaseOutcome;
  candidate: CaseOutcome;
  ratios: number[];
}

/** Builds a side on the runner and checks its output; the handle to time it, or its outcome. */
async function prepareChecked(
  runner: Runner,
  { kernel, shape, params }: PlannedCase,
  seed: number,
  maxChecked: number,
): Promise<{ handle: number; outcome: CaseOutcome } | { outcome: CaseOutcome }> {
  const skipped = skipOutcome(kernel, shape, params, runner.device);
  if (skipped) return { outcome: skipped };
  const program = buildProgram(kernel, shape, params, seed, maxChecked);
  const prepared = await runner.prepare(program);
  if (!prepared.ok) return { outcome: failedOutcome(prepared.failure) };
  const output = program.buffers.find((buffer) => buffer.name === program.output)!;
  const indices = sampleIndices(output.length, program.maxChecked, program.seed);
  const correctness = checkOutput(
    kernel,
    shape,
    params,
    seededInputs(program.buffers, seed),
    indices,
    prepared.output,
    output.length,
  );
  if (!correctness.passed) {
    await runner.release(prepared.handle);
    return { outcome: { status: 'incorrect', message: describeMismatch(correctness), correctness, timing: null } };
  }
  return { handle: prepared.handle, outcome: { status: 'ok', correctness, timing: null } };
}

/** Measures both sides of a pair: each checked, then both timed interleaved. */
export async function measurePair(
  runner: Runner,
  pair: AbPair,
  options: { seed: number; timing: TimingOptions; maxCheckedElements: number },
): Promise<PairOutcome> {
  const base = await prepareChecked(runner, pair.base, options.seed, options.maxCheckedElements);
  const candidate = await prepareChecked(runner, pair.candidate, options.seed, options.maxCheckedElements);
  const handles = [base, candidate]
    .filter((side): side is { handle: number; outcome: CaseOutcome } => 'handle' in side)
    .map((side) => side.handle);
  try {
    if (!('handle' in base) || !('handle' in candidate))
      return { base: base.outcome, candidate: candidate.outcome, ratios: [] };
    const timed = await runner.timeInterleaved([base.handle, candidate.handle], options.timing);
    if (!timed.ok) {
      const failed = failedOutcome(timed.failure);
      return {
        base: { ...failed, correctness: base.outcome.correctness },
        candidate: { ...failed, correctness: candidate.outcome.correctness },
        ratios: [],
      };
    }
    return {
      base: { ...base.outcome, timing: timed.timings[0] },
      candidate: { ...candidate.outcome, timing: timed.timings[1] },
      ratios: timed.ratios,
    };
  } finally {
    for (const handle of handles) await runner.release(handle).catch(() => undefined);
  }
}

/** The record of one side: its own id (@base, @candidate) so both live in one results file. */
export function sideRecord(record: CaseRecord, side: 'base' | 'candidate'): CaseRecord {
  return { ...record, id: `${record.id}@${side}`, side };
}

/** The A/B summary of a pair from its two records and ratios. */
export function abCase(
  kernel: KernelDescriptor,
  shape: Shape,
  base: CaseRecord,
  candidate: CaseRecord,
  ratios: readonly number[],
  threshold: number,
): AbCase {
  const common = {
    kernel: kernel.name,
    shape: { ...shape },
    shapeLabel: kernel.formatShape(shape),
    baseId: base.id,
    candidateId: candidate.id,
    ratios: [...ratios],
    codeChanged: base.source?.hash !== candidate.source?.hash,
  };
  if (base.status !== 'ok' || candidate.status !== 'ok' || ratios.length === 0) {
    const which = [
      base.status !== 'ok' ? `base: ${base.status}` : null,
      candidate.status !== 'ok' ? `candidate: ${candidate.status}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return {
      ...common,
      ratio: null,
      ci95: null,
      relHalfWidth: null,
      pValue: null,
      verdict: 'failed',
      note: which || 'no ratios',
    };
  }
  const judged = judgeRatios(ratios, threshold);
  return {
    ...common,
    ratio: judged.ratio,
    ci95: judged.ci,
    relHalfWidth: judged.relHalfWidth,
    pValue: judged.pValue,
    verdict: judged.verdict,
  };
}
