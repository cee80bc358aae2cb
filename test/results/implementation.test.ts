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

  it('maps browsers to their WebGPU library: Dawn for Chromium and dawn.node, wgpu for Firefox', () => {
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
