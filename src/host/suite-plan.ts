/**
 * Turning what the user asked for (a suite, kernels, sizes) into the list of cases to run,
 * validated against the names flopscope knows and, once the adapter is known, its limits.
 */
import { SUITES, type AdapterClass, type Suite, type SuiteCase } from '../../bench/suites.js';
import { UsageError } from '../errors.js';
import { getKernel } from '../kernels/index.js';
import { checkBufferLimits, largestFittingSize } from '../kernels/limits.js';
import { applyParamOverrides } from '../kernels/params.js';
import type { DeviceLimits, KernelDescriptor, Params, Shape } from '../kernels/types.js';
import { isSoftwareAdapter, type AdapterIdentity } from '../specs/match.js';

/** A case ready to run. */
export interface PlannedCase {
  kernel: KernelDescriptor;
  shape: Shape;
  params: Params;
  /** Configurations per adapter class, applied over `params` once the adapter is known (`--param` still wins). */
  paramsByAdapter?: Partial<Record<AdapterClass, Params>>;
  /** `--param` values, kept to re-apply over an adapter's configuration. */
  overrides?: Params;
}

/** The class of adapter that tuned configurations are chosen for. */
export function adapterClass(adapter: AdapterIdentity): AdapterClass {
  return isSoftwareAdapter(adapter) ? 'software' : 'gpu';
}

/** The cases with their configuration for this adapter's class, where their suite has one. */
export function resolveForAdapter(cases: readonly PlannedCase[], adapter: AdapterIdentity): PlannedCase[] {
  const cls = adapterClass(adapter);
  return cases.map((planned) => {
    const tuned = planned.paramsByAdapter?.[cls];
    return tuned ? { ...planned, params: { ...planned.params, ...tuned, ...planned.overrides } } : planned;
  });
}

/** The suite with this name; a UsageError listing the valid names otherwise. */
export function getSuite(name: string): Suite {
  const suite = SUITES.find((s) => s.name === name);
  if (!suite) throw new UsageError(`unknown suite "${name}": choose one of ${SUITES.map((s) => s.name).join(', ')}`);
  return suite;
}

/** What was asked on the command line. */
export interface PlanRequest {
  suite?: string | undefined;
  kernels?: readonly string[] | undefined;
  sizes?: readonly number[] | undefined;
  /** Parameter values that replace the configured ones in every case (`--param KEY=VALUE`). */
  params?: Params | undefined;
}

/**
 * The cases of a request: `--kernel` alone runs those kernels at `--sizes` (or the quick
 * suite's sizes); with `--suite` it narrows the suite to those kernels.
 */
export function planCases(request: PlanRequest): PlannedCase[] {
  const kernels = request.kernels?.map(getKernel);
  const suite = request.suite !== undefined || !kernels ? getSuite(request.suite ?? 'quick') : null;
  const entries: SuiteCase[] = suite
    ? suite.cases(request.sizes ?? suite.defaultSizes).filter((entry) => !kernels || kernels.some((k) => k.name === entry.kernel))
    : kernels!.flatMap((kernel) => (request.sizes ?? getSuite('quick').defaultSizes).map((size) => ({ kernel: kernel.name, size })));
  if (entries.length === 0) {
    throw new UsageError(`suite "${suite!.name}" has no case for kernel ${request.kernels!.join(', ')}: drop --suite or pick a kernel the suite runs`);
  }
  return entries.map((entry) => {
    const kernel = getKernel(entry.kernel);
    return {
      kernel,
      shape: entry.shape ?? kernel.shapeFromSize(entry.size!),
      params: { ...applyParamOverrides(kernel, request.params ?? {}), ...entry.params, ...request.params },
      ...(entry.paramsByAdapter ? { paramsByAdapter: entry.paramsByAdapter } : {}),
      ...(request.params ? { overrides: request.params } : {}),
    };
  });
}

/**
 * Fails (UsageError) when a case's buffers cannot exist on this adapter, naming the limit and
 * the largest size that fits; nothing has been run or written at this point.
 */
export function assertCasesFit(cases: readonly PlannedCase[], limits: DeviceLimits): void {
  for (const { kernel, shape, params } of cases) {
    const violation = checkBufferLimits(kernel, shape, params, limits);
    if (!violation) continue;
    const largest = largestFittingSize(kernel, params, limits);
    throw new UsageError(
      `${kernel.name} at ${kernel.formatShape(shape)}: ${violation.message}; the largest size that fits is ${largest} (--sizes ${largest})`,
    );
  }
}
