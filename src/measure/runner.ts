/**
 * What the measuring core runs cases on: one interface for every runner (a local or remote
 * browser page, Dawn in Node, the serve page itself). src/host/open-runner.ts opens the Node
 * ones; the serve page wraps its own executor.
 */
import type { DeviceReport, FaultKind, TimingOptions } from '../protocol/messages.js';
import type { CaseProgram, Prepared, Timed, TimedPair } from '../protocol/program.js';
import type { RunEnvironment } from '../results/schema.js';

/** What the results record about the browser (or the runtime standing in for one). */
export type BrowserIdentity = RunEnvironment['browser'];

/** A runner: builds, runs and times case programs on one WebGPU device. */
export interface Runner {
  /** The adapter the runner has now (again after a recovery). */
  readonly device: DeviceReport;
  readonly browser: BrowserIdentity;
  /** What is known of an adapter that reports no name (Firefox's empty adapter.info), where inferred. */
  readonly adapterInferred?: RunEnvironment['adapterInferred'];
  /** The machine the runner is on when it is not this one (a remote browser), as it describes itself. */
  readonly machine?: RunEnvironment['host'] | undefined;
  prepare(program: CaseProgram): Promise<Prepared>;
  time(handle: number, timing: TimingOptions): Promise<Timed>;
  /** Times two prepared cases against each other, sample by sample in a balanced order (for A/B runs). */
  timeInterleaved(handles: readonly [number, number], timing: TimingOptions): Promise<TimedPair>;
  release(handle: number): Promise<void>;
  /**
   * After a fault: relaunch the browser, reopen the page or get a new device, so the run can go
   * on; rejects when it cannot. Absent on runners that cannot recover.
   */
  recover?(fault: FaultKind): Promise<void>;
  /**
   * A fresh runner process, the same adapter (--launches: each launch's offset is its own).
   * Absent on runners that cannot start again (Dawn in this process).
   */
  restart?(): Promise<void>;
  close(): Promise<void>;
}
