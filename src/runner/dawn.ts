/**
 * The runner in-process on Dawn's Node bindings (the `webgpu` npm package, dawn.node): the same
 * executor as the page, over the same Dawn and Tint that Chromium uses, for machines with a
 * GPU but no browser (a GPU server, a CI runner). Bundled on its own (dist/runner/dawn-runner.js)
 * and loaded by the host at run time, as the page bundle is loaded by the browser.
 */
import type { ProgressEvent } from '../protocol/messages.js';
import type { ExecutorApi } from '../protocol/program.js';
import { createExecutor } from './executor.js';

/** What the `webgpu` package exports. */
export interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/** Installs `navigator.gpu` and the WebGPU globals from dawn.node, then returns the executor. */
export function startDawnRunner(
  dawn: DawnModule,
  flags: readonly string[],
  progress: (event: ProgressEvent) => void,
): ExecutorApi {
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([...flags]);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu, userAgent: `Node.js ${process.version}; dawn.node` },
    configurable: true,
    writable: true,
  });
  return createExecutor(progress);
}
