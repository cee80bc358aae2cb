import { describe, expect, it } from 'vitest';
import { browserName, implementationKey, implementationOf, webgpuOf, withImplementation } from '../../src/results/implementation.js';
import { emptyResults } from '../helpers/results.js';

const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';

describe('which WebGPU implementation a run measured', () => {
  it('reads the browser from results written before env.browser.name existed', () => {
    // Versions as puppeteer (Chrome/…), flopscope's Firefox runner, serve (from the user agent) and --dawn record them.
    expect(browserName({ version: 'Chrome/156.0.8078.79', userAgent: CHROME_UA, source: 'PATH' })).toBe('Chrome');
    expect(browserName({ version: 'HeadlessChrome/156.0.8078.79', userAgent: CHROME_UA, source: 'remote' })).toBe('Chrome');
    expect(browserName({ version: 'firefox/153.8.0', userAgent: FIREFOX_UA, source: 'remote' })).toBe('Firefox');
    expect(browserName({ version: 'Firefox/153.0', userAgent: FIREFOX_UA, source: 'serve' })).toBe('Firefox');
    expect(browserName({ version: 'dawn.node (webgpu 0.6.2)', userAgent: 'Node.js v20; dawn.node', source: 'dawn-node' })).toBe('dawn.node');
    expect(browserName({ version: 'unknown', userAgent: FIREFOX_UA, source: 'serve' })).toBe('Firefox');
    expect(browserName({ version: 'unknown', userAgent: 'curl/8', source: 'serve' })).toBe('unknown');
  });

  it('tells each browser from its user agent when the version does not (a served page)', () => {
    const ua = {
      Edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      Chrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      Safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15',
    };
    for (const [name, userAgent] of Object.entries(ua)) {
      expect(browserName({ version: 'unknown', userAgent, source: 'serve' }), name).toBe(name);
    }
    expect(browserName({ version: 'unknown', userAgent: CHROME_UA, source: 'serve' })).toBe('Chrome');
    // Safari's user agent without its Version/ token is not Safari: Chrome's carries "Safari/" too.
    expect(browserName({ version: 'unknown', userAgent: 'AppleWebKit/605.1.15 Safari/605.1.15', source: 'serve' })).toBe('unknown');
  });

  it("reads the product from the version: Chromium is Chrome, Edge, Opera and Safari are themselves", () => {
    const of = (version: string) => browserName({ version, userAgent: '', source: 'remote' });
    expect(['Chromium/131.0', 'Edge/131.0', 'Opera/114.0', 'Safari/18.2', 'HeadlessChrome/1'].map(of)).toEqual([
      'Chrome',
      'Edge',
      'Opera',
      'Safari',
      'Chrome',
    ]);
    // Only at the start: a version naming another product later is not that product.
    expect(of('build 7 Firefox/1')).toBe('unknown');
    expect(of('Lynx/2.9')).toBe('unknown');
    // dawn.node by its version alone, or by its source alone.
    expect(of('dawn.node (webgpu 0.6.2)')).toBe('dawn.node');
    expect(browserName({ version: 'webgpu 0.6.2', userAgent: '', source: 'dawn-node' })).toBe('dawn.node');
    expect(of('my dawn.node')).toBe('unknown');
  });

  it('maps browsers to their WebGPU library: Dawn for Chromium and dawn.node, wgpu for Firefox', () => {
    expect(['Chromium', 'Opera', 'Deno'].map(webgpuOf)).toEqual(['Dawn', 'Dawn', 'wgpu']);
    expect(['Chrome', 'Edge', 'dawn.node', 'Firefox', 'Safari', 'Lynx'].map(webgpuOf)).toEqual(['Dawn', 'Dawn', 'Dawn', 'wgpu', 'WebKit', 'unknown']);
  });

  it('keeps what a run recorded over what it would infer', () => {
    expect(withImplementation({ version: 'Chrome/1', userAgent: '', source: 'x', name: 'Chromium', webgpu: 'Dawn' })).toMatchObject({ name: 'Chromium', webgpu: 'Dawn' });
  });

  it('labels and keys a run by its implementation', () => {
    const chrome = emptyResults();
    const firefox = emptyResults();
    firefox.env.browser = { version: 'Firefox/153.8.0', userAgent: FIREFOX_UA, executable: '/usr/bin/firefox-esr', source: 'PATH', flags: ['--headless'], name: 'Firefox', webgpu: 'wgpu' };
    expect(implementationOf(chrome)).toEqual({ browser: 'Chrome', webgpu: 'Dawn', label: 'Chrome (Dawn)' });
    expect(implementationOf(firefox).label).toBe('Firefox (wgpu)');
    expect(implementationKey(chrome)).not.toBe(implementationKey(firefox));
  });
});
