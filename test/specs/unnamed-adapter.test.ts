import { describe, expect, it } from 'vitest';
import { resolveReferencePeaks } from '../../src/specs/reference.js';
import { adapterDisplayName, inferUnnamedAdapter, isUnnamedAdapter } from '../../src/specs/unnamed-adapter.js';

/** What Firefox ESR 153 with lavapipe reports here: no name, isFallbackAdapter true. */
const firefoxLavapipe = { vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: true };
const firefoxGpu = { ...firefoxLavapipe, isFallbackAdapter: false };
const cpu = { model: 'Test CPU', physicalCores: 2, clockGhz: 2.5, flags: ['avx2', 'fma'] };

describe('an adapter that reports no name', () => {
  it('is unnamed only when every field is empty', () => {
    expect(isUnnamedAdapter(firefoxLavapipe)).toBe(true);
    expect(isUnnamedAdapter({ ...firefoxLavapipe, vendor: 'mesa' })).toBe(false);
  });

  it('is lavapipe when it is a CPU device and lavapipe is the only CPU driver installed', () => {
    const inferred = inferUnnamedAdapter(firefoxLavapipe, { browser: 'Firefox', cpuDrivers: ['lavapipe'] });
    expect(inferred).toMatchObject({ name: 'lavapipe', software: true });
    expect(inferred!.how).toMatch(/isFallbackAdapter.*only CPU Vulkan driver installed here/);
  });

  it('says what it cannot tell: several CPU drivers, none known, or a browser on another machine', () => {
    expect(
      inferUnnamedAdapter(firefoxLavapipe, { browser: 'Firefox', cpuDrivers: ['lavapipe', 'SwiftShader'] })?.name,
    ).toBe('one of lavapipe, SwiftShader');
    expect(inferUnnamedAdapter(firefoxLavapipe, { browser: 'Firefox', cpuDrivers: [] })?.name).toBe(
      'a CPU (software) adapter',
    );
    expect(inferUnnamedAdapter(firefoxLavapipe, { browser: 'Firefox', cpuDrivers: null })?.how).toMatch(
      /another machine/,
    );
  });

  it('infers nothing for a named adapter or one not flagged as a CPU device', () => {
    expect(
      inferUnnamedAdapter(
        { ...firefoxLavapipe, description: 'SwiftShader Device' },
        { browser: 'Chrome', cpuDrivers: ['lavapipe'] },
      ),
    ).toBeNull();
    expect(inferUnnamedAdapter(firefoxGpu, { browser: 'Firefox', cpuDrivers: ['lavapipe'] })).toBeNull();
  });

  it('is shown as "unnamed adapter", with what was inferred', () => {
    expect(adapterDisplayName(firefoxGpu)).toBe('unnamed adapter');
    expect(adapterDisplayName(firefoxLavapipe, { name: 'lavapipe', software: true, how: 'x' })).toBe(
      'unnamed adapter (lavapipe, inferred)',
    );
    expect(adapterDisplayName({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' })).toBe(
      'google swiftshader',
    );
  });

  it('takes the host CPU estimate as its reference, naming lavapipe and the evidence', () => {
    const inferred = inferUnnamedAdapter(firefoxLavapipe, { browser: 'Firefox', cpuDrivers: ['lavapipe'] });
    const { reference } = resolveReferencePeaks(firefoxLavapipe, {}, cpu, inferred);
    // 2 cores x 2.5 GHz x 8 f32 lanes (AVX2) x 2 FMA units x 2 FLOP = 160 GFLOP/s, as for SwiftShader.
    expect(reference).toMatchObject({
      origin: 'cpu-estimate',
      estimate: true,
      name: 'Test CPU (host CPU running lavapipe)',
    });
    expect(reference!.fp32Tflops).toBeCloseTo(0.16, 12);
    expect(reference!.matchedBy).toMatch(
      /^software adapter \(lavapipe: Firefox reports no adapter name, only isFallbackAdapter/,
    );
    // Without the inference it is still a software adapter, by its fallback flag alone.
    expect(resolveReferencePeaks(firefoxLavapipe, {}, cpu).reference?.matchedBy).toBe(
      'software adapter (fallback adapter)',
    );
  });
});
