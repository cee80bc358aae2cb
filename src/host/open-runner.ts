/**
 * Opening a runner, whatever it is: a browser launched here (found, installed or given), a browser
 * elsewhere (--browser-ws-endpoint), or Dawn in Node (--dawn). One function behind the core's one
 * Runner interface (src/measure/runner.ts).
 */
import { EnvironmentError, UsageError } from '../errors.js';
import { BUILTIN_REGISTRY } from '../kernels/index.js';
import type { Runner } from '../measure/runner.js';
import type { ProgressEvent } from '../protocol/messages.js';
import {
  assertDisplay,
  browserFromOption,
  ensureBrowser,
  launchBrowser,
  type BrowserChoice,
  type LaunchedBrowser,
} from './browser.js';
import { BrowserRunner, type BrowserConnector, type ConnectedBrowser } from './browser-runner.js';
import { envForChromiumDiscovery, requestedBrowser } from './browser-kind.js';
import { openDawnRunner } from './dawn.js';
import { firefoxConnector, warnFirefoxSoftware } from './firefox.js';
import { gpuDeviceNodes, hardwareFlagsFor, softwareAdapterWarning, type HardwareFlags } from './hardware.js';
import { runnerDir } from './paths.js';
import { parseEndpoint, remoteConnector } from './remote.js';
import { serveStatic } from './static-server.js';

/** Which runner to open, from the command line. */
export interface RunnerChoice extends BrowserChoice {
  /** Extra browser flags, after flopscope's own (--browser-flag). */
  extraFlags?: readonly string[] | undefined;
  /** Adapter features the kernels need (the registry's), asked for when the device is opened. */
  features?: readonly string[] | undefined;
  /** --dawn [PATH] with its --dawn-flag options: Dawn in Node instead of a browser. */
  dawn?: { path: string | null; flags: readonly string[] } | undefined;
}

/** What the runner reports while it works. */
export interface RunnerHooks {
  log(line: string): void;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** Console output and errors of the page (shown with --verbose). */
  onPageLog?: ((line: string) => void) | undefined;
}

/** Launches the browser (and its loopback server) the same way each time it is called. */
function localConnector(choice: RunnerChoice, hooks: RunnerHooks, hardware: HardwareFlags | null): BrowserConnector {
  const request = requestedBrowser(choice.executable);
  const executable =
    request.from === 'option' && request.executable !== null
      ? browserFromOption(request.executable)
      : ensureBrowser(hooks.log, envForChromiumDiscovery(request));
  return async () => {
    const server = await serveStatic(runnerDir());
    let launched: LaunchedBrowser | null = null;
    try {
      launched = await launchBrowser({
        executable,
        extraFlags: [...(hardware?.flags ?? []), ...(choice.extraFlags ?? [])],
        headless: !choice.headful,
      });
      const { browser } = launched;
      let disconnected = false;
      browser.once('disconnected', () => {
        disconnected = true;
      });
      const child = browser.process();
      const exited = new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      // Why it is gone: how the process ended when that is known yet (it is often reaped after the connection drops).
      const gone = (): string | null => {
        if (child?.signalCode) return `signal ${child.signalCode}`;
        if (child && child.exitCode !== null) return `exit code ${child.exitCode}`;
        return disconnected ? 'it disconnected' : null;
      };
      const connected: ConnectedBrowser = {
        browser,
        url: server.url,
        identity: {
          version: await browser.version(),
          executable: launched.executable.path,
          source: launched.executable.source,
          flags: launched.flags,
          protocol: 'cdp',
        },
        hooks: {
          onProgress: hooks.onProgress,
          onPageLog: hooks.onPageLog,
          features: choice.features,
          settled: () => exited,
        },
        gone,
        faultWhenGone: 'browser-exited',
        close: async () => {
          await browser.close().catch(() => undefined);
          await server.close();
        },
      };
      return connected;
    } catch (error) {
      await launched?.browser.close().catch(() => undefined);
      await server.close();
      throw error;
    }
  };
}

/**
 * Opens the runner `choice` names. A launched browser is found (or installed, or taken from
 * --browser) and started headless with the WebGPU flags; a warning goes to `hooks.log` when it
 * gave a software adapter on a machine that has a GPU.
 */
export async function openRunner(given: RunnerChoice, hooks: RunnerHooks): Promise<Runner> {
  // The device asks for what the kernels need: the caller's registry's features, or the built-in kernels'.
  const choice = { ...given, features: given.features ?? BUILTIN_REGISTRY.features() };
  if (choice.dawn)
    return openDawnRunner({
      path: choice.dawn.path,
      flags: choice.dawn.flags,
      features: choice.features,
      onProgress: hooks.onProgress,
    });
  if (choice.wsEndpoint !== undefined) {
    return BrowserRunner.open(
      remoteConnector(parseEndpoint(choice.wsEndpoint), {
        onProgress: hooks.onProgress,
        onPageLog: hooks.onPageLog,
        features: choice.features,
      }),
    );
  }
  if (choice.headful) assertDisplay();
  const request = requestedBrowser(choice.executable);
  if (request.kind === 'firefox') {
    if (choice.hardwareFlags)
      throw new UsageError(
        '--hardware-flags are Chromium flags: Firefox picks its WebGPU device itself (Vulkan on Linux): drop --hardware-flags',
      );
    const runner = await BrowserRunner.open(
      firefoxConnector({
        request,
        extraFlags: choice.extraFlags,
        headful: choice.headful,
        features: choice.features,
        ...hooks,
      }),
    );
    warnFirefoxSoftware(runner.device.adapter, hooks.log);
    return runner;
  }
  const hardware = choice.hardwareFlags ? hardwareFlagsFor(process.platform) : null;
  if (choice.hardwareFlags && !hardware)
    throw new UsageError(
      `--hardware-flags: flopscope knows no hardware flags for ${process.platform}: pass your GPU backend's flags with --browser-flag`,
    );
  let runner: BrowserRunner;
  try {
    runner = await BrowserRunner.open(localConnector(choice, hooks, hardware));
  } catch (error) {
    if (hardware && error instanceof EnvironmentError) {
      throw new EnvironmentError(
        `the browser gave no WebGPU adapter with --hardware-flags (${hardware.flags.join(' ')}): these need a working ${hardware.backend} driver for the GPU (docs/hardware.md); without one drop --hardware-flags and the software adapter is used`,
      );
    }
    throw error;
  }
  const warning = softwareAdapterWarning({
    adapter: runner.device.adapter,
    platform: process.platform,
    gpuNodes: gpuDeviceNodes(),
    hardwareFlagsUsed: hardware !== null,
  });
  if (warning) hooks.log(`flopscope: warning: ${warning}`);
  return runner;
}
