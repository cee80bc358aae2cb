/**
 * Which browser a run asked for: `--browser firefox|chromium|chrome|PATH`, else
 * FLOPSCOPE_BROWSER (the same words or a path), else Chromium as before. A path is taken for a
 * Firefox build when its file name says so (firefox, firefox-esr, firefox-bin, ...) or, for a
 * name that says nothing (a wrapper script, `browser`), when `PATH --version` answers
 * "Mozilla Firefox ...".
 */
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

/** The two browser families flopscope drives: Chromium over CDP (Dawn), Firefox over WebDriver BiDi (wgpu). */
export type BrowserKind = 'chromium' | 'firefox';

/** What was asked for: a family, and an executable when a path was given. */
export interface BrowserRequest {
  kind: BrowserKind;
  /** The path given (--browser PATH or FLOPSCOPE_BROWSER=PATH); null: find one of `kind`. */
  executable: string | null;
  /** Where the request came from. */
  from: 'option' | 'FLOPSCOPE_BROWSER' | 'default';
}

/** Words that name a family rather than a file. */
const KEYWORDS: Readonly<Record<string, BrowserKind>> = {
  firefox: 'firefox',
  chromium: 'chromium',
  chrome: 'chromium',
};

/** File names of Chromium-family builds (never Firefox). */
const CHROMIUM_NAME = /chrom|msedge|edge|brave|opera|vivaldi/i;

/** How long `PATH --version` may take before the answer counts as "not Firefox". */
const VERSION_TIMEOUT_MS = 15_000;

/** The family of the executable at `path`, by its file name, else by what `path --version` prints. */
export function browserKindOf(path: string, version: (path: string) => string = versionText): BrowserKind {
  const name = basename(path);
  if (/firefox/i.test(name)) return 'firefox';
  if (CHROMIUM_NAME.test(name)) return 'chromium';
  return /\bMozilla Firefox\b|\bFirefox\b/.test(version(path)) ? 'firefox' : 'chromium';
}

/** What `path --version` prints ('' when it does not run). */
function versionText(path: string): string {
  const result = spawnSync(path, ['--version'], {
    encoding: 'utf8',
    timeout: VERSION_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return result.stdout ?? '';
}

/** One value (--browser's or FLOPSCOPE_BROWSER's) as a request; null for an empty one. */
function requestOf(
  value: string | undefined,
  from: BrowserRequest['from'],
  version?: (path: string) => string,
): BrowserRequest | null {
  const text = value?.trim();
  if (!text) return null;
  const keyword = KEYWORDS[text.toLowerCase()];
  if (keyword) return { kind: keyword, executable: null, from };
  return { kind: browserKindOf(text, version), executable: text, from };
}

/**
 * The browser a run asked for: --browser first, then FLOPSCOPE_BROWSER, then Chromium found as
 * src/host/browser.ts finds it. `version` stands in for `PATH --version` in tests.
 */
export function requestedBrowser(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  version?: (path: string) => string,
): BrowserRequest {
  return (
    requestOf(option, 'option', version) ??
    requestOf(env.FLOPSCOPE_BROWSER, 'FLOPSCOPE_BROWSER', version) ?? {
      kind: 'chromium',
      executable: null,
      from: 'default',
    }
  );
}

/**
 * The environment Chromium's discovery (findBrowser, ensureBrowser) should see for `request`:
 * without FLOPSCOPE_BROWSER when --browser chose the family, or when it is a keyword
 * ('chromium', 'firefox'), which discovery would read as a path.
 */
export function envForChromiumDiscovery(
  request: BrowserRequest,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const value = env.FLOPSCOPE_BROWSER?.trim().toLowerCase();
  if (value === undefined || (request.from !== 'option' && !(value in KEYWORDS))) return env;
  const { FLOPSCOPE_BROWSER: _dropped, ...rest } = env;
  return rest;
}
