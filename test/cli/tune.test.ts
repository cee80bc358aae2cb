/** `flopscope tune` and `flopscope run --param` end to end, as a user types them. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('flopscope tune', () => {
  it('searches within --budget, checks every configuration, prints a ranking and writes the results', async () => {
    const out = join(tempDir(), 'tune.json');
    const result = await runCli([
      'tune',
      '--kernel',
      'matmul-blocked',
      '--sizes',
      '24',
      '--budget',
      '4',
      '--no-peak',
      '--max-time',
      '100ms',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/matmul-blocked at 24x24x24: \d+ configurations tried, \d+ ok/);
    expect(result.stdout).toMatch(/Rank.*Config.*GFLOP\/s.*Spread.*% fma-peak/);
    expect(result.stdout).toMatch(
      /Best configuration per shape:\n {2}24x24x24: WG_X=\d+ WG_Y=\d+ TM=\d+ TN=\d+ KSTEP=\d: [\d.]+ [MG]FLOP\/s/,
    );
    expect(result.stderr).toMatch(/tuning matmul-blocked at 24: up to 4 of 1000 configurations per size/);

    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    expect(results.suite.name).toBe('tune:matmul-blocked');
    const cases = results.cases.filter((c) => c.role === 'benchmark');
    const measured = cases.filter((c) => c.status !== 'unsupported');
    expect(measured).toHaveLength(4);
    // Every measured configuration was checked against the reference, and passed, before it was timed.
    for (const c of measured) expect(c.correctness).toMatchObject({ passed: true, mode: 'full', checked: 24 * 24 });
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    // The first configuration tried is the kernel's default.
    expect(cases[0]!.params).toEqual({ WG_X: 2, WG_Y: 4, TM: 16, TN: 32, KSTEP: 8 });
    const best = measured.reduce((x, y) => (y.gflops! > x.gflops! ? y : x));
    expect(results.tune).toEqual({
      kernel: 'matmul-blocked',
      strategy: 'search',
      budget: 4,
      spaceSize: 1000,
      best: [
        {
          shape: { batch: 1, m: 24, n: 24, k: 24 },
          shapeLabel: '24x24x24',
          params: best.params,
          gflops: best.gflops,
          fractionOfMeasuredPeak: null,
          caseId: best.id,
        },
      ],
    });
  });

  it('--save keeps the best configuration for this adapter beside the config, and run takes it there', async () => {
    const dir = tempDir();
    const out = join(dir, 'tune.json');
    const tuned = await runCli(
      [
        'tune',
        '--kernel',
        'matmul-blocked',
        '--sizes',
        '24',
        '--budget',
        '3',
        '--no-peak',
        '--max-time',
        '100ms',
        '--out',
        out,
        '--save',
      ],
      { cwd: dir },
    );
    expect(tuned.code, tuned.stderr).toBe(0);
    const tuneResults = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    const best = tuneResults.tune!.best[0]!;
    expect(tuned.stderr).toContain(
      `saved 24x24x24: ${Object.entries(best.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} for this adapter in ${join(dir, 'flopscope.tuned.json')}`,
    );
    const saved = JSON.parse(readFileSync(join(dir, 'flopscope.tuned.json'), 'utf8'));
    expect(saved.schema).toBe('flopscope/tuned@1');
    const [adapter] = Object.keys(saved.adapters);
    expect(adapter).toContain(tuneResults.env.adapter.description);
    expect(saved.adapters[adapter!]['matmul-blocked']['24x24x24']).toMatchObject({
      params: best.params,
      gflops: best.gflops,
      results: out,
    });

    // The same folder's run uses it at that shape, and a --param still wins over it.
    const runOut = join(dir, 'run.json');
    const run = await runCli(
      ['run', '--kernel', 'matmul-blocked', '--sizes', '24', '--no-peak', '--max-time', '100ms', '--out', runOut],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(
      parseResults(JSON.parse(readFileSync(runOut, 'utf8')), runOut).cases.find((c) => c.role === 'benchmark')!.params,
    ).toEqual(best.params);
    const override = join(dir, 'override.json');
    const param = await runCli(
      [
        'run',
        '--kernel',
        'matmul-blocked',
        '--sizes',
        '24',
        '--no-peak',
        '--max-time',
        '100ms',
        '--param',
        'KSTEP=4',
        '--out',
        override,
      ],
      { cwd: dir },
    );
    expect(param.code, param.stderr).toBe(0);
    expect(
      parseResults(JSON.parse(readFileSync(override, 'utf8')), override).cases.find((c) => c.role === 'benchmark')!
        .params,
    ).toEqual({
      ...best.params,
      KSTEP: 4,
    });
  });

  it('refuses a flopscope.tuned.json that is not one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'flopscope.tuned.json'), '{"schema": "other"}');
    const result = await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '24', '--no-peak'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^flopscope: flopscope\.tuned\.json is not a flopscope\/tuned@1 file \(.*\): fix or delete it$/,
    );
  });

  it('names the valid kernels for an unknown one, and refuses a zero budget', async () => {
    const unknown = await runCli(['tune', '--kernel', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown kernel "nope": choose one of .*matmul-blocked/);
    const zero = await runCli(['tune', '--kernel', 'matmul-blocked', '--budget', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--budget 0 is not a whole number of at least 1/);
  });
});

describe('flopscope run --param', () => {
  it('runs the configuration given by hand', async () => {
    const out = join(tempDir(), 'run.json');
    const result = await runCli([
      'run',
      '--kernel',
      'matmul-blocked',
      '--sizes',
      '40',
      '--param',
      'TM=4',
      '--param',
      'TN=8',
      '--no-peak',
      '--max-time',
      '100ms',
      '--json',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [record] = parseResults(JSON.parse(result.stdout), 'stdout').cases;
    expect(record).toMatchObject({
      kernel: 'matmul-blocked',
      status: 'ok',
      params: { WG_X: 2, WG_Y: 4, TM: 4, TN: 8, KSTEP: 8 },
    });
    expect(record!.correctness?.passed).toBe(true);
  });

  it('skips a configuration whose tiles outgrow workgroup storage, naming the limit, and goes on', async () => {
    // 4 x TK 64 x (TILE_M 32*4 + TILE_N 8*4) = 40,960 bytes, over every adapter's 32,768 default... or its own limit.
    const result = await runCli(
      [
        'run',
        '--kernel',
        'matmul-tiled',
        '--sizes',
        '32',
        '--no-peak',
        '--json',
        '--out',
        join(tempDir(), 'r.json'),
      ].concat(['WG_X=8', 'WG_Y=32', 'RM=4', 'RN=4', 'TK=64'].flatMap((p) => ['--param', p])),
    );
    expect(result.code, result.stderr).toBe(0);
    const [record] = parseResults(JSON.parse(result.stdout), 'stdout').cases;
    const limit = parseResults(JSON.parse(result.stdout), 'stdout').env.limits.maxComputeWorkgroupStorageSize!;
    if (limit >= 40960) {
      // An adapter with that much workgroup storage must run the configuration, and get it right.
      expect(record).toMatchObject({ status: 'ok', correctness: { passed: true } });
      return;
    }
    expect(record).toMatchObject({ status: 'unsupported', correctness: null, gflops: null });
    expect(record!.message).toMatch(/maxComputeWorkgroupStorageSize/);
    expect(record!.message).toMatch(/40960/);
  });

  it('refuses an unknown parameter or a value outside the space, naming the valid ones', async () => {
    const key = await runCli(['run', '--kernel', 'matmul-blocked', '--param', 'XX=1']);
    expect(key.code).toBe(2);
    expect(key.stderr.trim()).toMatch(
      /^flopscope: --param XX: matmul-blocked has no parameter XX: its parameters are WG_X, WG_Y, TM, TN, KSTEP$/,
    );
    const value = await runCli(['run', '--kernel', 'matmul-blocked', '--param', 'TM=3']);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/TM=3: not in matmul-blocked's space for TM: choose one of 1, 2, 4, 8, 16/);
    const malformed = await runCli(['run', '--kernel', 'matmul-blocked', '--param', 'TM']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/"TM" is not KEY=NUMBER/);
  });
});
