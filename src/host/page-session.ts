/**
 * One browser page with an executor on it (`window.flopscope`: the runner page, or a peer
 * library's page), driven through src/protocol/program.ts. Everything the page returns is
 * validated; a page that crashed, or a browser that went away, becomes a Failure with its fault
 * code, for the core to recover from (src/measure/measure-cases.ts).
 */
import type { Browser, Page } from 'puppeteer-core';
import { EnvironmentError } from '../errors.js';
import { MACHINE_GLOBAL, PROGRESS_BINDING } from '../protocol/binding.js';
import { BrowserMachineSchema, type BrowserMachine } from '../protocol/machine.js';
import { ProgressEventSchema, type FaultKind, type ProgressEvent, type TimingOptions } from '../protocol/messages.js';
import {
  PreparedWireSchema,
  TimedPairSchema,
  TimedSchema,
  type CaseProgram,
  type Failure,
  type Prepared,
  type Timed,
  type TimedPair,
} from '../protocol/program.js';
import { decodeFloats } from '../protocol/wire.js';
import { EXECUTOR_GLOBAL } from '../protocol/binding.js';

/** What the session reports while it works. */
export interface PageHooks {
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** Console output and errors of the page (shown with --verbose). */
  onPageLog?: ((line: string) => void) | undefined;
  /** Adapter features the kernels need: asked for when the device is opened (where the adapter has them). */
  features?: readonly string[] | undefined;
  /** Runs on each new page before it loads (a remote browser gets the runner's files this way). */
  preparePage?: ((page: Page) => Promise<void>) | undefined;
  /**
   * Why the browser is gone, when it is (e.g. 'signal SIGKILL'): a failed call is then the browser's fault,
   * not the page's.
   */
  browserGone?: (() => string | null) | undefined;
  /** The fault a gone browser is (default browser-exited; a remote browser's connection: disconnected). */
  faultWhenGone?: FaultKind | undefined;
  /**
   * Resolves once a browser that went away has told how (its process's exit): waited for, briefly, before
   * saying why a call failed.
   */
  settled?: (() => Promise<void>) | undefined;
  /** What to tell the user when the page gets no adapter, from the page's message (default: Chromium's advice). */
  noAdapterHelp?: ((pageMessage: string) => string) | undefined;
  /**
   * Why the page failed, asked after a call rejected when no crash was reported: over WebDriver
   * BiDi (Firefox) a page never emits 'error', and a dead tab shows up only here.
   */
  explainFailure?: ((page: Page) => Promise<string | null>) | undefined;
}

const NO_ADAPTER_HELP =
  'the browser gave no WebGPU adapter: check that it is Chromium/Chrome 113 or newer, that WebGPU is not blocklisted ' +
  '(on a machine with a GPU try --hardware-flags; docs/hardware.md), and see chrome://gpu';

/**
 * How long a page may take to load its executor and get a device: a GPU process that keeps
 * failing to start (a missing driver behind --hardware-flags) never answers. 60 s, or
 * FLOPSCOPE_INIT_TIMEOUT seconds (a machine known to answer fast, or one known to be slow).
 */
const INIT_DEADLINE_MS = initDeadlineMs(process.env.FLOPSCOPE_INIT_TIMEOUT);

function initDeadlineMs(seconds: string | undefined): number {
  const value = Number(seconds);
  return seconds !== undefined && Number.isFinite(value) && value > 0 ? value * 1000 : 60_000;
}

/** How long a failed call waits for a gone browser's process to report its exit. */
const SETTLE_MS = 1000;

type Executor = Record<
  'init' | 'prepare' | 'time' | 'timeInterleaved' | 'release',
  (...args: unknown[]) => Promise<unknown>
>;

/** A page with an executor loaded. */
export class PageSession {
  private crashed: string | null = null;
  /**
   * Resolves when the page crashes or closes: a call in flight on a crashed page never answers (it waits for
   * the protocol timeout).
   */
  private readonly ended: Promise<void>;
  private end: () => void = () => undefined;

  private constructor(
    readonly page: Page,
    private readonly hooks: PageHooks,
    /** What the page's executor said when it started: the runner's DeviceReport, or a peer library's info. */
    readonly info: unknown,
  ) {
    this.ended = new Promise((resolve) => {
      this.end = resolve;
    });
    page.on('error', (error) => {
      this.crashed = error.message;
      this.end();
    });
    page.once('close', () => this.end());
    page.browser().once('disconnected', () => this.end());
  }

  /** Opens a page on `url`, waits for its executor and starts it. */
  static async open(browser: Browser, url: string, hooks: PageHooks = {}): Promise<PageSession> {
    const page = await browser.newPage();
    let crashed: string | null = null;
    page.on('console', (message) => hooks.onPageLog?.(`page ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => hooks.onPageLog?.(`page error: ${(error as Error).message ?? String(error)}`));
    page.on('error', (error) => {
      crashed = error.message;
    });
    await page.exposeFunction(PROGRESS_BINDING, (event: unknown) => {
      const parsed = ProgressEventSchema.safeParse(event);
      if (parsed.success) hooks.onProgress?.(parsed.data);
    });
    await hooks.preparePage?.(page);
    let info: unknown;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `no answer from navigator.gpu.requestAdapter() and the device within ${INIT_DEADLINE_MS / 1000} s`,
            ),
          ),
        INIT_DEADLINE_MS,
      );
      page.once('error', (error) => reject(new Error(`crash: ${error.message}`)));
    });
    deadline.catch(() => undefined);
    try {
      const start = async (): Promise<unknown> => {
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction((name) => name in window, { timeout: INIT_DEADLINE_MS }, EXECUTOR_GLOBAL);
        return page.evaluate(
          (name, features) => (window as unknown as Record<string, Executor>)[name]!.init({ features }),
          EXECUTOR_GLOBAL,
          [...(hooks.features ?? [])],
        );
      };
      const started = start();
      started.catch(() => undefined);
      info = await Promise.race([started, deadline]);
    } catch (error) {
      const message = ((error as Error).message ?? String(error)).split('\n')[0]!;
      if (/NoWebGpuError|navigator\.gpu|requestAdapter|WebGPU is not (yet )?available/.test(message))
        throw new EnvironmentError(hooks.noAdapterHelp?.(message) ?? `${NO_ADAPTER_HELP} (${message})`);
      // A GPU process that cannot start (a missing driver behind --hardware-flags, say) takes the page down with it.
      if (crashed !== null || /Target closed|crash/i.test(message))
        throw new EnvironmentError(
          `${NO_ADAPTER_HELP} (the page crashed while asking for an adapter: ${crashed ?? message})`,
        );
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const session = new PageSession(page, hooks, info);
    session.crashed = crashed;
    return session;
  }

  /** The page's state as a fault: the browser gone, the page crashed or closed; null while it is fine. */
  fault(): { fault: FaultKind; message: string } | null {
    const gone = this.hooks.browserGone?.();
    if (gone !== null && gone !== undefined)
      return { fault: this.hooks.faultWhenGone ?? 'browser-exited', message: gone };
    if (this.crashed !== null) return { fault: 'page-crashed', message: this.crashed };
    if (this.page.isClosed()) return { fault: 'page-crashed', message: 'the page was closed' };
    return null;
  }

  /** Calls the executor; a call that fails because the page or browser did is a Failure with its fault. */
  private async call(method: keyof Executor, ...args: unknown[]): Promise<{ value: unknown } | { failure: Failure }> {
    const before = this.fault();
    if (before) return { failure: { status: 'error', ...before } };
    try {
      const call = this.page.evaluate(
        (name, m, a) => (window as unknown as Record<string, Executor>)[name]![m](...a),
        EXECUTOR_GLOBAL,
        method,
        args,
      );
      call.catch(() => undefined); // answered by `ended` instead, it may reject later
      const value = await Promise.race([
        call,
        this.ended.then(() => Promise.reject(new Error('the page crashed or closed during the call'))),
      ]);
      return { value };
    } catch (error) {
      const first = (error as Error).message?.split('\n')[0] ?? String(error);
      // A closed connection or target means the browser or page is gone; say which if it is known
      // (a killed browser's connection drops before its process is reaped: give it a moment).
      await Promise.race([this.hooks.settled?.(), new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
      if (this.crashed === null && this.hooks.explainFailure)
        this.crashed = await this.hooks.explainFailure(this.page).catch(() => null);
      const after = this.fault();
      if (after) return { failure: { status: 'error', ...after } };
      if (
        /Target closed|Session closed|Connection closed|detached|Protocol error.*(closed|crash)|browser has disconnected/i.test(
          first,
        )
      ) {
        return { failure: { status: 'error', fault: 'disconnected', message: first } };
      }
      return { failure: { status: 'error', message: `the page failed: ${first}` } };
    }
  }

  /** Builds the case, runs it once and returns its output elements (see src/protocol/program.ts). */
  async prepare(program: CaseProgram): Promise<Prepared> {
    const answer = await this.call('prepare', program);
    if ('failure' in answer) return { ok: false, failure: answer.failure };
    const parsed = PreparedWireSchema.safeParse(answer.value);
    if (!parsed.success)
      return {
        ok: false,
        failure: { status: 'error', message: `the page sent a malformed answer: ${parsed.error.issues[0]?.message}` },
      };
    return parsed.data.ok
      ? { ok: true, handle: parsed.data.handle, output: decodeFloats(parsed.data.output) }
      : parsed.data;
  }

  /** Times a prepared case. */
  async time(handle: number, timing: TimingOptions): Promise<Timed> {
    const answer = await this.call('time', handle, timing);
    if ('failure' in answer) return { ok: false, failure: answer.failure };
    const parsed = TimedSchema.safeParse(answer.value);
    if (!parsed.success)
      return {
        ok: false,
        failure: { status: 'error', message: `the page sent a malformed timing: ${parsed.error.issues[0]?.message}` },
      };
    return parsed.data;
  }

  /** Times two prepared cases of this page against each other. */
  async timeInterleaved(handles: readonly [number, number], timing: TimingOptions): Promise<TimedPair> {
    const answer = await this.call('timeInterleaved', handles, timing);
    if ('failure' in answer) return { ok: false, failure: answer.failure };
    const parsed = TimedPairSchema.safeParse(answer.value);
    if (!parsed.success)
      return {
        ok: false,
        failure: { status: 'error', message: `the page sent a malformed timing: ${parsed.error.issues[0]?.message}` },
      };
    return parsed.data;
  }

  /** Frees a prepared case (nothing to free on a page that is gone). */
  async release(handle: number): Promise<void> {
    await this.call('release', handle);
  }

  /** What the browser says about the machine it runs on (for a browser on another machine). */
  async describeMachine(): Promise<BrowserMachine> {
    const raw = await this.page.evaluate(
      (name) => (window as unknown as Record<string, () => Promise<unknown>>)[name]!(),
      MACHINE_GLOBAL,
    );
    const parsed = BrowserMachineSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(`the runner page sent a malformed machine description: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /** Closes the page (the browser belongs to the caller). */
  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}
