/**
 * Device-limit checks every kernel configuration goes through before it is compiled, so an
 * impossible configuration is skipped with the limit it broke instead of crashing the device.
 */
import { BYTES_PER_ELEMENT, type DeviceLimits, type KernelDescriptor, type Params, type Shape } from '../api/types.js';

/** A configuration that breaks a device limit: which limit, and a sentence saying how. */
export interface LimitViolation {
  limit: string;
  message: string;
}

/** Bytes of a buffer of `length` elements of `type`. */
export function bufferBytes(spec: { type: keyof typeof BYTES_PER_ELEMENT; length: number }): number {
  return spec.length * BYTES_PER_ELEMENT[spec.type];
}

function over(limits: DeviceLimits, limit: string, value: number, what: string): LimitViolation | null {
  const max = limits[limit];
  if (max === undefined || value <= max) return null;
  return { limit, message: `${what} is ${value}, over this adapter's ${limit} (${max})` };
}

/** Buffer-size violations only: the part of a configuration that grows with the problem size. */
export function checkBufferLimits(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  limits: DeviceLimits,
): LimitViolation | null {
  for (const buffer of kernel.buffers(shape, params)) {
    const bytes = bufferBytes(buffer);
    const violation =
      over(limits, 'maxStorageBufferBindingSize', bytes, `buffer ${buffer.name} (bytes)`) ??
      over(limits, 'maxBufferSize', bytes, `buffer ${buffer.name} (bytes)`);
    if (violation) return violation;
  }
  return null;
}

/** The first device limit this configuration breaks, or null when it fits the device. */
export function checkDeviceLimits(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  limits: DeviceLimits,
): LimitViolation | null {
  const buffers = checkBufferLimits(kernel, shape, params, limits);
  if (buffers) return buffers;
  for (const stage of kernel.stages(shape, params)) {
    const [x, y, z] = stage.workgroupSize;
    const [gx, gy, gz] = stage.workgroups;
    const violation =
      over(limits, 'maxComputeInvocationsPerWorkgroup', x * y * z, `stage ${stage.name}: invocations per workgroup`) ??
      over(limits, 'maxComputeWorkgroupSizeX', x, `stage ${stage.name}: workgroup size x`) ??
      over(limits, 'maxComputeWorkgroupSizeY', y, `stage ${stage.name}: workgroup size y`) ??
      over(limits, 'maxComputeWorkgroupSizeZ', z, `stage ${stage.name}: workgroup size z`) ??
      over(
        limits,
        'maxComputeWorkgroupStorageSize',
        stage.workgroupStorageBytes,
        `stage ${stage.name}: workgroup storage (bytes)`,
      ) ??
      over(
        limits,
        'maxComputeWorkgroupsPerDimension',
        Math.max(gx, gy, gz),
        `stage ${stage.name}: workgroups in one dimension`,
      ) ??
      over(limits, 'maxStorageBuffersPerShaderStage', stage.bindings.length, `stage ${stage.name}: storage buffers`);
    if (violation) return violation;
  }
  return null;
}

/**
 * Largest one-number size (`--sizes N`) whose buffers fit the device, by bisection, or 0 when
 * none does. Used to tell a user which size to ask for instead.
 */
export function largestFittingSize(kernel: KernelDescriptor, params: Params, limits: DeviceLimits): number {
  const fits = (size: number) => checkBufferLimits(kernel, kernel.shapeFromSize(size), params, limits) === null;
  if (!fits(1)) return 0;
  let low = 1;
  let high = 2;
  while (fits(high) && high < 2 ** 40) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * Why this configuration cannot run here, or null: first the kernel's own rules (`checkConfig`,
 * reported as limit 'configuration'), then the device limits. Checked before anything is compiled.
 */
export function checkConfiguration(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  limits: DeviceLimits,
): LimitViolation | null {
  const invalid = kernel.checkConfig?.(shape, params) ?? null;
  if (invalid) return { limit: 'configuration', message: invalid };
  return checkDeviceLimits(kernel, shape, params, limits);
}
