import { describe, expect, it } from 'vitest';
import { browserKindOf, envForChromiumDiscovery, requestedBrowser } from '../../src/host/browser-kind.js';

const never = () => {
  throw new Error('--version must not be asked when the name tells');
};

describe('which browser a run asks for', () => {
  it('knows a family by its file name', () => {
    expect(browserKindOf('/usr/bin/firefox-esr', never)).toBe('firefox');
    expect(browserKindOf('/opt/firefox/firefox-bin', never)).toBe('firefox');
    expect(browserKindOf('/usr/bin/chromium', never)).toBe('chromium');
    expect(browserKindOf('C:\\Program Files\\Microsoft\\Edge\\msedge.exe', never)).toBe('chromium');
  });

  it('asks `--version` when the name says nothing', () => {
    expect(browserKindOf('/opt/browser/run', () => 'Mozilla Firefox 153.8.0esr\n')).toBe('firefox');
    expect(browserKindOf('/opt/browser/run', () => 'Chromium 156.0.8078.114 built on Debian\n')).toBe('chromium');
    expect(browserKindOf('/opt/browser/run', () => '')).toBe('chromium');
  });

  it('takes --browser first, then FLOPSCOPE_BROWSER, then Chromium', () => {
    expect(requestedBrowser('firefox', { FLOPSCOPE_BROWSER: '/usr/bin/chromium' })).toEqual({
      kind: 'firefox',
      executable: null,
      from: 'option',
    });
    expect(requestedBrowser('Chrome', {})).toEqual({ kind: 'chromium', executable: null, from: 'option' });
    expect(requestedBrowser(undefined, { FLOPSCOPE_BROWSER: '/usr/lib/firefox-esr/firefox-esr' })).toEqual({
      kind: 'firefox',
      executable: '/usr/lib/firefox-esr/firefox-esr',
      from: 'FLOPSCOPE_BROWSER',
    });
    expect(requestedBrowser(undefined, { FLOPSCOPE_BROWSER: 'firefox' })).toEqual({
      kind: 'firefox',
      executable: null,
      from: 'FLOPSCOPE_BROWSER',
    });
    expect(requestedBrowser(undefined, {})).toEqual({ kind: 'chromium', executable: null, from: 'default' });
  });

  it('hides a FLOPSCOPE_BROWSER from Chromium discovery when it is a keyword or --browser chose', () => {
    expect(
      envForChromiumDiscovery(
        { kind: 'chromium', executable: null, from: 'FLOPSCOPE_BROWSER' },
        { FLOPSCOPE_BROWSER: 'chromium', PATH: '/bin' },
      ),
    ).toEqual({ PATH: '/bin' });
    expect(
      envForChromiumDiscovery(
        { kind: 'chromium', executable: null, from: 'option' },
        { FLOPSCOPE_BROWSER: '/usr/bin/firefox' },
      ),
    ).toEqual({});
    const path = { FLOPSCOPE_BROWSER: '/usr/bin/chromium' };
    expect(
      envForChromiumDiscovery({ kind: 'chromium', executable: '/usr/bin/chromium', from: 'FLOPSCOPE_BROWSER' }, path),
    ).toBe(path);
  });
});
