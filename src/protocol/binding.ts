/**
 * Name of the function the host exposes to the page for progress events. Kept apart from the
 * schemas so the page bundle imports only types from messages.ts (and not zod).
 */
export const PROGRESS_BINDING = '__flopscopeProgress';
