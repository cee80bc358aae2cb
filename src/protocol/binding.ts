/**
 * Name of the function the host exposes to the page for progress events. Kept apart from the
 * schemas so the page bundle imports only types from messages.ts (and not zod).
 */
export const PROGRESS_BINDING = '__flopscopeProgress';

/** Name of the page function that describes the machine the browser runs on (src/runner/machine.ts). */
export const MACHINE_GLOBAL = '__flopscopeMachine';

/** The name the page's executor is exposed under, for the host to call (src/runner/expose.ts). */
export const EXECUTOR_GLOBAL = 'flopscope';
