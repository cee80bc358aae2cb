/** Reading a results file: is it flopscope's, of a version we read, and well-formed. */
import { UsageError } from '../errors.js';
import { RESULTS_SCHEMA, ResultsSchema, type Results } from './schema.js';

/** Validates parsed JSON as results; `origin` names the file in error messages. */
export function parseResults(json: unknown, origin: string): Results {
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string' || !schema.startsWith('flopscope/results@')) {
    throw new UsageError(`${origin} is not a flopscope results file (no "schema": "${RESULTS_SCHEMA}"): pass a file written by \`flopscope run\``);
  }
  if (schema !== RESULTS_SCHEMA) {
    throw new UsageError(`${origin} has schema ${schema}; this flopscope reads ${RESULTS_SCHEMA}: use the flopscope version that wrote it`);
  }
  const parsed = ResultsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${origin} is not a valid ${RESULTS_SCHEMA} file (at ${issue.path.join('.') || 'top level'}: ${issue.message}): was it edited by hand?`);
  }
  return parsed.data;
}
