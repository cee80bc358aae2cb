import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuRendererOf, icdFolders, installedVulkanIcds, manifestLibrary } from '../../src/host/vulkan-drivers.js';
import { tempDir } from '../helpers/cli.js';

/** Debian 12's mesa-vulkan-drivers manifests, as installed here. */
const LVP =
  '{"ICD": {"api_version": "1.1.230", "library_path": "/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so"}, "file_format_version": "1.0.0"}';
const INTEL =
  '{"ICD": {"api_version": "1.3.230", "library_path": "/usr/lib/x86_64-linux-gnu/libvulkan_intel.so"}, "file_format_version": "1.0.0"}';

describe('installed Vulkan drivers', () => {
  it('tells the CPU drivers by their library', () => {
    expect(cpuRendererOf('/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so')).toBe('lavapipe');
    expect(cpuRendererOf('./libvk_swiftshader.so')).toBe('SwiftShader');
    expect(cpuRendererOf('/usr/lib/x86_64-linux-gnu/libvulkan_intel.so')).toBeNull();
    expect(cpuRendererOf('libnvidia-glvkspirv.so')).toBeNull();
  });

  it('reads a manifest, and nothing from a file that is not one', () => {
    expect(manifestLibrary(LVP)).toBe('/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so');
    expect(manifestLibrary('{"ICD": {}}')).toBeNull();
    expect(manifestLibrary('not json')).toBeNull();
  });

  it('looks where the loader looks, XDG_DATA_DIRS included', () => {
    expect(icdFolders({}, '/home/u')).toEqual([
      '/etc/vulkan/icd.d',
      '/usr/local/share/vulkan/icd.d',
      '/usr/share/vulkan/icd.d',
      '/home/u/.local/share/vulkan/icd.d',
    ]);
    expect(icdFolders({ XDG_DATA_DIRS: '/opt/share' }, '/home/u')).toContain('/opt/share/vulkan/icd.d');
  });

  it('lists the manifests of the folders, or those VK_DRIVER_FILES names', () => {
    const dir = tempDir();
    const icd = join(dir, 'vulkan/icd.d');
    mkdirSync(icd, { recursive: true });
    writeFileSync(join(icd, 'lvp_icd.x86_64.json'), LVP);
    writeFileSync(join(icd, 'intel_icd.x86_64.json'), INTEL);
    writeFileSync(join(icd, 'notes.txt'), 'x');
    const found = installedVulkanIcds({ XDG_DATA_DIRS: dir, XDG_DATA_HOME: join(dir, 'none') });
    expect(
      found.filter((entry) => entry.manifest.startsWith(dir)).map((entry) => cpuRendererOf(entry.library)),
    ).toEqual([null, 'lavapipe']);
    expect(installedVulkanIcds({ VK_DRIVER_FILES: join(icd, 'intel_icd.x86_64.json') })).toEqual([
      { manifest: join(icd, 'intel_icd.x86_64.json'), library: '/usr/lib/x86_64-linux-gnu/libvulkan_intel.so' },
    ]);
  });
});
