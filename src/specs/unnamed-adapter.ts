/**
 * What can be said about an adapter that reports no name. Firefox fills none of
 * GPUAdapterInfo's vendor, architecture, device and description (Gecko's dom/webgpu/Adapter.h
 * returns empty strings), and gives only `isFallbackAdapter`, which it sets when wgpu reports
 * the device type Cpu (Adapter::IsFallbackAdapter in dom/webgpu/Adapter.cpp): for Vulkan,
 * VK_PHYSICAL_DEVICE_TYPE_CPU, which lavapipe and SwiftShader report. Which CPU driver it is
 * follows from the drivers installed on the machine, when the browser runs on this one and only
 * one CPU driver is installed. Pure.
 */
import type { AdapterIdentity } from './match.js';

/** The name given to an adapter that reports none. */
export const UNNAMED_ADAPTER = 'unnamed adapter';

/** What was inferred about an unnamed adapter, and from what. */
export interface AdapterInference {
  /** 'lavapipe', or a description when the driver cannot be told ('a CPU (software) adapter'). */
  name: string;
  /** It renders on the CPU: its reference peak is the host CPU's estimate. */
  software: boolean;
  /** The evidence, in words, for the results and the report. */
  how: string;
}

/** True when the adapter reports no name at all. */
export function isUnnamedAdapter(adapter: AdapterIdentity): boolean {
  return [adapter.vendor, adapter.architecture, adapter.device, adapter.description].every(
    (field) => field.trim() === '',
  );
}

/**
 * The inference for an unnamed adapter flagged as a fallback (CPU) adapter; null when the adapter
 * has a name or is not flagged (then nothing is known: --gpu NAME gives its vendor peak).
 * `cpuDrivers`: the CPU renderers among the Vulkan drivers installed where the browser runs
 * (src/host/vulkan-drivers.ts), or null when that machine is not this one.
 */
export function inferUnnamedAdapter(
  adapter: AdapterIdentity,
  context: { browser: string; cpuDrivers: readonly string[] | null },
): AdapterInference | null {
  if (!isUnnamedAdapter(adapter) || adapter.isFallbackAdapter !== true) return null;
  const flagged = `${context.browser} reports no adapter name, only isFallbackAdapter, which it sets for a CPU device`;
  const drivers = context.cpuDrivers;
  if (drivers === null)
    return {
      name: 'a CPU (software) adapter',
      software: true,
      how: `${flagged}; the browser runs on another machine, whose drivers flopscope cannot see`,
    };
  const distinct = [...new Set(drivers)];
  if (distinct.length === 1)
    return {
      name: distinct[0]!,
      software: true,
      how: `${flagged}, and ${distinct[0]} is the only CPU Vulkan driver installed here`,
    };
  if (distinct.length > 1)
    return {
      name: `one of ${distinct.join(', ')}`,
      software: true,
      how: `${flagged}; several CPU Vulkan drivers are installed here (${distinct.join(', ')})`,
    };
  return {
    name: 'a CPU (software) adapter',
    software: true,
    how: `${flagged}; no CPU Vulkan driver is installed here that flopscope knows by name`,
  };
}

/**
 * How reports name an adapter: its description, else vendor/architecture/device, else the inferred name or
 * 'unnamed adapter'.
 */
export function adapterDisplayName(adapter: AdapterIdentity, inferred?: AdapterInference | null): string {
  const named =
    adapter.description.trim() ||
    [adapter.vendor, adapter.architecture, adapter.device]
      .map((field) => field.trim())
      .filter(Boolean)
      .join(' ');
  if (named) return named;
  return inferred ? `${UNNAMED_ADAPTER} (${inferred.name}, inferred)` : UNNAMED_ADAPTER;
}
