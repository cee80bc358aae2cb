/** Finding Firefox and what flopscope says when it cannot: no browser is launched here. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentError, UsageError } from '../../src/errors.js';
import {
  ensureFirefox,
  findFirefox,
  firefoxNoAdapterHelp,
  firefoxUserJs,
  firefoxVersion,
  FIREFOX_PREFS,
} from '../../src/host/firefox.js';
import { tempDir } from '../helpers/cli.js';

describe('finding Firefox', () => {
  it('finds firefox-esr before firefox on PATH', () => {
    const dir = tempDir();
    for (const name of ['firefox', 'firefox-esr']) writeFileSync(join(dir, name), '#!/bin/sh\n', { mode: 0o755 });
    expect(findFirefox({ PATH: dir })).toEqual({ path: join(dir, 'firefox-esr'), source: 'PATH' });
  });

  it('says how to install it when there is none and installing is forbidden', () => {
    const request = { kind: 'firefox', executable: null, from: 'option' } as const;
    expect(() => ensureFirefox(request, () => undefined, { PATH: tempDir(), FLOPSCOPE_NO_INSTALL: '1' })).toThrow(
      EnvironmentError,
    );
    expect(() => ensureFirefox(request, () => undefined, { PATH: tempDir(), FLOPSCOPE_NO_INSTALL: '1' })).toThrow(
      /no Firefox found .*apt-get install firefox-esr mesa-vulkan-drivers/,
    );
  });

  it('refuses a --browser path that is missing (a usage error) and a FLOPSCOPE_BROWSER one (the environment)', () => {
    expect(() =>
      ensureFirefox({ kind: 'firefox', executable: '/nonexistent/firefox', from: 'option' }, () => undefined),
    ).toThrow(UsageError);
    expect(() =>
      ensureFirefox(
        { kind: 'firefox', executable: '/nonexistent/firefox', from: 'FLOPSCOPE_BROWSER' },
        () => undefined,
      ),
    ).toThrow(/FLOPSCOPE_BROWSER=\/nonexistent\/firefox: no such file/);
  });
});

describe('Firefox profiles and messages', () => {
  it('writes the prefs as a user.js a remote Firefox profile can hold', () => {
    expect(firefoxUserJs({ 'dom.webgpu.enabled': true, 'a.b': 3 })).toBe(
      'user_pref("dom.webgpu.enabled", true);\nuser_pref("a.b", 3);\n',
    );
    expect(firefoxUserJs()).toContain('user_pref("gfx.webgpu.ignore-blocklist", true);');
    expect(Object.keys(FIREFOX_PREFS)).toEqual([
      'dom.webgpu.enabled',
      'gfx.webgpu.ignore-blocklist',
      'privacy.reduceTimerPrecision',
    ]);
  });

  it('names the pref or the driver that is missing, from what the page said', () => {
    // The page's two messages (src/runner/device.ts), as Firefox without each pref produced them here.
    // Debian's ESR 140: WebGPU only in Nightly and early Beta builds.
    expect(
      firefoxNoAdapterHelp('NotSupportedError: WebGPU is not yet available in Release or late Beta builds.'),
    ).toMatch(/^this Firefox build has no WebGPU .*: use Firefox 153 or newer/);
    expect(firefoxNoAdapterHelp('NoWebGpuError: navigator.gpu is missing: this browser has WebGPU disabled')).toMatch(
      /WebGPU disabled in this profile .*dom\.webgpu\.enabled/,
    );
    expect(
      firefoxNoAdapterHelp('NoWebGpuError: navigator.gpu.requestAdapter() returned null: no WebGPU adapter'),
    ).toMatch(/gfx\.webgpu\.ignore-blocklist .*apt-get install mesa-vulkan-drivers/);
  });

  it("records puppeteer's 'firefox/153.8.0' as 'Firefox/153.8.0'", () => {
    expect(firefoxVersion('firefox/153.8.0')).toBe('Firefox/153.8.0');
  });
});
