/**
 * Turning what the user asked for (a suite, kernels, sizes) into the list of cases to run,
 * validated against the kernels of the registry and, once the adapter is known, its limits; and
 * each case's configuration for that adapter: the kernel's defaults, its tuned configuration for
 * the adapter's class and size, the user's own saved for this very adapter, then --param. Pure.
 */
import type { SuiteDefinition } from '../api/config.js';
import { applyParamOverrides } from '../api/params.js';
import type { KernelRegistry } from '../api/registry.js';
import type { AdapterClass, DeviceLimits, KernelDescriptor, Params, Shape } from '../api/types.js';
import { UsageError } from '../errors.js';
import { BUILTIN_REGISTRY } from '../kernels/index.js';
import { isSoftwareAdapter, type AdapterIdentity } from '../specs/match.js';
import { configSuite, SUITES, type Suite, type SuiteCase } from '../suites/suites.js';
import { WORKLOADS, type Workload } from '../suites/workloads.js';
import { DEFAULT_SUITE } from './defaults.js';
import { checkBufferLimits, largestFittingSize } from './limits.js';
import type { SavedConfigurations } from './saved-configurations.js';

/** A case ready to run. */
export interface PlannedCase {
  kernel: KernelDescriptor;
  shape: Shape;
  params: Params;
  /** The one-number size the shape came from (what tuned configurations are keyed by), when it came from one. */
  size?: number | undefined;
  /**
   * Take the kernel's tuned configuration for the adapter (false: `params` is exactly what to run, as a
   * tuning search asks).
   */
  tuned?: boolean | undefined;
  /** The workload layer the case stands for (workload suites only). */
  workload?: { name: string; layer: string; repeat: number } | undefined;
  /** `--param` values, kept to re-apply over an adapter's configuration. */
  overrides?: Params | undefined;
}

/** What planning knows: the kernels and the suites (built in, and those of the user's config). */
export interface PlanContext {
  registry: KernelRegistry;
  /** The config's suites, after the built-in ones. */
  suites?: readonly SuiteDefinition[] | undefined;
  /** The suite run when none is named. */
  defaultSuite?: string | undefined;
}

const BUILTINS: PlanContext = { registry: BUILTIN_REGISTRY };

/** The class of adapter that tuned configurations are chosen for. */
export function adapterClass(adapter: AdapterIdentity): AdapterClass {
  return isSoftwareAdapter(adapter) ? 'software' : 'gpu';
}

/** The kernel's tuned configuration for this class of adapter at `size` (or for any size), if it has one. */
export function tunedParams(kernel: KernelDescriptor, cls: AdapterClass, size: number | undefined): Params | undefined {
  const bySize = kernel.tuned?.[cls];
  return (size !== undefined ? bySize?.[size] : undefined) ?? bySize?.[0];
}

/**
 * The cases with their configuration for this adapter: the kernel's tuned one for its class and
 * size, then a configuration `tune --save` recorded for this adapter (`saved`), then --param.
 */
export function resolveForAdapter(
  cases: readonly PlannedCase[],
  adapter: AdapterIdentity,
  saved?: SavedConfigurations,
): PlannedCase[] {
  const cls = adapterClass(adapter);
  return cases.map((planned) => {
    if (!planned.tuned) return planned;
    const tuned = tunedParams(planned.kernel, cls, planned.size);
    const own = saved?.lookup(planned.kernel, planned.shape);
    if (!tuned && !own) return planned;
    return { ...planned, params: { ...planned.params, ...tuned, ...own, ...planned.overrides } };
  });
}

/** Every suite: the built-in ones, then the config's. */
export function allSuites(context: PlanContext = BUILTINS): Suite[] {
  return [...SUITES, ...(context.suites ?? []).map(configSuite)];
}

/** Every name --suite accepts: the suites, then the model workloads. */
export function suiteNames(context: PlanContext = BUILTINS): string[] {
  return [...allSuites(context).map((s) => s.name), ...WORKLOADS.map((w) => w.name)];
}

/** The suite with this name; a UsageError listing the valid names otherwise. */
export function getSuite(name: string, context: PlanContext = BUILTINS): Suite {
  const suite = allSuites(context).find((s) => s.name === name);
  if (!suite) throw new UsageError(`unknown suite "${name}": choose one of ${suiteNames(context).join(', ')}`);
  return suite;
}

/** The suite a run measures when none is named: the config's default, else the quick suite. */
export function defaultSuiteName(context: PlanContext = BUILTINS): string {
  return context.defaultSuite ?? DEFAULT_SUITE;
}

/** The workload with this name, or undefined when `name` is not one. */
export function findWorkload(name: string | undefined): Workload | undefined {
  return WORKLOADS.find((w) => w.name === name);
}

/** The family whose fastest kernel runs each kind of layer, and the problem it must solve. */
const LAYER_FAMILIES = {
  gemm: { family: 'matmul', problem: 'gemm f32' },
  conv: { family: 'conv', problem: 'conv2d f32' },
} as const;

/**
 * The cases of a workload on this adapter: each layer on the fastest built-in kernel of its
 * family (the highest rank) whose features the adapter has, with its tuned configuration.
 */
export function planWorkload(
  workload: Workload,
  features: readonly string[],
  scale: number,
  registry: KernelRegistry = BUILTIN_REGISTRY,
): PlannedCase[] {
  return workload.layers(scale).map((layer) => {
    const { family, problem } = LAYER_FAMILIES[layer.kind];
    const kernel = registry.fastest(family, problem, features);
    if (!kernel) {
      throw new UsageError(
        `workload ${workload.name} needs a ${family} kernel (${problem}) that this adapter can run, and none is: pick another suite`,
      );
    }
    return {
      kernel,
      shape: layer.shape,
      params: { ...kernel.defaultParams },
      tuned: true,
      workload: { name: workload.name, layer: layer.label, repeat: layer.repeat },
    };
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
export function planCases(request: PlanRequest, context: PlanContext = BUILTINS): PlannedCase[] {
  const { registry } = context;
  const kernels = request.kernels?.map((name) => registry.get(name));
  const suite =
    request.suite !== undefined || !kernels ? getSuite(request.suite ?? defaultSuiteName(context), context) : null;
  if (request.scale !== undefined && !suite?.scaled) {
    const scaled = [
      ...allSuites(context)
        .filter((s) => s.scaled)
        .map((s) => s.name),
      ...WORKLOADS.map((w) => w.name),
    ];
    throw new UsageError(
      `--scale shrinks the shapes of ${scaled.join(', ')}: ${suite ? `suite ${suite.name} has` : '--kernel runs'} sizes instead (use --sizes)`,
    );
  }
  const entries: SuiteCase[] = suite
    ? suite
        .cases(registry, request.sizes ?? suite.defaultSizes, request.scale ?? 1)
        .filter((entry) =>
          kernels
            ? kernels.some((k) => k.name === entry.kernel)
            : !(suite.optIn?.(registry) ?? []).includes(entry.kernel),
        )
    : kernels!.flatMap((kernel) =>
        (request.sizes ?? getSuite(DEFAULT_SUITE).defaultSizes).map((size) => ({ kernel: kernel.name, size })),
      );
  if (entries.length === 0) {
    throw new UsageError(
      `suite "${suite!.name}" has no case for kernel ${request.kernels!.join(', ')}: drop --suite or pick a kernel the suite runs`,
    );
  }
  return entries.map((entry) => {
    const kernel = registry.get(entry.kernel);
    return {
      kernel,
      shape: entry.shape ?? kernel.shapeFromSize(entry.size!),
      params: { ...applyParamOverrides(kernel, request.params ?? {}), ...entry.params, ...request.params },
      ...(entry.size !== undefined ? { size: entry.size } : {}),
      tuned: true,
      ...(entry.workload ? { workload: entry.workload } : {}),
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
