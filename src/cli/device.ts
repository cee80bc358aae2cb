/** `flopscope device`: what the browser and its WebGPU adapter are and can do. */
import type { Argv } from 'yargs';
import { openRunner } from '../host/open-runner.js';
import { formatDeviceReport } from '../report/device.js';
import { runnerChoiceFromArgs, withRunnerOptions } from './runner-options.js';
import { logLine, writeStdout } from './output.js';

/** Registers `device` on a yargs instance. */
export function registerDevice<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'device',
    'show the browser, the WebGPU adapter, its features and limits',
    (y) => withRunnerOptions(y).option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' }),
    async (args) => {
      const runner = await openRunner(runnerChoiceFromArgs(args), { log: logLine });
      try {
        const { browser } = runner;
        const info = {
          browser: {
            version: browser.version,
            executable: browser.executable,
            source: browser.source,
            flags: browser.flags,
            ...(browser.endpoint ? { endpoint: browser.endpoint } : {}),
          },
          ...(runner.machine ? { machine: runner.machine } : {}),
          ...runner.device,
        };
        await writeStdout(args.json ? JSON.stringify(info, null, 2) + '\n' : formatDeviceReport(info) + '\n');
      } finally {
        await runner.close();
      }
    },
  );
}
