/**
 * The Vulkan drivers (ICD manifests) installed on this machine, as the Vulkan loader finds them
 * on Linux: VK_DRIVER_FILES or VK_ICD_FILENAMES when set, else the icd.d folders under
 * /etc/vulkan, XDG_DATA_DIRS (default /usr/local/share:/usr/share) and ~/.local/share
 * (Vulkan-Loader's docs/LoaderDriverInterface.md, "Driver Discovery on Linux").
 *
 * Firefox runs WebGPU on Vulkan through wgpu and tells a page nothing about the adapter but
 * `isFallbackAdapter` (wgpu's DeviceType::Cpu, Gecko's dom/webgpu/Adapter.cpp): the drivers
 * installed are what names a CPU adapter on a machine flopscope launched the browser on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

/** One installed driver: its manifest and the library it loads. */
export interface VulkanIcd {
  manifest: string;
  library: string;
}

/** Vulkan drivers that render on the CPU, by the file name of their library. */
const CPU_DRIVERS: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /vulkan_lvp/, name: 'lavapipe' },
  { pattern: /swiftshader/, name: 'SwiftShader' },
];

/** The CPU renderer a driver library is ('lavapipe', 'SwiftShader'), or null for a GPU's driver. */
export function cpuRendererOf(library: string): string | null {
  const name = basename(library).toLowerCase();
  return CPU_DRIVERS.find((driver) => driver.pattern.test(name))?.name ?? null;
}

/** The folders the loader reads manifests from, in its order. */
export function icdFolders(env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const data = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return [
    '/etc/vulkan/icd.d',
    ...data.map((dir) => join(dir, 'vulkan/icd.d')),
    join(env.XDG_DATA_HOME || join(home, '.local/share'), 'vulkan/icd.d'),
  ];
}

/** The library a manifest names, or null when it is not one. */
export function manifestLibrary(text: string): string | null {
  try {
    const library = (JSON.parse(text) as { ICD?: { library_path?: unknown } }).ICD?.library_path;
    return typeof library === 'string' && library !== '' ? library : null;
  } catch {
    return null;
  }
}

/** The drivers installed here ([] on other systems, or when none is). */
export function installedVulkanIcds(env: NodeJS.ProcessEnv = process.env): VulkanIcd[] {
  const listed = (env.VK_DRIVER_FILES || env.VK_ICD_FILENAMES || '').split(':').filter(Boolean);
  const manifests =
    listed.length > 0
      ? listed
      : icdFolders(env).flatMap((dir) => {
          try {
            return readdirSync(dir)
              .filter((name) => name.endsWith('.json'))
              .sort()
              .map((name) => join(dir, name));
          } catch {
            return [];
          }
        });
  const icds: VulkanIcd[] = [];
  for (const manifest of manifests) {
    let text: string;
    try {
      text = readFileSync(manifest, 'utf8');
    } catch {
      continue;
    }
    const library = manifestLibrary(text);
    if (library) icds.push({ manifest, library });
  }
  return icds;
}
