/**
 * One row of the vendor peak table: what a GPU can do on paper, where the figures come from,
 * and how WebGPU names it. Peaks are dense (never the structured-sparsity figure), in TFLOP/s.
 */
import { z } from 'zod';

/** Where a GPU lives; decides nothing by itself but is shown in `flopscope specs`. */
export const GPU_KINDS = ['datacenter', 'desktop', 'laptop', 'integrated', 'apple-soc'] as const;

/** Lower-case kebab case, as used for ids and for WebGPU vendor/architecture strings. */
const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Schema of one row of the peak table; see src/specs/gpus.ts for the rows and their sources. */
export const GpuSpecSchema = z
  .strictObject({
    /** Unique, kebab case, vendor first: `nvidia-h100-sxm`. */
    id: z.string().regex(kebab, 'id must be kebab case'),
    /** Marketing name, as the vendor prints it. */
    name: z.string().min(1),
    /** `GPUAdapterInfo.vendor` as Chrome reports it (Dawn's gpu_info.json, lower case). */
    vendor: z.string().regex(kebab, 'vendor must be lower case as WebGPU reports it'),
    /**
     * `GPUAdapterInfo.architecture` as Dawn reports it for this chip, which is derived from the
     * PCI device id and is not always the marketing architecture (V100 reports 'pascal');
     * null where Dawn reports an empty string.
     */
    architecture: z.string().regex(kebab).nullable(),
    /**
     * Names that identify this GPU in `GPUAdapterInfo.description`/`device` text, matched
     * case-insensitively as whole words: 'RTX 4090', 'H100 80GB HBM3'.
     */
    aliases: z.array(z.string().min(2)),
    /** PCI device ids (`0x2330`) Chrome puts in `GPUAdapterInfo.device`; only ids that name this row alone. */
    pciDeviceIds: z.array(z.string().regex(/^0x[0-9a-f]{4}$/, 'PCI device id like 0x2330')).optional(),
    kind: z.enum(GPU_KINDS),
    /** CUDA cores / stream processors / ALUs (FP32 lanes), when published. */
    shaderCores: z.int().positive().nullable(),
    /** Boost (or peak engine) clock the vendor's peak figures assume, MHz. */
    boostClockMhz: z.number().positive().nullable(),
    /** Vector (non-tensor) dense FP32 peak, TFLOP/s: the honest denominator for WGSL f32 code. */
    fp32Tflops: z.number().positive(),
    /** Vector / packed FP16 peak, TFLOP/s; null where the vendor publishes none. */
    fp16Tflops: z.number().positive().nullable(),
    /** Dense tensor/matrix FP16 peak, TFLOP/s (accumulate mode in `notes`); null without matrix units. */
    tensorFp16Tflops: z.number().positive().nullable(),
    /** Peak memory bandwidth, GB/s (10^9 bytes per second). */
    memoryBandwidthGbPerS: z.number().positive(),
    /** Dedicated memory, GB; null for GPUs that share system memory. */
    memoryGb: z.number().positive().nullable(),
    /** Board / module power, W; null where the GPU has no power figure of its own. */
    tdpWatts: z.number().positive().nullable(),
    /**
     * Devices the OS (and so WebGPU) sees in one package, when more than one: MI250X is two
     * GCDs, each its own adapter with half of every figure in this row. Absent means 1.
     */
    devicesPerPackage: z.int().min(2).optional(),
    /** The page or document the figures come from. */
    source: z.strictObject({ url: z.url({ protocol: /^https$/ }), title: z.string().min(1) }),
    /** How the figures were read or computed, and anything a reader could get wrong. */
    notes: z.string().min(1).optional(),
  })
  .superRefine((row, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message: `${row.id}: ${message}` });
    if (row.fp16Tflops !== null && row.fp16Tflops < row.fp32Tflops) {
      issue('fp16Tflops', 'FP16 vector peak below FP32 peak (every chip here runs FP16 at >= the FP32 rate)');
    }
    if (row.tensorFp16Tflops !== null && row.tensorFp16Tflops < row.fp32Tflops) {
      issue('tensorFp16Tflops', 'tensor FP16 peak below the FP32 vector peak');
    }
    if (row.tensorFp16Tflops !== null && row.fp16Tflops !== null && row.tensorFp16Tflops < row.fp16Tflops) {
      issue('tensorFp16Tflops', 'tensor FP16 peak below the vector FP16 peak');
    }
    if (!row.id.startsWith(`${row.vendor}-`)) issue('id', `id must start with the vendor ("${row.vendor}-")`);
  });

/** One validated row of the peak table. */
export type GpuSpec = z.infer<typeof GpuSpecSchema>;

/** A row as written in the table, before validation. */
export type GpuSpecInput = z.input<typeof GpuSpecSchema>;

/**
 * Validates a whole table: every row against the schema, ids unique, and no alias or name
 * that could select two rows. Throws with every problem listed; used once at module load.
 */
export function parseGpuSpecs(rows: readonly unknown[]): GpuSpec[] {
  const parsed = z.array(GpuSpecSchema).safeParse(rows);
  if (!parsed.success) throw new Error(`invalid GPU peak table:\n${z.prettifyError(parsed.error)}`);
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const row of parsed.data) {
    if (ids.has(row.id)) problems.push(`duplicate id ${row.id}`);
    ids.add(row.id);
  }
  const owner = new Map<string, string>();
  for (const row of parsed.data) {
    for (const alias of [row.name, ...row.aliases]) {
      const key = alias
        .toLowerCase()
        .replace(/[\s_-]+/g, ' ')
        .trim();
      const other = owner.get(key);
      if (other !== undefined && other !== row.id) problems.push(`"${alias}" names both ${other} and ${row.id}`);
      owner.set(key, row.id);
    }
  }
  if (problems.length > 0) throw new Error(`invalid GPU peak table: ${problems.join('; ')}`);
  return parsed.data;
}
