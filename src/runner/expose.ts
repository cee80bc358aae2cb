/** Putting an executor on a page as `window.flopscope`, with outputs encoded for the trip to the host. */
import type { ExecutorApi, PreparedWire } from '../protocol/program.js';
import { EXECUTOR_GLOBAL } from '../protocol/binding.js';
import { encodeFloats } from '../protocol/wire.js';

/** An executor whose `init` says what it is: the runner's (a DeviceReport) or a peer library's. */
type AnyExecutor = Omit<ExecutorApi, 'init'> & { init(options?: Parameters<ExecutorApi['init']>[0]): Promise<unknown> };

/** Exposes `executor` on this page (the runner page, or a peer library's page). */
export function exposeExecutor(executor: AnyExecutor): void {
  const wire = {
    init: (options?: Parameters<ExecutorApi['init']>[0]) => executor.init(options),
    prepare: async (program: Parameters<ExecutorApi['prepare']>[0]): Promise<PreparedWire> => {
      const prepared = await executor.prepare(program);
      return prepared.ok ? { ok: true, handle: prepared.handle, output: encodeFloats(prepared.output) } : prepared;
    },
    time: (handle: number, timing: Parameters<ExecutorApi['time']>[1]) => executor.time(handle, timing),
    timeInterleaved: (handles: readonly [number, number], timing: Parameters<ExecutorApi['time']>[1]) =>
      executor.timeInterleaved(handles, timing),
    release: (handle: number) => executor.release(handle),
  };
  (window as unknown as Record<string, unknown>)[EXECUTOR_GLOBAL] = wire;
}
