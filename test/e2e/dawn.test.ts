/**
 * The runner on Dawn in Node (`--dawn`), here on SwiftShader's Vulkan driver as Debian's Chromium
 * ships it. Dawn without Chromium's developer features quantizes timestamps to 65,536 ns, which
 * makes this the place to check, on real readings, that flopscope finds the grid and lengthens
 * its batches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';

const CHROMIUM_LIB = '/usr/lib/chromium';
const ICD = join(CHROMIUM_LIB, 'vk_swiftshader_icd.json');
const env = { LD_LIBRARY_PATH: CHROMIUM_LIB, VK_ICD_FILENAMES: ICD };

describe.skipIf(!existsSync(ICD))("run --dawn (needs Debian chromium's SwiftShader Vulkan driver)", () => {
  it('finds the 65,536 ns timestamp grid and batches runs to dwarf it', async () => {
    const out = join(tempDir(), 'dawn.json');
    const result = await runCli(
      ['run', '--dawn', '--kernel', 'matmul-naive', '--sizes', '64', '--no-peak', '--noise', '5%', '--out', out],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.env.browser).toMatchObject({ source: 'dawn-node' });
    const [record] = results.cases;
    expect(record!.status).toBe('ok');
    expect(record!.correctness?.passed).toBe(true);
    const timing = record!.timing!;
    // The grid shows in calibration already (single runs of ~2 ms span ~30 steps), or in the
    // first batches, which are then lengthened: either way the batches end up long enough.
    expect(timing.resolution).toMatchObject({ stepNs: 65_536, quantized: true });
    // A reading must last stepNs / 0.5% (a tenth of the 5% target) = 13.1 ms for the grid to cost <= 0.5%.
    expect(timing.batchSize * timing.medianMs).toBeGreaterThan(13.1 * 0.9);
    expect(result.stdout).toMatch(/65\.5 µs steps, quantized/);
  });

  it('gets 1 ns timestamps when Dawn is told not to quantize', async () => {
    const out = join(tempDir(), 'dawn.json');
    const result = await runCli(
      [
        'run',
        '--dawn',
        '--dawn-flag',
        'disable-dawn-features=timestamp_quantization',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '64',
        '--no-peak',
        '--out',
        out,
      ],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cases[0]!.timing!.resolution).toMatchObject({ quantized: false, batchLengthened: false });
  });
});

// No driver needed: the path is refused before Dawn is loaded.
describe('run --dawn PATH', () => {
  it('refuses a --dawn path that does not exist', async () => {
    const result = await runCli(['run', '--dawn', '/nonexistent/webgpu', '--kernel', 'matmul-naive', '--sizes', '64']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^flopscope: --dawn \/nonexistent\/webgpu: no such file: install it with `npm install webgpu`/,
    );
  });
});
