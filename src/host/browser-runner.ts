/**
 * A Runner over a browser, launched here or reached elsewhere: the runner page, and a page per
 * peer library opened on first use (TF.js, ONNX Runtime Web), all in one browser from the same
 * origin. After a fault it reopens what failed: a new page (a crash), a new device (a loss), or
 * the whole browser again (it exited or disconnected), and checks the adapter is still the same.
 */
import type { Browser } from 'puppeteer-core';
import { EnvironmentError } from '../errors.js';
import type { BrowserIdentity, Runner } from '../measure/runner.js';
import { DeviceReportSchema, type DeviceReport, type FaultKind, type TimingOptions } from '../protocol/messages.js';
import type { CaseProgram, Prepared, Timed, TimedPair } from '../protocol/program.js';
import type { RunEnvironment } from '../results/schema.js';
import type { AdapterInference } from '../specs/unnamed-adapter.js';
import { PageSession, type PageHooks } from './page-session.js';

/** A browser ready for the runner: where its pages load from, and how to let go of it. */
export interface ConnectedBrowser {
  browser: Browser;
  /** The runner page's URL; peer pages are found beside it (new URL('tfjs.html', url)). */
  url: string;
  /** The browser as the results record it (its user agent comes from the runner page). */
  identity: Omit<BrowserIdentity, 'userAgent'>;
  hooks: Omit<PageHooks, 'browserGone'>;
  /** For a browser on another machine: that machine, as the runner page describes it. */
  describeMachine?: ((session: PageSession) => Promise<RunEnvironment['host']>) | undefined;
  /** What is known of an adapter that reports no name (Firefox: lavapipe), from its device report. */
  inferAdapter?: ((device: DeviceReport) => AdapterInference | undefined) | undefined;
  /** Why the browser is gone ('signal SIGKILL', 'exit code 1'), or null while it runs. */
  gone(): string | null;
  /** The fault a gone browser is: it exited (launched here), or the connection to it closed (remote). */
  faultWhenGone: Extract<FaultKind, 'browser-exited' | 'disconnected'>;
  /** Closes what this connection opened (a launched browser and its server; a remote one is only disconnected). */
  close(): Promise<void>;
}

/** Opens the browser again, the same way (a launch, or a connection). */
export type BrowserConnector = () => Promise<ConnectedBrowser>;

/** What adapter a report is of, to tell whether a relaunched browser got the same one. */
function adapterKey(device: DeviceReport): string {
  return JSON.stringify(device.adapter);
}

/** Page hooks of a connected browser: its own, and the fault its pages report when it is gone. */
function pageHooks(connected: ConnectedBrowser): PageHooks {
  return { ...connected.hooks, browserGone: connected.gone, faultWhenGone: connected.faultWhenGone };
}

/** Opens the runner page on a connected browser. */
async function runnerPage(
  connected: ConnectedBrowser,
): Promise<{ session: PageSession; device: DeviceReport; machine: RunEnvironment['host'] | undefined }> {
  const session = await PageSession.open(connected.browser, connected.url, pageHooks(connected));
  const parsed = DeviceReportSchema.safeParse(session.info);
  if (!parsed.success) throw new Error(`the runner page sent a malformed device report: ${parsed.error.message}`);
  return { session, device: parsed.data, machine: await connected.describeMachine?.(session) };
}

/** The Runner over the browser `connect` opens. */
export class BrowserRunner implements Runner {
  private peers = new Map<string, Promise<PageSession>>();
  /** Prepared cases: our handle -> the page and its handle. */
  private handles = new Map<number, { session: PageSession; handle: number }>();
  private nextHandle = 1;

  private constructor(
    private readonly connect: BrowserConnector,
    private connected: ConnectedBrowser,
    private main: PageSession,
    public device: DeviceReport,
    readonly machine: RunEnvironment['host'] | undefined,
  ) {}

  /** Connects (or launches) and opens the runner page. */
  static async open(connect: BrowserConnector): Promise<BrowserRunner> {
    const connected = await connect();
    try {
      const { session, device, machine } = await runnerPage(connected);
      return new BrowserRunner(connect, connected, session, device, machine);
    } catch (error) {
      await connected.close().catch(() => undefined);
      throw error;
    }
  }

  get adapterInferred(): AdapterInference | undefined {
    return this.connected.inferAdapter?.(this.device);
  }

  get browser(): BrowserIdentity {
    return { ...this.connected.identity, userAgent: this.device.userAgent };
  }

  /** The runner page (tests crash it on purpose). */
  get runnerPage(): PageSession {
    return this.main;
  }

  /** The browser process's connection (tests kill it on purpose). */
  get puppeteerBrowser(): Browser {
    return this.connected.browser;
  }

  private sessionFor(program: CaseProgram): Promise<PageSession> {
    if (!program.peer) return Promise.resolve(this.main);
    const page = program.peer.page;
    let peer = this.peers.get(page);
    if (!peer) {
      peer = PageSession.open(
        this.connected.browser,
        new URL(page, this.connected.url).href,
        pageHooks(this.connected),
      );
      // A page that failed to open is tried again next time.
      peer.catch(() => this.peers.delete(page));
      this.peers.set(page, peer);
    }
    return peer;
  }

  async prepare(program: CaseProgram): Promise<Prepared> {
    let session: PageSession;
    try {
      session = await this.sessionFor(program);
    } catch (error) {
      const gone = this.connected.gone();
      const message = `the peer page ${program.peer?.page} failed: ${(error as Error).message?.split('\n')[0]}`;
      return {
        ok: false,
        failure: { status: 'error', ...(gone ? { fault: this.connected.faultWhenGone, message: gone } : { message }) },
      };
    }
    const prepared = await session.prepare(program);
    if (!prepared.ok) return prepared;
    const handle = this.nextHandle++;
    this.handles.set(handle, { session, handle: prepared.handle });
    return { ...prepared, handle };
  }

  async time(handle: number, timing: TimingOptions): Promise<Timed> {
    const entry = this.handles.get(handle);
    if (!entry) return { ok: false, failure: { status: 'error', message: `prepared case ${handle} is gone` } };
    return entry.session.time(entry.handle, timing);
  }

  async timeInterleaved(handles: readonly [number, number], timing: TimingOptions): Promise<TimedPair> {
    const [a, b] = handles.map((handle) => this.handles.get(handle));
    if (!a || !b)
      return { ok: false, failure: { status: 'error', message: `prepared cases ${handles.join(' and ')} are gone` } };
    if (a.session !== b.session)
      return {
        ok: false,
        failure: {
          status: 'unsupported',
          message: 'the two sides run on different pages (a peer library): they cannot be interleaved',
        },
      };
    return a.session.timeInterleaved([a.handle, b.handle], timing);
  }

  async release(handle: number): Promise<void> {
    const entry = this.handles.get(handle);
    this.handles.delete(handle);
    await entry?.session.release(entry.handle);
  }

  async recover(fault: FaultKind): Promise<void> {
    const before = this.device;
    this.handles.clear();
    await this.closePeers();
    if (fault === 'browser-exited' || fault === 'disconnected') {
      await this.connected.close().catch(() => undefined);
      this.connected = await this.connect();
    } else {
      await this.main.close();
    }
    // A new page gets a new device (a lost one is never given back).
    const { session, device } = await runnerPage(this.connected);
    this.main = session;
    if (adapterKey(device) !== adapterKey(before)) {
      throw new EnvironmentError(
        `after restarting, the browser gave another adapter (${device.adapter.description || device.adapter.vendor}): the rest would not compare`,
      );
    }
    this.device = device;
  }

  /** A fresh browser (a launched one is closed and launched again; a remote one reconnected, in a new tab). */
  async restart(): Promise<void> {
    await this.recover('browser-exited');
  }

  private async closePeers(): Promise<void> {
    for (const peer of this.peers.values()) await (await peer.catch(() => null))?.close();
    this.peers.clear();
  }

  async close(): Promise<void> {
    await this.closePeers();
    await this.main.close();
    await this.connected.close();
  }
}
