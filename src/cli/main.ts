/**
 * The flopscope command line. Expected failures (UsageError, EnvironmentError) print one line
 * and exit 2; anything else is a bug and prints its stack (exit 1). --verbose shows stacks always.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { Interrupted, isExpectedError, UsageError } from '../errors.js';
import { registerAb } from './ab.js';
import { registerDevice } from './device.js';
import { registerCompare } from './compare.js';
import { registerReport } from './report.js';
import { registerEstimate } from './estimate.js';
import { registerPeaks } from './peaks.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerTune } from './tune.js';

/** The commands, for the error that names them when an unknown one is given. */
const COMMANDS = ['run', 'ab', 'tune', 'peaks', 'device', 'estimate', 'serve', 'compare', 'report'];

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  let cli = yargs([...argv])
    .scriptName('flopscope')
    .usage('$0 <command> [options]\n\nMeasures the FLOP/s a GPU really delivers, through WebGPU in headless Chromium.')
    .option('verbose', { type: 'boolean', default: false, describe: "show stack traces and the page's console" })
    .strict()
    .demandCommand(1, `give a command: ${COMMANDS.join(', ')} (see --help)`)
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new UsageError(`${message} (see flopscope --help)`);
    });
  cli = registerRun(cli);
  cli = registerAb(cli);
  cli = registerTune(cli);
  cli = registerPeaks(cli);
  cli = registerDevice(cli);
  cli = registerEstimate(cli);
  cli = registerCompare(cli);
  cli = registerReport(cli);
  cli = registerServe(cli);
  process.exitCode = 0;
  try {
    const command = argv[0];
    if (command !== undefined && !command.startsWith('-') && !COMMANDS.includes(command)) {
      throw new UsageError(`unknown command "${command}": choose one of ${COMMANDS.join(', ')} (see flopscope --help)`);
    }
    await cli.parseAsync();
    return process.exitCode ?? 0;
  } catch (error) {
    if (isExpectedError(error)) {
      process.stderr.write(`flopscope: ${error.message}\n`);
      if (verbose) process.stderr.write(`${error.stack}\n`);
      return error instanceof Interrupted ? error.exitCode : 2;
    }
    process.stderr.write(
      `flopscope: internal error (a bug; please report it):\n${(error as Error).stack ?? String(error)}\n`,
    );
    return 1;
  }
}

const code = await main(hideBin(process.argv));
// Exit explicitly: a browser left behind by a crash must not keep the process alive.
process.stdout.write('', () => process.exit(code));
