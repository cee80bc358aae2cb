/**
 * Getting a hardware adapter headless: the Chromium flags that select each OS's GPU backend
 * (docs/hardware.md), the GPU device nodes that say a Linux machine has a GPU, and the warning
 * printed when the browser gave a software adapter on a machine that has one.
 */
import { readdirSync } from 'node:fs';
import { isSoftwareAdapter, type AdapterIdentity } from '../specs/match.js';

/** The flags `--hardware-flags` adds on one OS, and what they do. */
export interface HardwareFlags {
  /** The GPU API Dawn (Chromium's WebGPU) runs on there. */
  backend: string;
  flags: readonly string[];
  /** Why these flags, for the docs and the warning. */
  why: string;
}

/**
 * Per OS. Linux: headless Chromium runs WebGPU on SwiftShader unless told to use Vulkan; the
 * first three are the command line of Chrome's write-up on headless GPU testing
 * (developer.chrome.com/blog/supercharge-web-ai-testing, github.com/jasonmayes/
 * headless-chrome-nvidia-t4-gpu-support: an NVIDIA T4 in Colab). Not yet run on a GPU here.
 * macOS and Windows: headless Chrome already runs on Metal / D3D12; what remains is choosing
 * the discrete GPU on dual-GPU machines (--use-webgpu-power-preference, as Chromium's WebGPU
 * CTS bots run it) and not letting the GPU blocklist hide a driver.
 */
export const HARDWARE_FLAGS: Readonly<Record<'linux' | 'darwin' | 'win32', HardwareFlags>> = {
  linux: {
    backend: 'Vulkan',
    flags: ['--enable-features=Vulkan', '--use-angle=vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist'],
    why: 'headless Chromium on Linux uses SwiftShader (software Vulkan) unless Vulkan is turned on; a driver with a Vulkan ICD must be installed',
  },
  darwin: {
    backend: 'Metal',
    flags: ['--use-webgpu-power-preference=force-high-performance', '--ignore-gpu-blocklist'],
    why: 'headless Chrome on macOS runs WebGPU on Metal already; these pick the discrete GPU of a dual-GPU Mac',
  },
  win32: {
    backend: 'D3D12',
    flags: ['--use-webgpu-power-preference=force-high-performance', '--ignore-gpu-blocklist'],
    why: 'headless Chrome on Windows runs WebGPU on D3D12 already; these pick the discrete GPU and ignore the blocklist',
  },
};

/** The hardware flags of `platform`, or null where flopscope knows none (other OSes). */
export function hardwareFlagsFor(platform: NodeJS.Platform): HardwareFlags | null {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32' ? HARDWARE_FLAGS[platform] : null;
}

/** Device nodes of GPUs on Linux: NVIDIA's, DRM render nodes (any vendor), AMD's compute node, WSL2's GPU. */
const GPU_NODE_PATTERNS: readonly { dir: string; pattern: RegExp }[] = [
  { dir: '/dev', pattern: /^nvidia\d+$/ },
  { dir: '/dev', pattern: /^kfd$/ },
  { dir: '/dev', pattern: /^dxg$/ },
  { dir: '/dev/dri', pattern: /^renderD\d+$/ },
];

/**
 * The GPU device nodes of this machine (e.g. ['/dev/nvidia0', '/dev/dri/renderD128']); [] when
 * there are none, null where the OS has no such nodes to look at (macOS, Windows).
 */
export function gpuDeviceNodes(
  platform: NodeJS.Platform = process.platform,
  list: (dir: string) => string[] = listDir,
): string[] | null {
  if (platform !== 'linux') return null;
  return GPU_NODE_PATTERNS.flatMap(({ dir, pattern }) =>
    list(dir)
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => `${dir}/${name}`),
  );
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** What the warning is decided from. */
export interface HardwareCheck {
  adapter: AdapterIdentity;
  platform: NodeJS.Platform;
  /** From gpuDeviceNodes: null when unknown (not Linux, or a browser on another machine). */
  gpuNodes: readonly string[] | null;
  /** Whether the browser was launched with the hardware flags already. */
  hardwareFlagsUsed: boolean;
}

/**
 * The warning for a software adapter on a machine that has a GPU (device nodes on Linux; every
 * Mac has one), naming the flags to try; null when the adapter is hardware or no GPU is known.
 */
export function softwareAdapterWarning(check: HardwareCheck): string | null {
  const software = isSoftwareAdapter(check.adapter);
  if (software === null) return null;
  let evidence: string;
  if (check.gpuNodes && check.gpuNodes.length > 0)
    evidence = `this machine has GPU device nodes (${check.gpuNodes.join(', ')})`;
  else if (check.platform === 'darwin') evidence = 'every Mac has a GPU';
  else return null;
  const flags = hardwareFlagsFor(check.platform);
  const advice = check.hardwareFlagsUsed
    ? `even with the hardware flags: check that the GPU driver${flags ? ` and its ${flags.backend} support` : ''} work outside the browser` +
      (check.platform === 'linux'
        ? ' (vulkaninfo --summary; the Vulkan loader libvulkan1 and the vendor ICD must be installed)'
        : '')
    : flags
      ? `try --hardware-flags (${flags.flags.join(' ')})`
      : 'try --headful, or pass the flags of your GPU backend with --browser-flag';
  return `the WebGPU adapter is ${software}, a software renderer on the CPU, but ${evidence}: ${advice}; see docs/hardware.md`;
}
