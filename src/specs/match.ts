/**
 * From what WebGPU says about an adapter (or what the user typed after --gpu) to a row of the
 * peak table. Never guesses: when the name is hidden it returns the rows that fit and says why.
 *
 * What Chrome reports (Blink's GPUAdapter, Dawn's AdapterInfo): `vendor` and `architecture`
 * always; `description` (the driver's device name, e.g. "NVIDIA GeForce RTX 4090") and `device`
 * (the PCI device id as "0x2684") only with --enable-webgpu-developer-features. Other runtimes
 * (Dawn for Node) put the device name in `device`, so names are matched against both.
 */
import { UsageError } from '../errors.js';
import { GPU_SPECS } from './gpus.js';
import type { GpuSpec } from './schema.js';

/** The fields of GPUAdapterInfo that identify a GPU; `isFallbackAdapter` where the browser has it. */
export type AdapterIdentity = {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter?: boolean;
};

/** A row found by name (and which field named it), or the rows that fit and why none was chosen. */
export type AdapterMatch =
  { spec: GpuSpec; by: 'description' | 'device' } | { spec: null; candidates: GpuSpec[]; reason: string };

/** The hint a "cannot tell which GPU" message ends with. */
const PEAK_HINT = 'pass one of the names in src/specs/gpus.ts, or --peak-tflops/--peak-bandwidth';
/** The same hint for the adapter matcher, where the name goes after --gpu. */
const GPU_FLAG_HINT = 'pass --gpu NAME with one of the names in src/specs/gpus.ts, or --peak-tflops/--peak-bandwidth';

/**
 * Words that, right after a name, make it another product: "RTX 4080" must not match
 * "RTX 4080 SUPER", "Apple M2" not "Apple M2 Max", "RTX 4090" not "RTX 4090 Laptop GPU".
 */
const VARIANT_WORDS = new Set([
  'super',
  'ti',
  'xt',
  'xtx',
  'gre',
  'd',
  'laptop',
  'mobile',
  'max',
  'maxq',
  'pro',
  'ultra',
  'nvl',
]);

/** Vendor and product-line words a user may leave out when typing a name for --gpu ('4090', '7900 xtx'). */
const BRAND_WORDS = new Set([
  'nvidia',
  'geforce',
  'tesla',
  'rtx',
  'amd',
  'radeon',
  'instinct',
  'rx',
  'apple',
  'intel',
  'arc',
]);

/**
 * Names the software renderer behind an adapter (SwiftShader, llvmpipe/lavapipe, WARP, or the
 * browser's fallback adapter), or null for real hardware. Their peak is the CPU's (src/specs/cpu.ts).
 */
export function isSoftwareAdapter(info: AdapterIdentity): string | null {
  const vendor = info.vendor.trim().toLowerCase();
  const architecture = info.architecture.trim().toLowerCase();
  const text = `${vendor} ${architecture} ${info.device} ${info.description}`.toLowerCase();
  if (text.includes('swiftshader')) return 'SwiftShader';
  if (text.includes('lavapipe')) return 'lavapipe';
  if (text.includes('llvmpipe')) return 'llvmpipe';
  if (text.includes('softpipe')) return 'softpipe';
  if (architecture === 'warp' || text.includes('basic render driver')) return 'WARP';
  // Dawn reports Mesa's software Vulkan (vendor 0x10005, device 0) as mesa / software.
  if (vendor === 'mesa' && architecture === 'software') return 'Mesa software renderer';
  if (info.isFallbackAdapter === true) return 'fallback adapter';
  return null;
}

/**
 * The peak-table row for an adapter: by name in `description`, then by name or PCI id in
 * `device`. Whole-word, case-insensitive, longest name wins; a trailing variant word (SUPER,
 * Ti, Max, Laptop...) blocks a match. Without a name, returns the rows of the reported vendor
 * and architecture as candidates and a reason telling the user to pass --gpu NAME.
 */
export function matchAdapter(info: AdapterIdentity, specs: readonly GpuSpec[] = GPU_SPECS): AdapterMatch {
  const software = isSoftwareAdapter(info);
  if (software !== null) {
    return {
      spec: null,
      candidates: [],
      reason: `${software} is a software renderer running on the CPU, so no GPU peak applies: use the CPU estimate, or pass --peak-tflops/--peak-bandwidth`,
    };
  }
  const byDescription = matchName(info.description, specs);
  if (byDescription !== null) return { spec: byDescription, by: 'description' };
  const byDevice = matchPciId(info.device, specs) ?? matchName(info.device, specs);
  if (byDevice !== null) return { spec: byDevice, by: 'device' };

  const vendor = info.vendor.trim().toLowerCase();
  const architecture = info.architecture.trim().toLowerCase();
  const ofVendor = specs.filter((spec) => spec.vendor === vendor);
  const sameArchitecture = ofVendor.filter((spec) => (spec.architecture ?? '') === architecture);
  const candidates = sameArchitecture.length > 0 ? sameArchitecture : ofVendor;

  const reported = `vendor "${vendor}", architecture "${architecture}"`;
  const named = info.description.trim() || info.device.trim();
  const why = named
    ? `no row of the peak table matches adapter "${named}" (${reported})`
    : `the browser did not report the adapter's name, only ${reported}`;
  const fits =
    candidates.length === 0
      ? `no row has vendor "${vendor}"`
      : `${candidates.length === 1 ? 'this row fits' : `${candidates.length} rows fit`}: ${listNames(candidates, 6)}`;
  return { spec: null, candidates, reason: `${why}; ${fits}; ${GPU_FLAG_HINT}` };
}

/**
 * The row a user named with --gpu: case-insensitive on id, name and aliases, ignoring spaces,
 * dashes and vendor words ('h100-sxm', 'H100 SXM', 'rtx4090', 'm2 max'). Unknown names throw a
 * UsageError naming the three closest rows.
 */
export function findGpu(name: string, specs: readonly GpuSpec[] = GPU_SPECS): GpuSpec {
  const wanted = lookupKeys(name);
  if (wanted.length === 0) throw new UsageError(`empty GPU name: ${PEAK_HINT}`);
  const found = specs.filter((spec) => specKeys(spec).some((key) => wanted.includes(key)));
  const [only] = found;
  if (only !== undefined && found.length === 1) return only;
  if (found.length > 1) {
    throw new UsageError(`GPU name "${name}" fits ${listNames(found, found.length)}: give the full name or id`);
  }
  const closest = closestSpecs(name, specs, 3);
  const guess = closest.length > 0 ? `: did you mean ${closest.map((spec) => spec.name).join(', ')}?` : '';
  throw new UsageError(`unknown GPU "${name}"${guess} (${PEAK_HINT})`);
}

/** Lower case, trademark marks dropped, runs of spaces, dashes and underscores as one space. */
function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\((?:r|tm)\)|[®™]/g, ' ')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[a-z0-9]/.test(char);
}

/** True when `phrase` occurs in `text` as whole words, not followed by a variant word. */
function containsName(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
    const next = /^[^a-z0-9]*([a-z0-9]+)/.exec(text.slice(end))?.[1] ?? '';
    if (!VARIANT_WORDS.has(next)) return true;
  }
  return false;
}

/** The row whose longest name or alias occurs in `text`; null when none does. */
function matchName(text: string, specs: readonly GpuSpec[]): GpuSpec | null {
  const haystack = normalizeText(text);
  if (haystack === '') return null;
  let best: GpuSpec | null = null;
  let bestLength = 0;
  for (const spec of specs) {
    for (const alias of [spec.name, ...spec.aliases]) {
      const phrase = normalizeText(alias);
      if (phrase.length > bestLength && containsName(haystack, phrase)) {
        best = spec;
        bestLength = phrase.length;
      }
    }
  }
  return best;
}

/** The row that lists `device` (Chrome's "0x2330" form) among its PCI device ids. */
function matchPciId(device: string, specs: readonly GpuSpec[]): GpuSpec | null {
  const id = device.trim().toLowerCase();
  if (!/^0x[0-9a-f]{4}$/.test(id)) return null;
  return specs.find((spec) => spec.pciDeviceIds?.includes(id)) ?? null;
}

/** Keys a typed name is compared on: all words joined, and the same without vendor words. */
function lookupKeys(text: string): string[] {
  const all = words(text);
  const withoutBrand = all.filter((word) => !BRAND_WORDS.has(word));
  return [...new Set([all.join(''), withoutBrand.join('')])].filter((key) => key !== '');
}

function words(text: string): string[] {
  return normalizeText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function specKeys(spec: GpuSpec): string[] {
  return [spec.id, spec.name, ...spec.aliases].flatMap(lookupKeys);
}

/**
 * The `count` rows nearest to what was typed: by edit distance of the joined keys (at most a
 * third of the typed length, or 2; a key that extends the typed one, 'h100' -> 'h100sxm',
 * counts as nearest), then by words in common ('h100 nvl' -> the H100 rows). Ties go to the
 * longer common prefix, then to table order.
 */
function closestSpecs(typedName: string, specs: readonly GpuSpec[], count: number): GpuSpec[] {
  const wanted = lookupKeys(typedName);
  const typedWords = words(typedName).filter((word) => !BRAND_WORDS.has(word));
  const scored = specs.map((spec, index) => {
    let distance = Infinity;
    let prefix = 0;
    for (const key of specKeys(spec)) {
      for (const typed of wanted) {
        const d = key.startsWith(typed) ? 0.5 : editDistance(typed, key);
        if (d > Math.max(2, typed.length / 3)) continue;
        distance = Math.min(distance, d);
        prefix = Math.max(prefix, commonPrefixLength(typed, key));
      }
    }
    const specWords = new Set([spec.id, spec.name, ...spec.aliases].flatMap(words));
    const shared = typedWords.filter((word) => specWords.has(word)).length;
    return { spec, index, distance, shared, prefix };
  });
  return scored
    .filter((entry) => entry.distance < Infinity || entry.shared > 0)
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || b.prefix - a.prefix || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.spec);
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Optimal-string-alignment distance: edits plus swaps of neighbours ('4900' -> '4090' is 1). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

function listNames(specs: readonly GpuSpec[], max: number): string {
  const shown = specs.slice(0, max).map((spec) => spec.name);
  return specs.length > max ? `${shown.join(', ')} and ${specs.length - max} more` : shown.join(', ');
}
