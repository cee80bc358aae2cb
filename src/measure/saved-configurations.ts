/**
 * Configurations `flopscope tune --save` recorded for one device: the best configuration of a
 * kernel at a shape, per adapter, kept in `flopscope.tuned.json` beside the user's config (part
 * of the config: commit it with it). `run` takes them over the kernel's own tuned ones on that
 * adapter alone. Pure: the file is read in src/host/config-loader.ts and written by src/cli/tune.ts.
 */
import { z } from 'zod';
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import type { AdapterInfo } from '../protocol/messages.js';

/** The schema identifier of the file. */
export const SAVED_SCHEMA = 'flopscope/tuned@1';

export const SavedFileSchema = z.object({
  schema: z.literal(SAVED_SCHEMA),
  /** Adapter key -> kernel -> shape label -> the configuration and what it measured. */
  adapters: z.record(
    z.string(),
    z.record(
      z.string(),
      z.record(
        z.string(),
        z.object({
          params: z.record(z.string(), z.number()),
          gflops: z.number().nullable(),
          savedAt: z.string(),
          results: z.string().optional(),
        }),
      ),
    ),
  ),
});
export type SavedFile = z.infer<typeof SavedFileSchema>;

/** What identifies an adapter across runs: its vendor, architecture, device and description. */
export function adapterKey(adapter: AdapterInfo): string {
  return [adapter.vendor, adapter.architecture, adapter.device, adapter.description].join(' / ');
}

/** The saved configurations of one adapter. */
export class SavedConfigurations {
  constructor(
    private readonly file: SavedFile,
    private readonly adapter: string,
  ) {}

  /** The configuration saved for `kernel` at `shape` on this adapter, if any. */
  lookup(kernel: KernelDescriptor, shape: Shape): Params | undefined {
    return this.file.adapters[this.adapter]?.[kernel.name]?.[kernel.formatShape(shape)]?.params;
  }
}

/**
 * `file` with `entries` (kernel, shape label, configuration) saved for `adapter`, replacing what was there
 * for them.
 */
export function withSaved(
  file: SavedFile | null,
  adapter: string,
  entries: readonly { kernel: string; shapeLabel: string; params: Params; gflops: number | null; results?: string }[],
  savedAt: string,
): SavedFile {
  const next: SavedFile = file ? structuredClone(file) : { schema: SAVED_SCHEMA, adapters: {} };
  const byKernel = (next.adapters[adapter] ??= {});
  for (const { kernel, shapeLabel, params, gflops, results } of entries) {
    (byKernel[kernel] ??= {})[shapeLabel] = { params: { ...params }, gflops, savedAt, ...(results ? { results } : {}) };
  }
  return next;
}
