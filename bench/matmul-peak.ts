/**
 * The best matmul kernels against the fma-peak, side by side (bench/interleaved.ts), with the
 * targets of issue 16 on a software adapter: at least 75% of the measured peak at 512, 65% at 256.
 * Run through bench/matmul-peak.mjs.
 */
import { appendFileSync } from 'node:fs';
import { openRunner } from '../src/host/run.js';
import { getKernel } from '../src/kernels/index.js';
import type { Params } from '../src/kernels/types.js';
import { isSoftwareAdapter } from '../src/specs/match.js';
import { formatRatios, measureInterleaved, medianOf, parseParams, type BenchCase } from './interleaved.js';
import { TUNED_PARAMS } from './suites.js';

/** The kernels measured when no --case is given: the fastest strategy, then the one it replaced. */
export const BEST_MATMUL_KERNELS = ['matmul-quadswap', 'matmul-subgroup'] as const;
/** Targets (fraction of the measured fma-peak) by square size, software adapters (issue 16). */
export const SOFTWARE_TARGETS: Readonly<Record<number, number>> = { 256: 0.65, 512: 0.75 };

/** The tuned configuration of `kernel` at `size` for this class of adapter, else its defaults. */
function tunedParams(kernel: string, size: number, software: boolean): Params {
  const bySize = TUNED_PARAMS[software ? 'software' : 'gpu'][kernel];
  return { ...getKernel(kernel).defaultParams, ...(bySize?.[size] ?? bySize?.[0] ?? {}) };
}

/** `kernel@size` or `kernel@size:K=V,K=V` (the tuned configuration with those values changed). */
function parseCase(text: string, software: boolean): BenchCase {
  const match = /^([\w-]+)@(\d+)(?::(.*))?$/.exec(text);
  if (!match) throw new Error(`--case ${text}: write kernel@size or kernel@size:KEY=VALUE,...`);
  const [, kernel, sizeText, paramText] = match;
  const size = Number(sizeText);
  const descriptor = getKernel(kernel!);
  const params = { ...tunedParams(kernel!, size, software), ...parseParams(paramText ?? '') };
  return { label: `${kernel}@${size}${paramText ? `:${paramText}` : ''}`, kernel: kernel!, shape: descriptor.shapeFromSize(size), params };
}

function option(argv: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === name && argv[i + 1] !== undefined) values.push(argv[++i]!);
  return values;
}

/**
 * Measures and prints; `argv`: --sizes 256,512 --rounds 5 --case-ms 1500 [--case kernel@size[:K=V,...]]...
 * [--peak-wg 64]... (fma-peak workgroup sizes, default 64, 128, 256) [--trace FILE] (JSON lines: each run's window and dispatches).
 */
export async function main(argv: string[]): Promise<void> {
  const sizes = (option(argv, '--sizes')[0] ?? '256,512').split(',').map(Number);
  const rounds = Number(option(argv, '--rounds')[0] ?? 5);
  const caseMs = Number(option(argv, '--case-ms')[0] ?? 1500);
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0) || !Number.isInteger(rounds) || rounds < 1 || !(caseMs > 0)) {
    console.error('matmul-peak: --sizes takes whole sizes (256,512), --rounds a whole number >= 1, --case-ms a time in ms');
    process.exit(2);
  }
  const runner = await openRunner({ log: (line) => console.error(line) });
  try {
    const software = isSoftwareAdapter(runner.session.device.adapter) !== null;
    const asked = option(argv, '--case');
    const cases = asked.length
      ? asked.map((text) => parseCase(text, software))
      : sizes.flatMap((size) => BEST_MATMUL_KERNELS.map((kernel) => parseCase(`${kernel}@${size}`, software)));
    console.error(`matmul-peak: ${cases.length} cases x ${rounds} rounds, each between two fma-peak measurements, ${caseMs} ms each`);
    const traceFile = option(argv, '--trace')[0];
    const peakParams = option(argv, '--peak-wg').map((size) => ({ WG_SIZE: Number(size) }));
    const { peaks, results } = await measureInterleaved(runner.session, cases, {
      rounds,
      caseMs,
      log: (line) => console.error(line),
      ...(peakParams.length ? { peakParams } : {}),
      ...(traceFile ? { trace: (e) => appendFileSync(traceFile, JSON.stringify({ ...e, startNs: String(e.startNs), endNs: String(e.endNs) }) + '\n') } : {}),
    });
    const adapter = runner.session.device.adapter;
    console.log(`Adapter: ${adapter.description || adapter.device || adapter.vendor}; fma-peak ${Math.min(...peaks).toPrecision(3)}-${Math.max(...peaks).toPrecision(3)} GFLOP/s over the run (f32, GPU timestamps, best of WG_SIZE 64/128/256 each time).`);
    console.log('case | config | GFLOP/s (median of rounds) | % of the neighbouring fma-peaks: median (min-max) over rounds | target');
    for (const r of results) {
      const size = r.case.shape.m!;
      const target = software ? SOFTWARE_TARGETS[size] : undefined;
      const config = Object.entries(r.case.params).map(([k, v]) => `${k}=${v}`).join(' ');
      if (r.failure) {
        console.log(`${r.case.label} | ${config} | failed: ${r.failure} | - | -`);
        continue;
      }
      const mid = medianOf(r.ratios);
      const gflops = medianOf(r.gflops);
      const verdict = target === undefined ? '-' : `${(100 * target).toFixed(0)}%: ${mid >= target ? 'met' : 'not met'}`;
      console.log(`${r.case.label} | ${config} | ${gflops.toPrecision(3)} | ${formatRatios(r.ratios)} | ${verdict}`);
    }
  } finally {
    await runner.close();
  }
}
