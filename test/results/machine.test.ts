/** env.host from what a browser says about its machine. */
import { describe, expect, it } from 'vitest';
import type { BrowserMachine } from '../../src/protocol/machine.js';
import { browserArch, browserPlatform, hostFromBrowser } from '../../src/results/machine.js';
import { RunEnvironmentSchema } from '../../src/results/schema.js';

// What Chromium 156 headless reported on this Linux machine (2 cores, navigator.deviceMemory 16).
const chromiumLinux: BrowserMachine = {
  uaPlatform: 'Linux',
  uaArchitecture: 'x86',
  uaBitness: '64',
  uaModel: '',
  navigatorPlatform: 'Linux x86_64',
  logicalCores: 2,
  deviceMemoryGib: 16,
};
// Firefox and Safari have no userAgentData and no deviceMemory.
const safariMac: BrowserMachine = { uaPlatform: null, uaArchitecture: null, uaBitness: null, uaModel: null, navigatorPlatform: 'MacIntel', logicalCores: 10, deviceMemoryGib: null };

describe('hostFromBrowser', () => {
  it('maps Chromium\'s userAgentData to Node\'s names', () => {
    expect(hostFromBrowser(chromiumLinux, 'v20.20.2')).toEqual({
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'unknown',
      logicalCores: 2,
      memoryBytes: 16 * 2 ** 30,
      node: 'v20.20.2',
      reportedBy: 'browser',
    });
  });

  it('falls back to navigator.platform and leaves memory unknown without deviceMemory', () => {
    const host = hostFromBrowser(safariMac, 'v20');
    expect(host).toMatchObject({ platform: 'darwin', arch: 'unknown', memoryBytes: null, logicalCores: 10 });
  });

  it('names an Android phone by its model', () => {
    const phone: BrowserMachine = { ...chromiumLinux, uaPlatform: 'Android', uaArchitecture: 'arm', uaBitness: '64', uaModel: 'Pixel 8', navigatorPlatform: 'Linux armv8l', deviceMemoryGib: 8 };
    expect(hostFromBrowser(phone, 'v20')).toMatchObject({ platform: 'android', arch: 'arm64', cpuModel: 'unknown (device Pixel 8)', memoryBytes: 8 * 2 ** 30 });
  });

  it('gives values the results schema accepts', () => {
    const schema = RunEnvironmentSchema.shape.host;
    expect(schema.safeParse(hostFromBrowser(chromiumLinux, 'v20')).success).toBe(true);
    expect(schema.safeParse(hostFromBrowser(safariMac, 'v20')).success).toBe(true);
  });
});

describe('browserPlatform and browserArch', () => {
  const bare = (navigatorPlatform: string): BrowserMachine => ({ ...safariMac, navigatorPlatform });
  it.each([
    ['Win32', 'win32', 'unknown'],
    ['Linux x86_64', 'linux', 'x64'],
    ['Linux aarch64', 'linux', 'arm64'],
    ['Linux i686', 'linux', 'ia32'],
    ['iPhone', 'ios', 'unknown'],
    ['iPad', 'ios', 'unknown'],
    ['iPhone Simulator', 'ios', 'unknown'],
    ['Win64', 'win32', 'x64'],
    ['MacPPC', 'darwin', 'unknown'],
    ['', 'unknown', 'unknown'],
  ])('navigator.platform %j -> %s / %s', (platform, os, arch) => {
    expect(browserPlatform(bare(platform))).toBe(os);
    expect(browserArch(bare(platform))).toBe(arch);
  });

  it('reads 32-bit userAgentData architectures', () => {
    expect(browserArch({ ...chromiumLinux, uaBitness: '32' })).toBe('ia32');
    expect(browserArch({ ...chromiumLinux, uaArchitecture: 'arm', uaBitness: '32' })).toBe('arm');
    expect(browserPlatform({ ...chromiumLinux, uaPlatform: 'Windows' })).toBe('win32');
    expect(browserPlatform({ ...chromiumLinux, uaPlatform: 'macOS' })).toBe('darwin');
    expect(browserPlatform({ ...chromiumLinux, uaPlatform: 'Chrome OS' })).toBe('chromeos');
    expect(browserPlatform({ ...chromiumLinux, uaPlatform: 'ChromeOS' })).toBe('chromeos');
    expect(browserPlatform({ ...chromiumLinux, uaPlatform: 'Fuchsia' })).toBe('fuchsia');
  });
});
