/**
 * Running on a browser elsewhere (`--browser-ws-endpoint`): a lab machine's Chromium started with
 * --remote-debugging-port, a device farm's CDP endpoint, or a WebDriver BiDi endpoint (a Firefox
 * started with --remote-debugging-port, Selenium Grid 4's `se/bidi` address), driven through
 * puppeteer.connect with the protocol the address names.
 *
 * The runner page must load in a secure context (WebGPU needs one), and the remote browser cannot
 * reach this machine's loopback server. Serving it on a LAN address would not do: http://<lan-ip>
 * is not a secure context, so the remote browser would need
 * --unsafely-treat-insecure-origin-as-secure, and the port would be open to the network. Instead
 * the page is opened at a loopback URL on the remote side, http://127.0.0.1:<port>/, and every
 * request for it is answered from this machine's files through the DevTools connection (CDP
 * Fetch interception, puppeteer's request.respond): the origin is loopback, so secure; nothing
 * listens on that port on either machine, and the files travel inside the DevTools connection
 * that the run needs anyway.
 */
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { EnvironmentError, UsageError } from '../errors.js';
import { hostFromBrowser } from '../results/machine.js';
import type { BrowserConnector, ConnectedBrowser } from './browser-runner.js';
import { firefoxTraits, firefoxVersion } from './firefox.js';
import { runnerDir } from './paths.js';
import { loadFiles, type ServedFile } from './static-server.js';

/**
 * The origin the runner page is given in the remote browser. Requests to it never reach a
 * network: they are answered through the DevTools connection (see above).
 */
export const REMOTE_RUNNER_ORIGIN = 'http://127.0.0.1:47291';

/** How long connecting to the endpoint may take before the run gives up. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * A checked endpoint: a DevTools WebSocket (ws://, wss://) or a DevTools HTTP address to ask for it (http://,
 * https://).
 */
export interface RemoteEndpoint {
  kind: 'ws' | 'http';
  url: string;
  /**
   * CDP, or WebDriver BiDi for a WebSocket whose path is a BiDi session's: `/session` (Firefox's
   * remote agent, the spec's address for a new session) or `/session/<id>/...` (Selenium Grid 4).
   */
  protocol: 'cdp' | 'webdriver-bidi';
  /** Scheme, host and port only: what the results record (no credentials, path or query, where tokens live). */
  label: string;
}

/** Parses --browser-ws-endpoint; a UsageError for anything that is not a ws(s):// or http(s):// URL. */
export function parseEndpoint(text: string): RemoteEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--browser-ws-endpoint ${endpointLabelOf(text)} is not a URL: give the browser's DevTools address, e.g. ws://lab-host:9222/devtools/browser/<id>, http://lab-host:9222 or (WebDriver BiDi) ws://lab-host:9222/session`,
    );
  }
  const kind =
    url.protocol === 'ws:' || url.protocol === 'wss:'
      ? 'ws'
      : url.protocol === 'http:' || url.protocol === 'https:'
        ? 'http'
        : null;
  if (!kind)
    throw new UsageError(
      `--browser-ws-endpoint: ${url.protocol} is not a DevTools address: use ws://, wss:// (the WebSocket) or http://, https:// (the --remote-debugging-port address)`,
    );
  const protocol = kind === 'ws' && /^\/session(\/|$)/.test(url.pathname) ? 'webdriver-bidi' : 'cdp';
  return { kind, url: text, protocol, label: `${url.protocol}//${url.host}` };
}

/**
 * The scheme, host and port of `text` if it parses, else a placeholder: never the whole string, which may
 * hold a token.
 */
function endpointLabelOf(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(the value given)';
  }
}

/** Connects to the remote browser; an EnvironmentError naming the endpoint (without secrets) when it cannot. */
export async function connectBrowser(endpoint: RemoteEndpoint, protocolTimeoutMs = 30 * 60_000): Promise<Browser> {
  const options = {
    ...(endpoint.kind === 'ws' ? { browserWSEndpoint: endpoint.url } : { browserURL: endpoint.url }),
    ...(endpoint.protocol === 'webdriver-bidi' ? { protocol: 'webDriverBiDi' as const } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      puppeteer.connect({ ...options, protocolTimeout: protocolTimeoutMs, defaultViewport: null }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    const first = ((error as Error).message ?? String(error)).split('\n')[0]!.replaceAll(endpoint.url, endpoint.label);
    throw new EnvironmentError(
      `could not connect to the browser at ${endpoint.label} (${first}): check that it runs with --remote-debugging-port and that this machine can reach that port (e.g. through \`ssh -L 9222:localhost:9222 lab-host\`)${endpoint.protocol === 'webdriver-bidi' ? '; a Firefox there takes one WebDriver BiDi session at a time' : ''}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Answers the page's requests to `origin` from `files` (404 for any other path); other origins go on as usual. */
export async function serveThroughDevTools(
  page: Page,
  files: ReadonlyMap<string, ServedFile>,
  origin = REMOTE_RUNNER_ORIGIN,
): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    if (url.origin !== origin) {
      void request.continue();
      return;
    }
    const file = request.method() === 'GET' ? files.get(url.pathname) : undefined;
    if (!file) {
      void request.respond({ status: 404, contentType: 'text/plain', body: 'not found\n' });
      return;
    }
    void request.respond({
      status: 200,
      contentType: file.type,
      headers: { 'cache-control': 'no-store' },
      body: file.body,
    });
  });
}

/**
 * The command line the remote browser was started with, where it tells (Chromium over CDP, with
 * --enable-automation); [] otherwise.
 */
async function remoteFlags(browser: Browser, endpoint: RemoteEndpoint): Promise<string[]> {
  if (endpoint.protocol !== 'cdp') return [];
  try {
    const session = await browser.target().createCDPSession();
    const { arguments: args } = await session.send('Browser.getBrowserCommandLine');
    await session.detach().catch(() => undefined);
    return args.slice(1);
  } catch {
    return [];
  }
}

/**
 * A connector to the browser at `endpoint`: each call connects again (after a fault, the browser
 * may have been restarted there), and the runner's pages are served through the connection.
 */
export function remoteConnector(endpoint: RemoteEndpoint, hooks: ConnectedBrowser['hooks']): BrowserConnector {
  const files = loadFiles(runnerDir());
  return async () => {
    const browser = await connectBrowser(endpoint);
    let gone: string | null = null;
    browser.once('disconnected', () => {
      gone ??= `the connection to ${endpoint.label} closed`;
    });
    const version = await browser.version();
    // A remote Firefox (over BiDi): named as a local one is, its unnamed adapter inferred without
    // knowing that machine's drivers, and its crashed tabs told apart.
    const firefox = /^firefox\//i.test(version) ? firefoxTraits(null) : null;
    return {
      browser,
      url: `${REMOTE_RUNNER_ORIGIN}/`,
      identity: {
        version: firefox ? firefoxVersion(version) : version,
        executable: null,
        source: 'remote',
        flags: await remoteFlags(browser, endpoint),
        endpoint: endpoint.label,
        ...(endpoint.protocol === 'webdriver-bidi' ? { protocol: 'webdriver-bidi' as const } : {}),
        ...firefox?.identity,
      },
      hooks: {
        ...hooks,
        preparePage: (page) => serveThroughDevTools(page, files),
        ...firefox?.hooks,
      },
      ...(firefox ? { inferAdapter: firefox.inferAdapter } : {}),
      describeMachine: async (session) => hostFromBrowser(await session.describeMachine(), process.version),
      // A remote browser is gone only as far as this connection goes: it may be running still.
      gone: () => gone,
      faultWhenGone: 'disconnected',
      // The browser is not ours: leave it running.
      close: () => browser.disconnect().catch(() => undefined),
    };
  };
}
