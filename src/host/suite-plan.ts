/**
 * Turning what the user asked for (a suite, kernels, sizes) into the list of cases to run,
 * validated against the names flopscope knows and, once the adapter is known, its limits.
 */
import { SUITES, TUNED_PARAMS, type AdapterClass, type Suite, type SuiteCase } from '../../bench/suites.js';
import { LAYER_KERNELS, WORKLOADS, type Workload } from '../../bench/workloads.js';
import { UsageError } from '../errors.js';
import { getKernel, KERNELS } from '../kernels/index.js';
import { checkBufferLimits, largestFittingSize } from '../kernels/limits.js';
import { applyParamOverrides } from '../kernels/params.js';
import type { DeviceLimits, KernelDescriptor, Params, Shape } from '../kernels/types.js';
import { isSoftwareAdapter, type AdapterIdentity } from '../specs/match.js';

/** A case ready to run. */
export interface PlannedCase {
  kernel: KernelDescriptor;
  shape: Shape;
  params: Params;
  /** The workload layer the case stands for (workload suites only). */
  workload?: { name: string; layer: string; repeat: number };
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

/** Every name --suite accepts: the suites, then the model workloads. */
export function suiteNames(): string[] {
  return [...SUITES.map((s) => s.name), ...WORKLOADS.map((w) => w.name)];
}

/** The suite with this name; a UsageError listing the valid names otherwise. */
export function getSuite(name: string): Suite {
  const suite = SUITES.find((s) => s.name === name);
  if (!suite) throw new UsageError(`unknown suite "${name}": choose one of ${suiteNames().join(', ')}`);
  return suite;
}

/** The workload with this name, or undefined when `name` is not one. */
export function findWorkload(name: string | undefined): Workload | undefined {
  return WORKLOADS.find((w) => w.name === name);
}

/**
 * The cases of a workload on this adapter: each layer on the first kernel of its kind that is
 * built in and whose features the adapter has, in its default configuration.
 */
export function planWorkload(workload: Workload, features: readonly string[], scale: number): PlannedCase[] {
  return workload.layers(scale).map((layer) => {
    const candidates = LAYER_KERNELS[layer.kind];
    const runnable = (name: string) => KERNELS.find((k) => k.name === name && (k.requiredFeatures ?? []).every((f) => features.includes(f)));
    const kernel = candidates.map(runnable).find((k) => k !== undefined);
    if (!kernel) {
      throw new UsageError(`workload ${workload.name} needs a ${layer.kind} kernel (${candidates.join(', ')}) that this adapter can run, and none is: pick another suite`);
    }
    // The kernel's general tuned configuration per adapter class (size 0 of TUNED_PARAMS), if any.
    const paramsByAdapter: Partial<Record<AdapterClass, Params>> = {};
    for (const cls of ['software', 'gpu'] as const) {
      const tuned = TUNED_PARAMS[cls][kernel.name]?.[0];
      if (tuned) paramsByAdapter[cls] = tuned;
    }
    return { kernel, shape: layer.shape, params: { ...kernel.defaultParams }, paramsByAdapter, workload: { name: workload.name, layer: layer.label, repeat: layer.repeat } };
  });
}

/** What was asked on the command line. */
export interface PlanRequest {
  suite?: string | undefined;
  kernels?: readonly string[] | undefined;
  sizes?: readonly number[] | undefined;
  /** Parameter values that replace the configured ones in every case (`--param KEY=VALUE`). */
  params?: Params | undefined;
  /** `--scale F`: shrinks the shapes of a scaled suite (only those accept it). */
  scale?: number | undefined;
}

/**
 * The cases of a request: `--kernel` alone runs those kernels at `--sizes` (or the quick
 * suite's sizes); with `--suite` it narrows the suite to those kernels, which may include the
 * suite's opt-in kernels (Suite.optIn), left out otherwise.
 */
export function planCases(request: PlanRequest): PlannedCase[] {
  const kernels = request.kernels?.map(getKernel);
  const suite = request.suite !== undefined || !kernels ? getSuite(request.suite ?? 'quick') : null;
  if (request.scale !== undefined && !suite?.scaled) {
    const scaled = [...SUITES.filter((s) => s.scaled).map((s) => s.name), ...WORKLOADS.map((w) => w.name)];
    throw new UsageError(`--scale shrinks the shapes of ${scaled.join(', ')}: ${suite ? `suite ${suite.name} has` : '--kernel runs'} sizes instead (use --sizes)`);
  }
  const entries: SuiteCase[] = suite
    ? suite.cases(request.sizes ?? suite.defaultSizes, request.scale ?? 1).filter((entry) => (kernels ? kernels.some((k) => k.name === entry.kernel) : !suite.optIn?.includes(entry.kernel)))
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
