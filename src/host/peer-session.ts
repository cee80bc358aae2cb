/**
 * A peer page (e.g. TF.js's, src/peers/tfjs-page.ts) in the runner's browser, from the same
 * loopback server: opened on first use, driven like the runner page, its answers validated.
 */
import type { Browser, Page } from 'puppeteer';
import { CaseOutcomeSchema, type CaseOutcome, type CaseRequest } from '../protocol/messages.js';

interface PeerWindow {
  flopscopePeer: { init(): Promise<unknown>; runCase(request: CaseRequest): Promise<unknown> };
}

/** Opens peer pages by name and runs cases on them. */
export class PeerPages {
  private readonly pages = new Map<string, Promise<Page>>();

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  private open(name: string): Promise<Page> {
    let page = this.pages.get(name);
    if (!page) {
      page = (async () => {
        const opened = await this.browser.newPage();
        await opened.goto(new URL(name, this.baseUrl).href, { waitUntil: 'load' });
        await opened.waitForFunction(() => 'flopscopePeer' in window, { timeout: 60_000 });
        await opened.evaluate(() => (window as unknown as PeerWindow).flopscopePeer.init());
        return opened;
      })();
      this.pages.set(name, page);
    }
    return page;
  }

  /** Runs one case on the peer page `name`; a failure becomes an `error` outcome. */
  async runCase(name: string, request: CaseRequest): Promise<CaseOutcome> {
    try {
      const page = await this.open(name);
      const raw = await page.evaluate((req) => (window as unknown as PeerWindow).flopscopePeer.runCase(req), request);
      const parsed = CaseOutcomeSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
      return { status: 'error', message: `the peer page ${name} sent a malformed result: ${parsed.error.issues[0]?.message}`, correctness: null, timing: null };
    } catch (error) {
      this.pages.delete(name);
      return { status: 'error', message: `the peer page ${name} failed: ${(error as Error).message?.split('\n')[0]}`, correctness: null, timing: null };
    }
  }

  /** Closes every peer page. */
  async close(): Promise<void> {
    for (const page of this.pages.values()) await (await page.catch(() => null))?.close().catch(() => undefined);
    this.pages.clear();
  }
}
