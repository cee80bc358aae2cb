import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../src/host/remote.js';

describe('parseEndpoint: WebDriver BiDi endpoints', () => {
  it("takes Firefox's /session, and a bare ws://host:port, as WebDriver BiDi", () => {
    expect(parseEndpoint('ws://127.0.0.1:9222/session')).toEqual({ kind: 'ws', protocol: 'webdriver-bidi', url: 'ws://127.0.0.1:9222/session', label: 'ws://127.0.0.1:9222' });
    // Firefox prints "WebDriver BiDi listening on ws://127.0.0.1:9222"; its socket is at /session.
    expect(parseEndpoint('ws://127.0.0.1:9222')).toMatchObject({ protocol: 'webdriver-bidi', url: 'ws://127.0.0.1:9222/session' });
  });

  it("takes Selenium Grid 4's /se/bidi as BiDi and its /se/cdp as CDP, keeping the session id out of the label", () => {
    const bidi = parseEndpoint('ws://grid:4444/session/6f1c0f1e-secret/se/bidi');
    expect(bidi).toMatchObject({ protocol: 'webdriver-bidi', label: 'ws://grid:4444' });
    expect(parseEndpoint('ws://grid:4444/session/6f1c0f1e-secret/se/cdp')).toMatchObject({ protocol: 'cdp' });
  });

  it('keeps DevTools WebSockets, device farm paths and http:// addresses on CDP', () => {
    expect(parseEndpoint('ws://10.0.0.7:9222/devtools/browser/abc').protocol).toBe('cdp');
    expect(parseEndpoint('wss://farm.example.com/playwright?token=abc123').protocol).toBe('cdp');
    expect(parseEndpoint('http://lab-host:9222').protocol).toBe('cdp');
  });
});
