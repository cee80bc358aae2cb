import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { energy, trainingFlops, trainingTime } from '../../src/flops/training.js';

describe('trainingFlops', () => {
  it('is 6ND', () => {
    // GPT-3 175B on 300B tokens: 6 x 175e9 x 300e9 = 3.15e23 (Brown et al. 2020 report 3.14e23)
    expect(trainingFlops(175e9, 300e9)).toBe(3.15e23);
    // Chinchilla, 70B on 1.4T tokens: 6 x 70e9 x 1.4e12 = 5.88e23
    expect(trainingFlops(70e9, 1.4e12)).toBeCloseTo(5.88e23, -10);
    expect(trainingFlops(1, 1)).toBe(6);
  });

  it('refuses non-positive sizes', () => {
    expect(() => trainingFlops(0, 1e9)).toThrow('params must be a finite number > 0, got 0');
    expect(() => trainingFlops(1e9, Number.NaN)).toThrow('tokens must be');
  });
});

describe('trainingTime', () => {
  it('is flops / (gpus x peak x mfu), in seconds, hours, days and GPU-hours', () => {
    // 8.64e19 FLOPs on 10 GPUs of 1e14 FLOP/s at full use: 8.64e19 / 1e15 = 86,400 s = 1 day
    expect(trainingTime({ flops: 8.64e19, gpus: 10, gpuPeakFlopsPerS: 1e14, mfu: 1 })).toEqual({
      seconds: 86_400,
      hours: 24,
      days: 1,
      gpuHours: 240,
    });
    // at 50% MFU it takes twice as long
    expect(trainingTime({ flops: 8.64e19, gpus: 10, gpuPeakFlopsPerS: 1e14, mfu: 0.5 }).days).toBe(2);
  });

  it('GPT-3 on 1024 A100s (312 TFLOP/s bf16) at 50% MFU: about 22.8 days', () => {
    // 3.15e23 / (1024 x 312e12 x 0.5) = 3.15e23 / 1.59744e17 = 1,971,905.05 s
    //   = 547.751 h = 22.823 days; x 1024 GPUs = 560,897 GPU-hours
    const time = trainingTime({ flops: 3.15e23, gpus: 1024, gpuPeakFlopsPerS: 312e12, mfu: 0.5 });
    expect(time.seconds).toBeCloseTo(1_971_905.05, 1);
    expect(time.hours).toBeCloseTo(547.751, 3);
    expect(time.days).toBeCloseTo(22.823, 3);
    expect(time.gpuHours).toBeCloseTo(560_897.4, 1);
  });

  it('refuses an MFU given as a percentage and zero GPUs', () => {
    expect(() => trainingTime({ flops: 1e20, gpus: 8, gpuPeakFlopsPerS: 1e14, mfu: 40 })).toThrow(
      'mfu must be a fraction in (0, 1]',
    );
    expect(() => trainingTime({ flops: 1e20, gpus: 0, gpuPeakFlopsPerS: 1e14, mfu: 0.4 })).toThrow(
      'gpus must be an integer >= 1, got 0',
    );
  });
});

describe('energy', () => {
  it('is GPU watts x GPUs x hours x PUE', () => {
    // 700 W x 8 GPUs x 24 h x 1.2 = 161,280 Wh = 161.28 kWh = 0.16128 MWh
    const used = energy({ gpuWatts: 700, gpus: 8, hours: 24, pue: 1.2 });
    expect(used.kwh).toBeCloseTo(161.28, 9);
    expect(used.mwh).toBeCloseTo(0.161_28, 12);
    // 1000 W x 1000 GPUs x 1000 h at PUE 1 = 1e9 Wh = 1000 MWh
    expect(energy({ gpuWatts: 1000, gpus: 1000, hours: 1000, pue: 1 })).toEqual({ kwh: 1e6, mwh: 1000 });
  });

  it('refuses a PUE below 1', () => {
    expect(() => energy({ gpuWatts: 700, gpus: 8, hours: 24, pue: 0.9 })).toThrow(UsageError);
    expect(() => energy({ gpuWatts: 700, gpus: 8, hours: 24, pue: 0.9 })).toThrow('pue must be a number >= 1');
    expect(() => energy({ gpuWatts: 700, gpus: 8, hours: 24, pue: Number.NaN })).toThrow('pue must be');
    expect(() => energy({ gpuWatts: -1, gpus: 8, hours: 24, pue: 1.1 })).toThrow('gpuWatts must be');
  });
});
