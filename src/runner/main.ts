/**
 * The runner page's entry point: exposes `window.flopscope` (init, runCase) to the host, with
 * progress sent back through the binding the host exposed.
 */
import { MACHINE_GLOBAL, PROGRESS_BINDING } from '../protocol/binding.js';
import type { ProgressEvent, RunnerApi } from '../protocol/messages.js';
import { createRunner } from './cases.js';
import { describeMachine } from './machine.js';

function progress(event: ProgressEvent): void {
  const send = (window as unknown as Record<string, unknown>)[PROGRESS_BINDING];
  if (typeof send === 'function') void (send as (event: ProgressEvent) => Promise<void>)(event);
}

(window as unknown as { flopscope: RunnerApi }).flopscope = createRunner(progress);
// Asked only of a browser on another machine (--browser-ws-endpoint): what machine it is on.
(window as unknown as Record<string, unknown>)[MACHINE_GLOBAL] = describeMachine;
document.getElementById('status')!.textContent = 'flopscope runner: ready.';
