/**
 * A runner session: one browser page with the runner loaded, driven through the typed
 * protocol. Everything the page returns is validated; a crashed page is replaced so that one
 * bad case does not end the run.
 */
import type { Browser, Page } from 'puppeteer';
import { EnvironmentError } from '../errors.js';
import {
  CaseOutcomeSchema,
  DeviceReportSchema,
  ProgressEventSchema,
  type CaseOutcome,
  type CaseRequest,
  type DeviceReport,
  type ProgressEvent,
  type RunnerApi,
} from '../protocol/messages.js';
import { MACHINE_GLOBAL, PROGRESS_BINDING } from '../protocol/binding.js';
import { BrowserMachineSchema, type BrowserMachine } from '../protocol/machine.js';

/** What the session reports while it works. */
export interface SessionHooks {
  onProgress?: (event: ProgressEvent) => void;
  /** Console output and errors of the page (shown with --verbose). */
  onPageLog?: (line: string) => void;
  /** Runs on each new page before it loads the runner (a remote browser gets the runner's files this way). */
  preparePage?: (page: Page) => Promise<void>;
  /** What to tell the user when the page gets no adapter, from the page's message (default: Chromium's advice). */
  noAdapterHelp?: (pageMessage: string) => string;
  /**
   * Why the page failed, asked after an evaluate rejected when no crash was reported: over
   * WebDriver BiDi (Firefox) a page never emits 'error', and a dead tab shows up only here.
   */
  explainFailure?: (page: Page) => Promise<string | null>;
}

const NO_ADAPTER_HELP =
  'the browser gave no WebGPU adapter: check that it is Chromium/Chrome 113 or newer, that WebGPU is not blocklisted ' +
  '(on a machine with a GPU try --hardware-flags; docs/hardware.md), and see chrome://gpu';

/** A page with the runner loaded. */
export class RunnerSession {
  private page: Page | null = null;
  private crashed: string | null = null;

  private constructor(
    private readonly browser: Browser,
    private readonly url: string,
    private readonly hooks: SessionHooks,
    /** The adapter the page got when the session opened. */
    public device: DeviceReport,
  ) {}

  /** Opens a page on `url` (the runner) and asks it for its adapter. */
  static async open(browser: Browser, url: string, hooks: SessionHooks = {}): Promise<RunnerSession> {
    const session = new RunnerSession(browser, url, hooks, undefined as unknown as DeviceReport);
    session.device = await session.openPage();
    return session;
  }

  private async openPage(): Promise<DeviceReport> {
    const page = await this.browser.newPage();
    this.page = page;
    this.crashed = null;
    page.on('console', (message) => this.hooks.onPageLog?.(`page ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => this.hooks.onPageLog?.(`page error: ${(error as Error).message ?? String(error)}`));
    page.on('error', (error) => {
      this.crashed = error.message;
    });
    await page.exposeFunction(PROGRESS_BINDING, (event: unknown) => {
      const parsed = ProgressEventSchema.safeParse(event);
      if (parsed.success) this.hooks.onProgress?.(parsed.data);
    });
    await this.hooks.preparePage?.(page);
    await page.goto(this.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'flopscope' in window, { timeout: 30_000 });
    let report: unknown;
    try {
      report = await page.evaluate(() => (window as unknown as { flopscope: RunnerApi }).flopscope.init());
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (/NoWebGpuError|navigator\.gpu|requestAdapter/.test(message)) {
        throw new EnvironmentError(this.hooks.noAdapterHelp?.(message) ?? `${NO_ADAPTER_HELP} (${message.split('\n')[0]})`);
      }
      throw error;
    }
    const parsed = DeviceReportSchema.safeParse(report);
    if (!parsed.success) throw new Error(`the runner page sent a malformed device report: ${parsed.error.message}`);
    return parsed.data;
  }

  /** What the browser says about the machine it runs on (for a browser on another machine). */
  async describeMachine(): Promise<BrowserMachine> {
    if (!this.page || this.page.isClosed()) await this.replacePage();
    const raw = await this.page!.evaluate((name) => (window as unknown as Record<string, () => Promise<unknown>>)[name]!(), MACHINE_GLOBAL);
    const parsed = BrowserMachineSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`the runner page sent a malformed machine description: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /** Runs one case in the page; a page crash or a malformed answer becomes an `error` outcome. */
  async runCase(request: CaseRequest): Promise<CaseOutcome> {
    if (!this.page || this.crashed || this.page.isClosed()) await this.replacePage();
    let raw: unknown;
    try {
      raw = await this.page!.evaluate((req) => (window as unknown as { flopscope: RunnerApi }).flopscope.runCase(req), request);
    } catch (error) {
      if (!this.crashed && this.hooks.explainFailure) this.crashed = await this.hooks.explainFailure(this.page!).catch(() => null);
      const reason = this.crashed ?? (error as Error).message?.split('\n')[0] ?? String(error);
      this.crashed = reason;
      return { status: 'error', message: `the runner page failed: ${reason}`, correctness: null, timing: null };
    }
    const parsed = CaseOutcomeSchema.safeParse(raw);
    if (!parsed.success) {
      return { status: 'error', message: `the runner page sent a malformed result: ${parsed.error.issues[0]?.message}`, correctness: null, timing: null };
    }
    return parsed.data;
  }

  private async replacePage(): Promise<void> {
    await this.page?.close().catch(() => undefined);
    this.device = await this.openPage();
  }

  /** Closes the page (the browser belongs to the caller). */
  async close(): Promise<void> {
    await this.page?.close().catch(() => undefined);
    this.page = null;
  }
}
