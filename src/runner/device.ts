/** Getting a WebGPU device with every feature flopscope can use, and describing it. */
import type { DeviceReport } from '../protocol/messages.js';

/**
 * Features always requested when the adapter has them: GPU timestamps (kernels add what they need:
 * ExecutorApi.init).
 */
const TIMING_FEATURES: readonly string[] = ['timestamp-query'];

/** An adapter, the device made from it and what the host is told about them. */
export interface GpuContext {
  adapter: GPUAdapter;
  device: GPUDevice;
  report: DeviceReport;
}

/** Thrown when the page cannot get WebGPU at all; the host turns it into an EnvironmentError. */
export class NoWebGpuError extends Error {
  override readonly name = 'NoWebGpuError';
}

function limitsRecord(limits: GPUSupportedLimits): Record<string, number> {
  const record: Record<string, number> = {};
  // GPUSupportedLimits exposes its values as prototype getters, so for..in is what finds them.
  for (const key in limits) {
    const value = (limits as unknown as Record<string, unknown>)[key];
    if (typeof value === 'number') record[key] = value;
  }
  return record;
}

/**
 * Requests the high-performance adapter and a device with the adapter's full limits (kernels
 * are checked against them), GPU timestamps and every `wanted` feature (those the kernels need) it has.
 */
export async function openGpu(wanted: readonly string[] = []): Promise<GpuContext> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    throw new NoWebGpuError(
      globalThis.isSecureContext !== false
        ? 'navigator.gpu is missing: this browser has WebGPU disabled'
        : 'navigator.gpu is missing: the page is not a secure context',
    );
  }
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new NoWebGpuError('navigator.gpu.requestAdapter() returned null: no WebGPU adapter');
  const requiredFeatures = [...new Set([...TIMING_FEATURES, ...wanted])].filter((feature) =>
    adapter.features.has(feature),
  ) as GPUFeatureName[];
  const requiredLimits: Record<string, number> = {};
  for (const [key, value] of Object.entries(limitsRecord(adapter.limits))) requiredLimits[key] = value;
  const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
  const info = adapter.info;
  return {
    adapter,
    device,
    report: {
      userAgent: navigator.userAgent,
      adapter: {
        vendor: info.vendor,
        architecture: info.architecture,
        device: info.device,
        description: info.description,
        isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter,
        subgroupMinSize: (info as GPUAdapterInfo & { subgroupMinSize?: number }).subgroupMinSize,
        subgroupMaxSize: (info as GPUAdapterInfo & { subgroupMaxSize?: number }).subgroupMaxSize,
      },
      features: [...adapter.features].sort(),
      limits: limitsRecord(device.limits),
      timestampQuery: device.features.has('timestamp-query'),
    },
  };
}
