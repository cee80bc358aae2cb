/** Browser versions from userAgentData or the user agent, in puppeteer's `Product/version` form. */
import { describe, expect, it } from 'vitest';
import { browserVersion } from '../../src/serve/browser-version.js';

// Chromium 156 headless on this machine: reduced user agent, full version only in userAgentData.
const headlessUa =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const chromiumBrands = [
  { brand: 'Not?A_Brand', version: '99.0.0.0' },
  { brand: 'Chromium', version: '156.0.8078.79' },
];

describe('browserVersion', () => {
  it('takes the full version from userAgentData, as puppeteer reports it (Chrome/156.0.8078.79)', () => {
    expect(browserVersion(chromiumBrands, headlessUa)).toBe('Chrome/156.0.8078.79');
  });

  it('prefers Edge and Chrome over the Chromium brand they also list', () => {
    expect(browserVersion([...chromiumBrands, { brand: 'Microsoft Edge', version: '131.0.2903.86' }], '')).toBe(
      'Edge/131.0.2903.86',
    );
    expect(browserVersion([...chromiumBrands, { brand: 'Google Chrome', version: '156.0.8078.80' }], '')).toBe(
      'Chrome/156.0.8078.80',
    );
  });

  it('reads the user agent where there is no userAgentData', () => {
    expect(browserVersion(null, 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox/133.0',
    );
    expect(
      browserVersion(
        null,
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15',
      ),
    ).toBe('Safari/18.2');
    expect(
      browserVersion(
        null,
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge/131.0.0.0');
    expect(browserVersion(null, headlessUa)).toBe('Chrome/156.0.0.0');
    expect(browserVersion(null, 'curl/8.5.0')).toBe('unknown');
  });
});
