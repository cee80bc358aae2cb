/** Options that choose the browser: --browser, --headful, --hardware-flags, --browser-ws-endpoint. */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { BrowserChoice } from '../host/browser.js';
import { parseEndpoint } from '../host/remote.js';

/** Adds the browser options to a command. */
export function withBrowserOptions<T>(y: Argv<T>) {
  return y
    .option('browser', { type: 'string', describe: 'browser to launch: firefox, chromium, or the path of a Chromium, Chrome, Edge or Firefox executable (overrides FLOPSCOPE_BROWSER, which takes the same values, and the PATH search)' })
    .option('headful', { type: 'boolean', default: false, describe: 'launch the browser with a window (needs a display, e.g. xvfb-run on a server)' })
    .option('hardware-flags', { type: 'boolean', default: false, describe: "add this OS's Chromium flags for a hardware adapter (Linux: Vulkan; see docs/hardware.md)" })
    .option('browser-ws-endpoint', { type: 'string', describe: 'run on a browser elsewhere: its DevTools address (ws://host:port/devtools/browser/<id> or http://host:port) or its WebDriver BiDi WebSocket (ws://host:port/session, e.g. Firefox with --remote-debugging-port)' });
}

/** What the browser options ask for, refusing combinations that cannot apply to a browser elsewhere. */
export function browserChoiceFromArgs(args: {
  browser?: string | undefined;
  headful?: boolean | undefined;
  'hardware-flags'?: boolean | undefined;
  'browser-ws-endpoint'?: string | undefined;
  'browser-flag'?: string[] | undefined;
  dawn?: string | undefined;
}): BrowserChoice {
  const launchOptions = [
    args.browser !== undefined ? '--browser' : null,
    args.headful ? '--headful' : null,
    args['hardware-flags'] ? '--hardware-flags' : null,
    args['browser-flag']?.length ? '--browser-flag' : null,
  ].filter((name): name is string => name !== null);
  if (args['browser-ws-endpoint'] !== undefined && launchOptions.length > 0) {
    throw new UsageError(`--browser-ws-endpoint connects to a browser that is already running, so ${launchOptions.join(', ')} cannot apply: start that browser with the flags you need instead`);
  }
  if (args.dawn !== undefined && (launchOptions.length > 0 || args['browser-ws-endpoint'] !== undefined)) {
    const given = [...launchOptions, ...(args['browser-ws-endpoint'] !== undefined ? ['--browser-ws-endpoint'] : [])];
    throw new UsageError(`--dawn runs without a browser, so ${given.join(', ')} cannot apply: drop one or the other`);
  }
  // Checked now, before anything is launched or written.
  if (args['browser-ws-endpoint'] !== undefined) parseEndpoint(args['browser-ws-endpoint']);
  return {
    executable: args.browser,
    headful: args.headful ?? false,
    hardwareFlags: args['hardware-flags'] ?? false,
    wsEndpoint: args['browser-ws-endpoint'],
  };
}
