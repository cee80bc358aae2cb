/** `flopscope device`: what the browser and its WebGPU adapter are and can do. */
import type { Argv } from 'yargs';
import { openRunner } from '../host/open-runner.js';
import { formatDeviceReport } from '../report/device.js';
import { withImplementation } from '../results/implementation.js';
import { runnerChoiceFromArgs, withRunnerOptions } from './runner-options.js';
import { logLine, writeStdout } from './output.js';

/** Registers `device` on a yargs instance. */
export function registerDevice<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'device',
    'show the browser, the WebGPU adapter, its features and limits',
    (y) =>
      withRunnerOptions(y).option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' }),
    async (args) => {
      const runner = await openRunner(runnerChoiceFromArgs(args), { log: logLine });
      try {
        // The browser as results record it: its implementation (name, WebGPU library, protocol, prefs) included.
        const { userAgent: _userAgent, ...browser } = withImplementation(runner.browser);
        const info = {
          browser,
          ...(runner.machine ? { machine: runner.machine } : {}),
          ...(runner.adapterInferred ? { adapterInferred: runner.adapterInferred } : {}),
          ...runner.device,
        };
        await writeStdout(args.json ? JSON.stringify(info, null, 2) + '\n' : formatDeviceReport(info) + '\n');
      } finally {
        await runner.close();
      }
    },
  );
}
