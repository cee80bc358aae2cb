/**
 * Finding and launching a WebGPU-capable Chromium. Order (design.md): FLOPSCOPE_BROWSER,
 * PUPPETEER_EXECUTABLE_PATH, chromium / chromium-browser / google-chrome on PATH, then
 * puppeteer's own browser; on Debian/Ubuntu as root, Debian's chromium package is installed.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Browser as PuppeteerBrowser, computeExecutablePath, detectBrowserPlatform } from '@puppeteer/browsers';
import puppeteer, { type Browser } from 'puppeteer-core';
import { EnvironmentError, UsageError } from '../errors.js';

/** Flags that give WebGPU headless, with unquantized timestamps (developer features). */
export const WEBGPU_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-webgpu-developer-features',
  '--no-first-run',
];

/** Executable names looked up on PATH, in order. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** A browser executable and how it was found. */
export interface FoundBrowser {
  path: string;
  source: 'FLOPSCOPE_BROWSER' | 'PUPPETEER_EXECUTABLE_PATH' | 'PATH' | 'puppeteer' | 'installed' | 'option';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH. */
function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** Looks for a browser without installing anything; null when there is none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | null {
  for (const variable of ['FLOPSCOPE_BROWSER', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const path = env[variable];
    if (!path) continue;
    if (!isExecutable(path))
      throw new EnvironmentError(
        `${variable}=${path} is not an executable file: point it at a Chromium or Chrome binary, or unset it`,
      );
    return { path, source: variable };
  }
  for (const name of PATH_NAMES) {
    const path = onPath(name, env.PATH);
    if (path) return { path, source: 'PATH' };
  }
  const cached = puppeteerCacheChrome(env);
  return cached ? { path: cached, source: 'puppeteer' } : null;
}

/**
 * The newest Chrome in puppeteer's browser cache (PUPPETEER_CACHE_DIR, else ~/.cache/puppeteer,
 * where `npx @puppeteer/browsers install chrome` puts it), or null.
 */
function puppeteerCacheChrome(env: NodeJS.ProcessEnv): string | null {
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
  const platform = detectBrowserPlatform();
  if (!platform) return null;
  let builds: string[];
  try {
    builds = readdirSync(join(cacheDir, 'chrome')).filter((name) => name.startsWith(`${platform}-`));
  } catch {
    return null; // no cache: nothing downloaded (the default here)
  }
  const newest = builds
    .map((name) => name.slice(platform.length + 1))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((buildId) => computeExecutablePath({ browser: PuppeteerBrowser.CHROME, buildId, cacheDir, platform }))
    .find((path) => isExecutable(path));
  return newest ?? null;
}

/** The ID and ID_LIKE of /etc/os-release, e.g. ['debian'] or ['ubuntu', 'debian']. */
function linuxDistribution(): string[] {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (key: string) => text.match(new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm'))?.[1] ?? '';
    return `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

const HOW_TO_GET_ONE =
  'install Chromium or Chrome (Debian/Ubuntu: `apt-get install chromium`), set FLOPSCOPE_BROWSER=/path/to/chrome, ' +
  "or download one into puppeteer's cache with `npx @puppeteer/browsers install chrome`";

/**
 * A browser to run on: the one found, or on Debian/Ubuntu as root Debian's `chromium`
 * package, installed with apt-get (set FLOPSCOPE_NO_INSTALL=1 to forbid that).
 */
export function ensureBrowser(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const found = findBrowser(env);
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const debianLike =
    process.platform === 'linux' && linuxDistribution().some((id) => id === 'debian' || id === 'ubuntu');
  if (!debianLike || !isRoot || env.FLOPSCOPE_NO_INSTALL === '1') {
    throw new EnvironmentError(`no Chromium or Chrome found: ${HOW_TO_GET_ONE}`);
  }
  log("flopscope: no Chromium found; installing Debian's chromium package (apt-get install chromium)...");
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env: aptEnv, encoding: 'utf8' });
    if (result.status !== 0) {
      const reason = (result.stderr ?? result.error?.message ?? '').trim().split('\n').pop();
      throw new EnvironmentError(`apt-get ${args.join(' ')} failed (${reason}): ${HOW_TO_GET_ONE}`);
    }
  }
  const installed = findBrowser(env);
  if (!installed)
    throw new EnvironmentError(`installed the chromium package but found no chromium on PATH: ${HOW_TO_GET_ONE}`);
  log(`flopscope: installed ${installed.path}`);
  return { path: installed.path, source: 'installed' };
}

/** The browser given with --browser PATH (it overrides discovery); a UsageError when it cannot run. */
export function browserFromOption(path: string): FoundBrowser {
  if (!existsSync(path))
    throw new UsageError(
      `--browser ${path}: no such file: give the path of a Chromium, Chrome, Edge or Firefox executable, or --browser firefox / --browser chromium to find one`,
    );
  if (!isExecutable(path))
    throw new UsageError(
      `--browser ${path} is not an executable file: give the path of a Chromium, Chrome, Edge or Firefox executable, or --browser firefox / --browser chromium to find one`,
    );
  return { path, source: 'option' };
}

/**
 * Fails early when a window cannot be opened: on Linux a headful browser needs an X11 or
 * Wayland display (DISPLAY / WAYLAND_DISPLAY), e.g. a desktop session or `xvfb-run`.
 */
export function assertDisplay(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return;
  throw new EnvironmentError(
    '--headful needs a display and neither DISPLAY nor WAYLAND_DISPLAY is set: run it in a desktop session or under `xvfb-run -a flopscope ...`, or drop --headful',
  );
}

/**
 * Which browser a run uses: found or given (--browser), headless or with a window, with the hardware flags,
 * or one already running elsewhere (--browser-ws-endpoint).
 */
export interface BrowserChoice {
  /** --browser PATH: this executable instead of the discovery order. */
  executable?: string | undefined;
  /** --headful: launch with a window (needs a display). */
  headful?: boolean | undefined;
  /** --hardware-flags: add this OS's flags for a hardware adapter (src/host/hardware.ts). */
  hardwareFlags?: boolean | undefined;
  /** --browser-ws-endpoint: connect to this browser instead of launching one. */
  wsEndpoint?: string | undefined;
}

/** Options for launching the browser. */
export interface LaunchOptions {
  executable: FoundBrowser;
  /** Extra Chromium flags, after flopscope's own. */
  extraFlags?: readonly string[];
  headless?: boolean;
  /** Longest a single call into the page (one case) may take. */
  protocolTimeoutMs?: number;
}

/** A launched browser and the exact flags it was started with. */
export interface LaunchedBrowser {
  browser: Browser;
  flags: string[];
  executable: FoundBrowser;
}

/** The flags flopscope launches Chromium with on this machine. */
export function launchFlags(extraFlags: readonly string[] = []): string[] {
  // Chromium's sandbox cannot start as root; it is needed nowhere else.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return [...WEBGPU_FLAGS, ...sandbox, ...extraFlags];
}

/** Launches the browser headless with the WebGPU flags. */
export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  const flags = launchFlags(options.extraFlags);
  try {
    const browser = await puppeteer.launch({
      executablePath: options.executable.path,
      headless: options.headless ?? true,
      args: flags,
      protocolTimeout: options.protocolTimeoutMs ?? 30 * 60_000,
      // A signal stops the run, which closes the browser itself (src/host/run-to-file.ts).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return { browser, flags, executable: options.executable };
  } catch (error) {
    const first = ((error as Error).message ?? String(error)).split('\n')[0];
    throw new EnvironmentError(
      `could not launch ${options.executable.path} (${first}): check that it runs (\`${options.executable.path} --version\`) or point FLOPSCOPE_BROWSER at another build`,
    );
  }
}
