/** Parsing --browser-ws-endpoint: what is accepted, and what the results may record of it. */
import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../src/host/remote.js';

describe('parseEndpoint', () => {
  it('takes a DevTools WebSocket and records only scheme, host and port', () => {
    expect(parseEndpoint('ws://10.0.0.7:9222/devtools/browser/0f1e2d3c-aaaa-bbbb-cccc-123456789abc')).toEqual({
      kind: 'ws',
      url: 'ws://10.0.0.7:9222/devtools/browser/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
      protocol: 'cdp',
      label: 'ws://10.0.0.7:9222',
    });
  });

  it("takes a WebDriver BiDi session address (Firefox's remote agent, Selenium Grid 4) as BiDi", () => {
    expect(parseEndpoint('ws://127.0.0.1:9222/session')).toEqual({
      kind: 'ws',
      url: 'ws://127.0.0.1:9222/session',
      protocol: 'webdriver-bidi',
      label: 'ws://127.0.0.1:9222',
    });
    expect(parseEndpoint('ws://grid:4444/session/4f7e/se/bidi')).toMatchObject({
      protocol: 'webdriver-bidi',
      label: 'ws://grid:4444',
    });
    // A path that merely starts with the word is not a session.
    expect(parseEndpoint('ws://farm:443/sessions-api')).toMatchObject({ protocol: 'cdp' });
  });

  it('drops credentials and query tokens of a device farm endpoint from the label', () => {
    const endpoint = parseEndpoint('wss://user:s3cret@farm.example.com/playwright?token=abc123&caps=x');
    expect(endpoint).toMatchObject({ kind: 'ws', label: 'wss://farm.example.com' });
    expect(endpoint.label).not.toMatch(/s3cret|abc123|user/);
  });

  it('takes the --remote-debugging-port address over http', () => {
    expect(parseEndpoint('http://lab-host:9222')).toMatchObject({
      kind: 'http',
      protocol: 'cdp',
      label: 'http://lab-host:9222',
    });
  });

  it('refuses what is not a URL, without echoing it', () => {
    // The usual slip: the address without ws:// or http://.
    expect(() => parseEndpoint('127.0.0.1:9222')).toThrow(/is not a URL: give the browser's DevTools address/);
    expect(() => parseEndpoint('not a url token=zzz')).not.toThrow(/zzz/);
  });

  it('refuses other schemes', () => {
    expect(() => parseEndpoint('ftp://lab-host:9222')).toThrow(/ftp: is not a DevTools address: use ws:\/\/, wss:\/\//);
  });
});
