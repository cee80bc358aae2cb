/**
 * The runner page's entry point: exposes `window.flopscope` (init, prepare, time, release; see
 * src/protocol/program.ts) to the host, outputs sent as base64 (src/protocol/wire.ts), progress
 * sent back through the binding the host exposed.
 */
import { MACHINE_GLOBAL, PROGRESS_BINDING } from '../protocol/binding.js';
import type { ProgressEvent } from '../protocol/messages.js';
import { exposeExecutor } from './expose.js';
import { createExecutor } from './executor.js';
import { describeMachine } from './machine.js';

function progress(event: ProgressEvent): void {
  const send = (window as unknown as Record<string, unknown>)[PROGRESS_BINDING];
  if (typeof send === 'function') void (send as (event: ProgressEvent) => Promise<void>)(event);
}

exposeExecutor(createExecutor(progress));
// Asked only of a browser on another machine (--browser-ws-endpoint): what machine it is on.
(window as unknown as Record<string, unknown>)[MACHINE_GLOBAL] = describeMachine;
document.getElementById('status')!.textContent = 'flopscope runner: ready.';
