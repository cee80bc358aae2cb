/** The hardware-adapter flags table, GPU device nodes and the software-adapter warning. */
import { describe, expect, it } from 'vitest';
import { HARDWARE_FLAGS, gpuDeviceNodes, hardwareFlagsFor, softwareAdapterWarning } from '../../src/host/hardware.js';

// What Chromium 156 reports here (SwiftShader, no GPU) and what an NVIDIA adapter looks like.
const swiftshader = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '0xc0de',
  description: 'SwiftShader Device (Subzero)',
  isFallbackAdapter: true,
};
const nvidia = {
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '0x2330',
  description: 'NVIDIA H100 80GB HBM3',
  isFallbackAdapter: false,
};
const lavapipe = { vendor: 'mesa', architecture: '', device: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' };

describe('hardware flags', () => {
  it("turns Vulkan on for headless Linux, as Chrome's headless GPU write-up does", () => {
    expect(HARDWARE_FLAGS.linux.flags).toEqual([
      '--enable-features=Vulkan',
      '--use-angle=vulkan',
      '--disable-vulkan-surface',
      '--ignore-gpu-blocklist',
    ]);
    expect(HARDWARE_FLAGS.linux.backend).toBe('Vulkan');
  });

  it('asks for the discrete GPU on macOS and Windows, whose headless Chrome is on Metal / D3D12 already', () => {
    expect(HARDWARE_FLAGS.darwin.backend).toBe('Metal');
    expect(HARDWARE_FLAGS.win32.backend).toBe('D3D12');
    for (const os of ['darwin', 'win32'] as const)
      expect(HARDWARE_FLAGS[os].flags).toContain('--use-webgpu-power-preference=force-high-performance');
  });

  it('has none for other OSes', () => {
    expect(hardwareFlagsFor('freebsd')).toBeNull();
    expect(hardwareFlagsFor('linux')).toBe(HARDWARE_FLAGS.linux);
  });
});

describe('gpuDeviceNodes', () => {
  const fakeDev: Record<string, string[]> = {
    '/dev': ['null', 'nvidia1', 'nvidia0', 'nvidiactl', 'nvidia-uvm', 'kfd', 'tty0', 'dri'],
    '/dev/dri': ['card0', 'renderD128', 'by-path'],
  };
  const list = (dir: string) => fakeDev[dir] ?? [];

  it("finds NVIDIA GPUs, AMD's compute node and DRM render nodes, not control nodes or cards", () => {
    expect(gpuDeviceNodes('linux', list)).toEqual(['/dev/nvidia0', '/dev/nvidia1', '/dev/kfd', '/dev/dri/renderD128']);
  });

  it("finds the GPU of the project's H100 machine from its /dev (listed there, 2026-11-24: no /dev/dri)", () => {
    const h100Dev = ['console', 'null', 'nvidia-caps', 'nvidia-uvm', 'nvidia-uvm-tools', 'nvidia0', 'nvidiactl', 'vda'];
    expect(gpuDeviceNodes('linux', (dir) => (dir === '/dev' ? h100Dev : []))).toEqual(['/dev/nvidia0']);
  });

  it('finds none on a machine without them (this CI machine has neither /dev/nvidia* nor /dev/dri)', () => {
    expect(gpuDeviceNodes('linux', (dir) => (dir === '/dev' ? ['null', 'zero', 'tty'] : []))).toEqual([]);
  });

  it('says "unknown" (null) where the OS has no device nodes to look at', () => {
    expect(gpuDeviceNodes('darwin', list)).toBeNull();
    expect(gpuDeviceNodes('win32', list)).toBeNull();
  });
});

describe('softwareAdapterWarning', () => {
  it('warns about SwiftShader on a Linux machine with an NVIDIA GPU and names the Vulkan flags', () => {
    const warning = softwareAdapterWarning({
      adapter: swiftshader,
      platform: 'linux',
      gpuNodes: ['/dev/nvidia0'],
      hardwareFlagsUsed: false,
    });
    expect(warning).toMatch(
      /adapter is SwiftShader, a software renderer on the CPU, but this machine has GPU device nodes \(\/dev\/nvidia0\)/,
    );
    expect(warning).toContain(
      'try --hardware-flags (--enable-features=Vulkan --use-angle=vulkan --disable-vulkan-surface --ignore-gpu-blocklist)',
    );
    expect(warning).toContain('docs/hardware.md');
  });

  it('recognises llvmpipe by its description', () => {
    expect(
      softwareAdapterWarning({
        adapter: lavapipe,
        platform: 'linux',
        gpuNodes: ['/dev/dri/renderD128'],
        hardwareFlagsUsed: false,
      }),
    ).toMatch(/adapter is llvmpipe/);
  });

  it('points at the driver when the hardware flags were used already', () => {
    const warning = softwareAdapterWarning({
      adapter: swiftshader,
      platform: 'linux',
      gpuNodes: ['/dev/dri/renderD128'],
      hardwareFlagsUsed: true,
    });
    expect(warning).toMatch(/even with the hardware flags: check that the GPU driver and its Vulkan support work/);
    expect(warning).toContain('vulkaninfo');
    expect(warning).not.toContain('try --hardware-flags');
  });

  it('warns on a Mac without looking for device nodes', () => {
    expect(
      softwareAdapterWarning({ adapter: swiftshader, platform: 'darwin', gpuNodes: null, hardwareFlagsUsed: false }),
    ).toMatch(/every Mac has a GPU: try --hardware-flags \(--use-webgpu-power-preference=force-high-performance/);
  });

  it('is silent for a hardware adapter', () => {
    expect(
      softwareAdapterWarning({
        adapter: nvidia,
        platform: 'linux',
        gpuNodes: ['/dev/nvidia0'],
        hardwareFlagsUsed: false,
      }),
    ).toBeNull();
  });

  it('is silent for a software adapter when no GPU is known: no nodes, or nothing to look at', () => {
    expect(
      softwareAdapterWarning({ adapter: swiftshader, platform: 'linux', gpuNodes: [], hardwareFlagsUsed: false }),
    ).toBeNull();
    expect(
      softwareAdapterWarning({ adapter: swiftshader, platform: 'linux', gpuNodes: null, hardwareFlagsUsed: false }),
    ).toBeNull();
    expect(
      softwareAdapterWarning({ adapter: swiftshader, platform: 'win32', gpuNodes: null, hardwareFlagsUsed: false }),
    ).toBeNull();
  });
});
