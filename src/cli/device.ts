/** `flopscope device`: what the browser and its WebGPU adapter are and can do. */
import type { Argv } from 'yargs';
import { openRunner } from '../host/run.js';
import { formatDeviceReport } from '../report/device.js';
import { withImplementation } from '../results/implementation.js';
import { dawnRunner } from './options.js';
import { browserChoiceFromArgs, withBrowserOptions } from './browser-options.js';
import { logLine, writeStdout } from './output.js';

/** Registers `device` on a yargs instance. */
export function registerDevice<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'device',
    'show the browser, the WebGPU adapter, its features and limits',
    (y) =>
      withBrowserOptions(y)
        .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' })
        .option('browser-flag', { type: 'string', array: true, describe: 'extra Chromium flag (repeatable)' })
        .option('dawn', { type: 'string', describe: 'ask Dawn in Node (the webgpu npm package) instead of Chromium; optional path to its index.js' })
        .option('dawn-flag', { type: 'string', array: true, describe: 'Dawn option for --dawn (repeatable)' }),
    async (args) => {
      const browser = browserChoiceFromArgs(args);
      const runner = (await dawnRunner(args, () => undefined)) ?? (await openRunner({ extraFlags: args['browser-flag'] ?? [], browser, log: logLine }));
      try {
        const info = {
          browser: {
            version: runner.browser.version,
            executable: runner.browser.executable,
            source: runner.browser.source,
            flags: runner.browser.flags,
            ...(runner.browser.endpoint ? { endpoint: runner.browser.endpoint } : {}),
            ...withImplementationFields(runner.browser),
          },
          ...(runner.machine ? { machine: runner.machine } : {}),
          ...(runner.adapterInferred ? { adapterInferred: runner.adapterInferred } : {}),
          ...runner.session.device,
        };
        await writeStdout(args.json ? JSON.stringify(info, null, 2) + '\n' : formatDeviceReport(info) + '\n');
      } finally {
        await runner.close();
      }
    },
  );
}

/** The implementation fields `device --json` adds to the browser: name, WebGPU library, and the prefs and protocol where known. */
function withImplementationFields(browser: Parameters<typeof withImplementation>[0] & { prefs?: Record<string, string | number | boolean> | undefined; protocol?: string | undefined }) {
  const { name, webgpu } = withImplementation(browser);
  return { name, webgpu, ...(browser.prefs ? { prefs: browser.prefs } : {}), ...(browser.protocol ? { protocol: browser.protocol } : {}) };
}
