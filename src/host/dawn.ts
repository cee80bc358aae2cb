/**
 * Opening the runner on Dawn in Node instead of a browser (`--dawn [PATH]`): loads the `webgpu`
 * package (dawn.node; from PATH, else as an installed module) and the runner's Dawn bundle, and
 * presents them as a Runner, so a run goes on exactly as with the browser.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EnvironmentError, UsageError } from '../errors.js';
import type { Runner } from '../measure/runner.js';
import { DeviceReportSchema, type DeviceReport, type ProgressEvent } from '../protocol/messages.js';
import { TimedSchema, type ExecutorApi } from '../protocol/program.js';
import { runnerDir } from './paths.js';

const INSTALL_HINT =
  'install it with `npm install webgpu` (dawn.node, about 50 MB) or give the path of its index.js with --dawn PATH';

/** Imports the webgpu package: from `path` (its index.js or its folder) or by module name. */
async function loadDawn(path: string | null): Promise<{ module: unknown; where: string; version: string }> {
  let entry: string;
  if (path) {
    const resolved = resolve(path);
    entry = existsSync(resolved) && statSync(resolved).isDirectory() ? join(resolved, 'index.js') : resolved;
    if (!existsSync(entry)) throw new UsageError(`--dawn ${path}: no such file: ${INSTALL_HINT}`);
  } else {
    try {
      entry = import.meta.resolve?.('webgpu')?.replace(/^file:\/\//, '') ?? '';
    } catch {
      entry = '';
    }
    if (!entry) throw new EnvironmentError(`--dawn: the webgpu package is not installed: ${INSTALL_HINT}`);
  }
  let version = 'unknown';
  try {
    version =
      (JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8')) as { version?: string }).version ??
      version;
  } catch {
    // a bare index.js without its package.json: the version stays unknown
  }
  try {
    return { module: await import(pathToFileURL(entry).href), where: entry, version };
  } catch (error) {
    throw new EnvironmentError(
      `--dawn: could not load ${entry} (${(error as Error).message.split('\n')[0]}): ${INSTALL_HINT}`,
    );
  }
}

/** Opens the runner on Dawn. `flags` are Dawn toggles/options passed to create(), e.g. 'backend=vulkan'. */
export async function openDawnRunner(options: {
  path: string | null;
  flags: readonly string[];
  features?: readonly string[] | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}): Promise<Runner> {
  const dawn = await loadDawn(options.path);
  const bundle = join(runnerDir(), 'dawn-runner.js');
  const { startDawnRunner } = (await import(pathToFileURL(bundle).href)) as {
    startDawnRunner: (
      module: unknown,
      flags: readonly string[],
      progress: (event: ProgressEvent) => void,
    ) => ExecutorApi;
  };
  const executor = startDawnRunner(dawn.module, options.flags, (event) => options.onProgress?.(event));
  let device: DeviceReport;
  try {
    device = DeviceReportSchema.parse(await executor.init({ features: options.features ?? [] }));
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    throw new EnvironmentError(
      `Dawn found no WebGPU adapter (${message}): check the GPU driver and, on Linux, that libvulkan.so.1 is installed (Debian/Ubuntu: libvulkan1)`,
    );
  }
  return {
    get device() {
      return device;
    },
    browser: {
      version: `dawn.node (webgpu ${dawn.version})`,
      userAgent: device.userAgent,
      executable: dawn.where,
      source: 'dawn-node',
      flags: [...options.flags],
    },
    async prepare(program) {
      if (program.peer) {
        return {
          ok: false,
          failure: {
            status: 'unsupported',
            message: `${program.peer.kernel} runs on a browser page (${program.peer.page}): not available with --dawn`,
          },
        };
      }
      return executor.prepare(program);
    },
    time: async (handle, timing) => TimedSchema.parse(await executor.time(handle, timing)),
    timeInterleaved: (handles, timing) => executor.timeInterleaved(handles, timing),
    release: (handle) => executor.release(handle),
    // In process, a lost device is replaced by the executor on the next case.
    recover: async (fault) => {
      if (fault !== 'device-lost') throw new EnvironmentError(`Dawn in Node cannot recover from ${fault}`);
      device = DeviceReportSchema.parse(await executor.init());
    },
    close: async () => undefined,
  };
}
