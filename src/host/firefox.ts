/**
 * Firefox as a runner: the second WebGPU implementation (wgpu and naga, where Chromium has Dawn
 * and Tint), driven by puppeteer over WebDriver BiDi. Found as FLOPSCOPE_BROWSER, then
 * firefox-esr and firefox on PATH; on Debian/Ubuntu as root, installed with apt-get (firefox-esr,
 * and mesa-vulkan-drivers for a Vulkan driver: Firefox runs WebGPU on Vulkan on Linux, on the
 * CPU through lavapipe where there is no GPU). Launched headless with a fresh profile holding
 * FIREFOX_PREFS, made by flopscope under the temporary folder and deleted on close, or when the
 * process exits (Ctrl-C included): puppeteer's own temporary profile was left behind here (39 MB)
 * when Firefox's content processes were still writing to it as puppeteer removed it, and always
 * on Ctrl-C, where puppeteer exits before its asynchronous cleanup runs.
 *
 * What differs from Chromium over CDP, as seen with puppeteer 24.43 and Firefox ESR 153 here:
 * page.exposeFunction, request interception (request.respond) and evaluate work as they do over
 * CDP (200,000 numbers came back in 3.8 s); browser.version() says 'firefox/153.8.0'; a page
 * never emits 'error' when its content process dies: the pending evaluate rejects instead, and
 * the tab is left on a parent-process page where evaluate is refused (tabCrashed() below).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { EnvironmentError, UsageError } from '../errors.js';
import type { DeviceReport, ProgressEvent } from '../protocol/messages.js';
import { inferUnnamedAdapter } from '../specs/unnamed-adapter.js';
import type { BrowserRequest } from './browser-kind.js';
import type { FoundBrowser } from './browser.js';
import { gpuDeviceNodes, softwareAdapterWarning } from './hardware.js';
import { runnerDir } from './paths.js';
import type { BrowserConnector, ConnectedBrowser } from './browser-runner.js';
import { serveStatic } from './static-server.js';
import { cpuRendererOf, installedVulkanIcds } from './vulkan-drivers.js';

/**
 * Preferences of the profile flopscope launches Firefox with. Measured here (Firefox ESR 153,
 * page on 127.0.0.1): without dom.webgpu.enabled, navigator.gpu is missing; with it alone,
 * requestAdapter() returns null (the blocklist hides lavapipe); with both, lavapipe's adapter.
 * privacy.reduceTimerPrecision rounds performance.now() to 1 ms; off, its step is 20 µs, which
 * is what the wall-clock fallback and the warm-up loop time with.
 */
export const FIREFOX_PREFS: Readonly<Record<string, boolean>> = {
  'dom.webgpu.enabled': true,
  'gfx.webgpu.ignore-blocklist': true,
  'privacy.reduceTimerPrecision': false,
};

/** Executable names looked up on PATH, in order (Debian's firefox is a script that runs firefox-esr). */
const PATH_NAMES = ['firefox-esr', 'firefox'];

/** apt packages that give Firefox and a Vulkan driver (lavapipe at least). */
const APT_PACKAGES = ['firefox-esr', 'mesa-vulkan-drivers'];

const HOW_TO_GET_FIREFOX =
  'install Firefox and a Vulkan driver (Debian/Ubuntu: `apt-get install firefox-esr mesa-vulkan-drivers`), or set FLOPSCOPE_BROWSER=/path/to/firefox';

/** How a profile that flopscope did not make gets WebGPU: its user.js (a remote Firefox, a served page). */
export function firefoxUserJs(prefs: Readonly<Record<string, boolean | number | string>> = FIREFOX_PREFS): string {
  return (
    Object.entries(prefs)
      .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
      .join('\n') + '\n'
  );
}

/** What to do when Firefox gives no adapter, from what the page said (navigator.gpu missing, or no adapter). */
export function firefoxNoAdapterHelp(pageMessage: string): string {
  const first = pageMessage.split('\n')[0]!;
  if (/navigator\.gpu is missing/.test(first) && !/secure context/.test(first)) {
    return `Firefox has WebGPU disabled in this profile (${first}): set dom.webgpu.enabled to true (about:config, or the profile's user.js; flopscope sets it in the profiles it makes)`;
  }
  if (/WebGPU is not (yet )?available/.test(first)) {
    return `this Firefox build has no WebGPU (${first}): use Firefox 153 or newer (ESR 153 runs WebGPU on lavapipe), or run in Chromium (drop --browser firefox)`;
  }
  return (
    `Firefox gave no WebGPU adapter (${first}): set gfx.webgpu.ignore-blocklist to true (the blocklist hides lavapipe and many Linux drivers) ` +
    "and check that a Vulkan driver is installed (Debian/Ubuntu: `apt-get install mesa-vulkan-drivers` for lavapipe on the CPU, or the GPU vendor's driver)"
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** A Firefox found on PATH, without installing anything; null when there is none. */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): FoundBrowser | null {
  for (const name of PATH_NAMES) {
    const path = onPath(name, env.PATH);
    if (path) return { path, source: 'PATH' };
  }
  return null;
}

function debianLikeRoot(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)="?[^"\n]*\b(debian|ubuntu)\b/m.test(text);
  } catch {
    return false;
  }
}

function aptInstall(packages: readonly string[]): void {
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env: aptEnv, encoding: 'utf8' });
    if (result.status !== 0) {
      const reason = (result.stderr ?? result.error?.message ?? '').trim().split('\n').pop();
      throw new EnvironmentError(`apt-get ${args.join(' ')} failed (${reason}): ${HOW_TO_GET_FIREFOX}`);
    }
  }
}

/**
 * The Firefox a request names: the path given (--browser PATH, FLOPSCOPE_BROWSER=PATH), else one
 * on PATH, else on Debian/Ubuntu as root Debian's firefox-esr and mesa-vulkan-drivers, installed
 * with apt-get (FLOPSCOPE_NO_INSTALL=1 forbids it). A Vulkan driver is installed the same way
 * when Firefox is there but no driver is.
 */
export function ensureFirefox(
  request: BrowserRequest,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): FoundBrowser {
  if (request.executable !== null) {
    const what =
      request.from === 'option' ? `--browser ${request.executable}` : `FLOPSCOPE_BROWSER=${request.executable}`;
    const Problem = request.from === 'option' ? UsageError : EnvironmentError;
    if (!existsSync(request.executable))
      throw new Problem(`${what}: no such file: give the path of a Firefox executable, or \`firefox\` to find one`);
    if (!isExecutable(request.executable))
      throw new Problem(
        `${what} is not an executable file: give the path of a Firefox executable, or \`firefox\` to find one`,
      );
    return { path: request.executable, source: request.from === 'option' ? 'option' : 'FLOPSCOPE_BROWSER' };
  }
  const mayInstall = debianLikeRoot() && env.FLOPSCOPE_NO_INSTALL !== '1';
  const found = findFirefox(env);
  if (found) {
    if (mayInstall && process.platform === 'linux' && installedVulkanIcds(env).length === 0) {
      log(
        "flopscope: Firefox runs WebGPU on Vulkan and no Vulkan driver is installed; installing Debian's mesa-vulkan-drivers (apt-get install mesa-vulkan-drivers)...",
      );
      aptInstall(['mesa-vulkan-drivers']);
    }
    return found;
  }
  if (!mayInstall)
    throw new EnvironmentError(`no Firefox found (looked for ${PATH_NAMES.join(', ')} on PATH): ${HOW_TO_GET_FIREFOX}`);
  log(
    `flopscope: no Firefox found; installing Debian's ${APT_PACKAGES.join(' and ')} (apt-get install ${APT_PACKAGES.join(' ')})...`,
  );
  aptInstall(APT_PACKAGES);
  const installed = findFirefox(env);
  if (!installed)
    throw new EnvironmentError(
      `installed ${APT_PACKAGES.join(' ')} but found no ${PATH_NAMES.join(' or ')} on PATH: ${HOW_TO_GET_FIREFOX}`,
    );
  log(`flopscope: installed ${installed.path}`);
  return { path: installed.path, source: 'installed' };
}

/** 'firefox/153.8.0' (puppeteer over BiDi) as results record browser versions: 'Firefox/153.8.0'. */
export function firefoxVersion(reported: string): string {
  return reported.replace(/^firefox\//i, 'Firefox/');
}

/** A launched Firefox, its command line and the preferences of its profile. */
export interface LaunchedFirefox {
  browser: Browser;
  /** Its command line after the executable, without the profile's path (a temporary folder). */
  flags: string[];
  prefs: Record<string, boolean>;
  executable: FoundBrowser;
  /** The profile folder, deleted by close(). */
  profile: string;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Prefix of the profiles flopscope makes under the temporary folder. */
export const PROFILE_PREFIX = 'flopscope-firefox-profile-';

/** A profile folder deleted when the process exits, unless removed before (the returned function). */
function temporaryProfile(): { path: string; remove(): Promise<void> } {
  const path = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  // Content processes may write to the profile for a moment after the browser exits (ENOTEMPTY): retry.
  const options = { recursive: true, force: true, maxRetries: 10, retryDelay: 100 };
  const onExit = () => rmSync(path, options);
  process.once('exit', onExit);
  return {
    path,
    remove: async () => {
      process.removeListener('exit', onExit);
      await rm(path, options);
    },
  };
}

/**
 * Launches Firefox (headless unless told) over WebDriver BiDi with FIREFOX_PREFS and `extraFlags` on its
 * command line.
 */
export async function launchFirefox(options: {
  executable: FoundBrowser;
  extraFlags?: readonly string[];
  headless?: boolean;
  protocolTimeoutMs?: number;
}): Promise<LaunchedFirefox> {
  const headless = options.headless ?? true;
  const extra = [...(options.extraFlags ?? [])];
  const profile = temporaryProfile();
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: options.executable.path,
      headless,
      // Puppeteer writes the prefs into this profile's user.js.
      args: [...extra, '--profile', profile.path],
      extraPrefsFirefox: { ...FIREFOX_PREFS },
      protocolTimeout: options.protocolTimeoutMs ?? 30 * 60_000,
      // Starting Firefox takes 8-15 s on 2 busy cores here; puppeteer's default is 30 s.
      timeout: 120_000,
    });
    return {
      browser,
      flags: [...(headless ? ['--headless'] : []), ...extra],
      prefs: { ...FIREFOX_PREFS },
      executable: options.executable,
      profile: profile.path,
      close: async () => {
        await browser.close().catch(() => undefined);
        await profile.remove();
      },
    };
  } catch (error) {
    await profile.remove().catch(() => undefined);
    const first = ((error as Error).message ?? String(error)).split('\n')[0];
    throw new EnvironmentError(
      `could not launch ${options.executable.path} (${first}): check that it runs (\`${options.executable.path} --version\`) or point FLOPSCOPE_BROWSER at another Firefox`,
    );
  }
}

/**
 * Why a Firefox page stopped answering, when its tab crashed: Firefox then shows a
 * parent-process page (about:tabcrashed) there, where evaluate is refused. Null when the page
 * still evaluates (the failure was something else).
 */
export async function tabCrashed(page: Page): Promise<string | null> {
  try {
    await page.evaluate(() => location.href);
    return null;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/parent process browsing context/i.test(message))
      return "the tab's content process crashed (Firefox shows about:tabcrashed in its place)";
    return `the page no longer answers (${message.split('\n')[0]})`;
  }
}

/** The CPU renderers among this machine's Vulkan drivers (src/host/vulkan-drivers.ts). */
export function localCpuDrivers(env: NodeJS.ProcessEnv = process.env): string[] {
  return installedVulkanIcds(env)
    .map((icd) => cpuRendererOf(icd.library))
    .filter((name): name is string => name !== null);
}

/**
 * What a Firefox connection has whoever launched it, here or elsewhere: its name and WebGPU library
 * in the results, what to say when it gives no adapter, how to tell a crashed tab, and what its
 * unnamed adapter is (from this machine's CPU Vulkan drivers, or null for another machine's).
 */
export function firefoxTraits(cpuDrivers: readonly string[] | null): {
  identity: { name: 'Firefox'; webgpu: 'wgpu'; protocol: 'webdriver-bidi' };
  hooks: Pick<ConnectedBrowser['hooks'], 'noAdapterHelp' | 'explainFailure'>;
  inferAdapter: NonNullable<ConnectedBrowser['inferAdapter']>;
} {
  return {
    identity: { name: 'Firefox', webgpu: 'wgpu', protocol: 'webdriver-bidi' },
    hooks: { noAdapterHelp: firefoxNoAdapterHelp, explainFailure: tabCrashed },
    inferAdapter: (device) => inferUnnamedAdapter(device.adapter, { browser: 'Firefox', cpuDrivers }) ?? undefined,
  };
}

/**
 * The connector for a Firefox launched here (src/host/browser-runner.ts): the runner's files
 * served from loopback, Firefox launched headless over WebDriver BiDi with FIREFOX_PREFS in its
 * own profile (deleted on close and on exit), launched the same way again after a fault.
 */
export function firefoxConnector(options: {
  request: BrowserRequest;
  extraFlags?: readonly string[] | undefined;
  headful?: boolean | undefined;
  features?: readonly string[] | undefined;
  log: (line: string) => void;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  onPageLog?: ((line: string) => void) | undefined;
}): BrowserConnector {
  const executable = ensureFirefox(options.request, options.log);
  const firefox = firefoxTraits(localCpuDrivers());
  return async () => {
    const server = await serveStatic(runnerDir());
    let launched: LaunchedFirefox | null = null;
    try {
      launched = await launchFirefox({ executable, extraFlags: options.extraFlags ?? [], headless: !options.headful });
      const { browser, flags, prefs } = launched;
      let disconnected = false;
      browser.once('disconnected', () => {
        disconnected = true;
      });
      const child = browser.process();
      const exited = new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      const gone = (): string | null => {
        if (child?.signalCode) return `signal ${child.signalCode}`;
        if (child && child.exitCode !== null) return `exit code ${child.exitCode}`;
        return disconnected ? 'it disconnected' : null;
      };
      const own = launched;
      const connected: ConnectedBrowser = {
        browser,
        url: server.url,
        identity: {
          version: firefoxVersion(await browser.version()),
          executable: executable.path,
          source: executable.source,
          flags,
          ...firefox.identity,
          prefs,
        },
        hooks: {
          onProgress: options.onProgress,
          onPageLog: options.onPageLog,
          features: options.features,
          settled: () => exited,
          ...firefox.hooks,
        },
        inferAdapter: firefox.inferAdapter,
        gone,
        faultWhenGone: 'browser-exited',
        close: async () => {
          await own.close();
          await server.close();
        },
      };
      return connected;
    } catch (error) {
      await launched?.close().catch(() => undefined);
      await server.close();
      throw error;
    }
  };
}

/** Warns when Firefox gave a software adapter on a machine with GPU device nodes. */
export function warnFirefoxSoftware(adapter: DeviceReport['adapter'], log: (line: string) => void): void {
  const warning = softwareAdapterWarning({
    adapter,
    platform: process.platform,
    gpuNodes: gpuDeviceNodes(),
    hardwareFlagsUsed: false,
  });
  // The Chromium flags that warning suggests do not apply: Firefox picks its Vulkan device itself.
  if (warning)
    log(
      "flopscope: warning: Firefox gave a CPU (software) adapter, but this machine has GPU device nodes: check that the GPU's Vulkan driver works (vulkaninfo --summary) and that gfx.webgpu.ignore-blocklist is set",
    );
}
