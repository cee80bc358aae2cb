/**
 * Options that choose the runner: a browser (--browser, --headful, --hardware-flags,
 * --browser-flag), a browser elsewhere (--browser-ws-endpoint), or Dawn in Node (--dawn,
 * --dawn-flag). Read into one RunnerChoice for src/host/open-runner.ts.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { RunnerChoice } from '../host/open-runner.js';
import { parseEndpoint } from '../host/remote.js';

/** Adds the runner options to a command. */
export function withRunnerOptions<T>(y: Argv<T>) {
  return y
    .option('browser', {
      type: 'string',
      describe: 'Chromium, Chrome or Edge executable to launch (overrides FLOPSCOPE_BROWSER and the PATH search)',
    })
    .option('headful', {
      type: 'boolean',
      default: false,
      describe: 'launch the browser with a window (needs a display, e.g. xvfb-run on a server)',
    })
    .option('hardware-flags', {
      type: 'boolean',
      default: false,
      describe: "add this OS's Chromium flags for a hardware adapter (Linux: Vulkan; see docs/hardware.md)",
    })
    .option('browser-flag', { type: 'string', array: true, describe: 'extra browser flag (repeatable)' })
    .option('browser-ws-endpoint', {
      type: 'string',
      describe:
        'run on a browser elsewhere: its DevTools address, ws://host:port/devtools/browser/<id> or http://host:port',
    })
    .option('dawn', {
      type: 'string',
      describe: 'run on Dawn in Node (the webgpu npm package) instead of a browser; optional path to its index.js',
    })
    .option('dawn-flag', {
      type: 'string',
      array: true,
      describe: 'Dawn option for --dawn, e.g. disable-dawn-features=timestamp_quantization (repeatable)',
    });
}

/** The runner options as yargs parsed them. */
export interface RunnerArgs {
  browser?: string | undefined;
  headful?: boolean | undefined;
  'hardware-flags'?: boolean | undefined;
  'browser-ws-endpoint'?: string | undefined;
  'browser-flag'?: string[] | undefined;
  dawn?: string | undefined;
  'dawn-flag'?: string[] | undefined;
}

/** What the runner options ask for, refusing combinations that cannot apply (checked before anything is launched). */
export function runnerChoiceFromArgs(args: RunnerArgs): RunnerChoice {
  const launchOptions = [
    args.browser !== undefined ? '--browser' : null,
    args.headful ? '--headful' : null,
    args['hardware-flags'] ? '--hardware-flags' : null,
    args['browser-flag']?.length ? '--browser-flag' : null,
  ].filter((name): name is string => name !== null);
  if (args['browser-ws-endpoint'] !== undefined && launchOptions.length > 0) {
    throw new UsageError(
      `--browser-ws-endpoint connects to a browser that is already running, so ${launchOptions.join(', ')} cannot apply: start that browser with the flags you need instead`,
    );
  }
  if (args.dawn !== undefined && (launchOptions.length > 0 || args['browser-ws-endpoint'] !== undefined)) {
    const given = [...launchOptions, ...(args['browser-ws-endpoint'] !== undefined ? ['--browser-ws-endpoint'] : [])];
    throw new UsageError(`--dawn runs without a browser, so ${given.join(', ')} cannot apply: drop one or the other`);
  }
  if (args['dawn-flag']?.length && args.dawn === undefined)
    throw new UsageError('--dawn-flag configures --dawn: add --dawn, or drop --dawn-flag');
  if (args['browser-ws-endpoint'] !== undefined) parseEndpoint(args['browser-ws-endpoint']);
  return {
    executable: args.browser,
    headful: args.headful ?? false,
    hardwareFlags: args['hardware-flags'] ?? false,
    wsEndpoint: args['browser-ws-endpoint'],
    extraFlags: args['browser-flag'] ?? [],
    ...(args.dawn !== undefined ? { dawn: { path: args.dawn || null, flags: args['dawn-flag'] ?? [] } } : {}),
  };
}
