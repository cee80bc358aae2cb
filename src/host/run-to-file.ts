/**
 * The Node side of a run: open the runner, measure the plan with the core (src/measure/measure-run.ts),
 * write the results as they come (`<out>.partial.json`, then `<out>.json` when complete), close
 * the runner. A run stopped by a fault says where its finished cases are and how to resume.
 */
import { Interrupted, UsageError } from '../errors.js';
import { measureRun, type RunContext, type RunPlan } from '../measure/measure-run.js';
import { RunStopped, type ProgressHooks } from '../measure/measure-cases.js';
import type { Runner } from '../measure/runner.js';
import type { DeviceReport } from '../protocol/messages.js';
import type { Results } from '../results/schema.js';
import { ResultsWriter } from './results-files.js';
import { readCpuInfo } from './cpu-info.js';
import { harnessIdentity, hostIdentity } from './environment.js';
import { openRunner, type RunnerChoice } from './open-runner.js';

/** Where a run's results go. */
export interface RunOutput {
  /** The final results path, or a function of the adapter that gives it (the default name holds the adapter). */
  out: string | ((device: DeviceReport) => string);
  /**
   * An interrupted run's partial results to continue (--resume): its finished cases are kept; the final file
   * is the one it was writing.
   */
  resume?: { results: Results; path: string } | undefined;
}

/** The facts about this machine a run records. */
export async function localContext(): Promise<RunContext> {
  return { harness: harnessIdentity(), host: hostIdentity(), cpu: await readCpuInfo().catch(() => null) };
}

/** `x.partial.json` -> `x.json`: where a resumed run's final results go. */
export function finalPathOf(partial: string): string {
  if (!partial.endsWith('.partial.json'))
    throw new UsageError(
      `--resume ${partial}: not a partial results file (its name ends in .partial.json): give the file an interrupted run left`,
    );
  return `${partial.slice(0, -'.partial.json'.length)}.json`;
}

/** The signals that stop a run (Ctrl-C, a CI job's timeout, a closed terminal). */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Measures `plan` on the runner `choice` opens (or on `runner`, which it closes), writing the
 * results; returns them and their path. A signal stops it after closing the runner, the finished
 * cases kept in the partial file (an Interrupted error saying where).
 */
export async function runToFile(
  plan: RunPlan,
  choice: RunnerChoice,
  output: RunOutput,
  reporter: ProgressHooks,
  runner?: Runner,
): Promise<{ results: Results; path: string }> {
  const context = await localContext();
  const opened =
    runner ?? (await openRunner(choice, { log: reporter.log, onProgress: (event) => reporter.caseProgress(event) }));
  const controller = new AbortController();
  const onSignal = (signal: (typeof STOP_SIGNALS)[number]) => {
    controller.abort(new Interrupted(signal, `interrupted (${signal})`));
    // Closing the browser ends the case in flight at once.
    void opened.close().catch(() => undefined);
  };
  for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
  let writer: ResultsWriter | null = null;
  try {
    const path = output.resume
      ? finalPathOf(output.resume.path)
      : typeof output.out === 'function'
        ? output.out(opened.device)
        : output.out;
    writer = new ResultsWriter(path);
    const open = writer;
    const results = await measureRun(
      opened,
      { ...plan, signal: controller.signal },
      context,
      { ...reporter, save: (partial) => open.save(partial) },
      output.resume,
    );
    writer.finish(results);
    return { results, path };
  } catch (error) {
    const stopped = controller.signal.aborted ? (controller.signal.reason as unknown) : error;
    const where = writer
      ? `; the finished cases are in ${writer.partial}: continue with --resume ${writer.partial}`
      : '';
    if (stopped instanceof Interrupted) throw new Interrupted(stopped.signal, `${stopped.message}${where}`);
    if (stopped instanceof RunStopped) throw new RunStopped(stopped.fault, `${stopped.message}${where}`);
    throw error;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    await opened.close().catch(() => undefined);
  }
}
