import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { GPU_SPECS } from '../../src/specs/gpus.js';
import { type AdapterIdentity, findGpu, isSoftwareAdapter, matchAdapter } from '../../src/specs/match.js';

/** GPUAdapterInfo as Chrome fills it with developer features: description = driver's device name. */
function named(vendor: string, architecture: string, description: string, device = ''): AdapterIdentity {
  return { vendor, architecture, device, description };
}

function matchedId(info: AdapterIdentity): string | null {
  const match = matchAdapter(info);
  return match.spec === null ? null : match.spec.id;
}

describe('matchAdapter by name', () => {
  it.each([
    // Vulkan / D3D12 device names as drivers report them
    ['NVIDIA GeForce RTX 4090', 'nvidia-rtx-4090'],
    ['NVIDIA H100 80GB HBM3', 'nvidia-h100-sxm'],
    ['NVIDIA H100 PCIe', 'nvidia-h100-pcie'],
    ['NVIDIA A100-SXM4-80GB', 'nvidia-a100-sxm-80gb'],
    ['Tesla V100-SXM2-16GB', 'nvidia-v100-sxm2'],
    ['Tesla T4', 'nvidia-t4'],
    ['NVIDIA L4', 'nvidia-l4'],
    ['NVIDIA L40S', 'nvidia-l40s'],
    ['AMD Radeon RX 7900 XTX', 'amd-radeon-rx-7900-xtx'],
    ['AMD Radeon RX 7900 XTX (RADV NAVI31)', 'amd-radeon-rx-7900-xtx'],
    ['Apple M2 Max', 'apple-m2-max'],
    ['Apple M2', 'apple-m2'],
    ['Intel(R) Arc(TM) A770 Graphics', 'intel-arc-a770'],
    ['Intel(R) Iris(R) Xe Graphics (TGL GT2)', 'intel-iris-xe-96eu'],
  ])('%s -> %s', (description, id) => {
    expect(matchAdapter(named('x', '', description))).toEqual({ spec: expect.objectContaining({ id }), by: 'description' });
  });

  it('does not let a name match a longer product name', () => {
    expect(matchedId(named('nvidia', 'lovelace', 'NVIDIA GeForce RTX 4080 SUPER'))).toBe('nvidia-rtx-4080-super');
    expect(matchedId(named('nvidia', 'lovelace', 'NVIDIA GeForce RTX 4080'))).toBe('nvidia-rtx-4080');
    expect(matchedId(named('nvidia', 'lovelace', 'NVIDIA GeForce RTX 4090 Laptop GPU'))).toBeNull();
    expect(matchedId(named('nvidia', 'ampere', 'NVIDIA GeForce RTX 3060 Ti'))).toBeNull();
    expect(matchedId(named('amd', 'rdna-3', 'AMD Radeon RX 7900 XT'))).toBeNull();
    expect(matchedId(named('apple', 'metal-3', 'Apple M2 Ultra'))).toBeNull();
    expect(matchedId(named('nvidia', '', 'NVIDIA H200 NVL'))).toBeNull();
    expect(matchedId(named('nvidia', 'ampere', 'NVIDIA A100-SXM4-40GB'))).toBe('nvidia-a100-sxm-40gb');
    expect(matchedId(named('nvidia', 'ampere', 'NVIDIA A10G'))).toBeNull();
  });

  it('matches the name in `device` (Dawn for Node) and the PCI id Chrome puts there', () => {
    expect(matchAdapter({ vendor: 'nvidia', architecture: 'ampere', device: 'NVIDIA GeForce RTX 3090', description: 'NVIDIA: 550.54' }))
      .toEqual({ spec: expect.objectContaining({ id: 'nvidia-rtx-3090' }), by: 'device' });
    expect(matchAdapter({ vendor: 'nvidia', architecture: '', device: '0x2330', description: '' }))
      .toEqual({ spec: expect.objectContaining({ id: 'nvidia-h100-sxm' }), by: 'device' });
  });
});

describe('matchAdapter without a name', () => {
  it('returns the rows of the reported vendor and architecture and asks for --gpu', () => {
    const match = matchAdapter({ vendor: 'nvidia', architecture: 'ampere', device: '', description: '' });
    expect(match.spec).toBeNull();
    if (match.spec !== null) return;
    const ids = match.candidates.map((spec) => spec.id);
    expect(ids).toEqual(expect.arrayContaining(['nvidia-a100-sxm-40gb', 'nvidia-a100-sxm-80gb', 'nvidia-rtx-3090', 'nvidia-rtx-3060']));
    expect(match.candidates.every((spec) => spec.vendor === 'nvidia' && spec.architecture === 'ampere')).toBe(true);
    expect(match.reason).toMatch(/did not report the adapter's name/);
    expect(match.reason).toMatch(/--gpu NAME/);
    expect(match.reason).not.toMatch(/\n/);
  });

  it('treats an empty architecture as the rows Dawn cannot name (Hopper, MI300X)', () => {
    const match = matchAdapter({ vendor: 'nvidia', architecture: '', device: '', description: '' });
    if (match.spec !== null) throw new Error('expected no match');
    expect(match.candidates.map((spec) => spec.id).sort()).toEqual(['nvidia-h100-pcie', 'nvidia-h100-sxm', 'nvidia-h200-sxm']);
  });

  it('falls back to every row of the vendor when no architecture fits (macOS 12 reports common-3)', () => {
    const match = matchAdapter({ vendor: 'apple', architecture: 'common-3', device: '', description: '' });
    if (match.spec !== null) throw new Error('expected no match');
    expect(match.candidates.length).toBe(GPU_SPECS.filter((spec) => spec.vendor === 'apple').length);
  });

  it('names an unknown adapter in the reason', () => {
    const match = matchAdapter(named('nvidia', 'ampere', 'NVIDIA RTX A6000'));
    if (match.spec !== null) throw new Error('expected no match');
    expect(match.reason).toMatch(/no row of the peak table matches adapter "NVIDIA RTX A6000"/);
    expect(match.candidates.length).toBeGreaterThan(0);
  });

  it('says so when the vendor has no rows at all', () => {
    const match = matchAdapter({ vendor: 'qualcomm', architecture: 'adreno-7xx', device: '', description: '' });
    if (match.spec !== null) throw new Error('expected no match');
    expect(match.candidates).toEqual([]);
    expect(match.reason).toMatch(/no row has vendor "qualcomm"/);
  });
});

describe('isSoftwareAdapter', () => {
  it('recognises SwiftShader as Chrome reports it', () => {
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)' };
    expect(isSoftwareAdapter(swiftshader)).toBe('SwiftShader');
    const match = matchAdapter(swiftshader);
    expect(match.spec).toBeNull();
    if (match.spec === null) expect(match.reason).toMatch(/software renderer running on the CPU/);
  });

  it('recognises llvmpipe/lavapipe, WARP and the fallback adapter', () => {
    expect(isSoftwareAdapter(named('mesa', 'software', 'llvmpipe (LLVM 15.0.7, 256 bits)'))).toBe('llvmpipe');
    expect(isSoftwareAdapter(named('mesa', 'software', ''))).toBe('Mesa software renderer');
    expect(isSoftwareAdapter(named('microsoft', 'warp', 'Microsoft Basic Render Driver'))).toBe('WARP');
    expect(isSoftwareAdapter({ ...named('', '', ''), isFallbackAdapter: true })).toBe('fallback adapter');
  });

  it('returns null for hardware', () => {
    expect(isSoftwareAdapter(named('nvidia', 'lovelace', 'NVIDIA GeForce RTX 4090'))).toBeNull();
    expect(isSoftwareAdapter({ ...named('apple', 'metal-3', 'Apple M1'), isFallbackAdapter: false })).toBeNull();
  });
});

describe('findGpu', () => {
  it.each([
    ['h100-sxm', 'nvidia-h100-sxm'],
    ['H100 SXM', 'nvidia-h100-sxm'],
    ['nvidia-h100-sxm', 'nvidia-h100-sxm'],
    ['rtx4090', 'nvidia-rtx-4090'],
    ['RTX 4090', 'nvidia-rtx-4090'],
    ['NVIDIA GeForce RTX 4090', 'nvidia-rtx-4090'],
    ['4080 super', 'nvidia-rtx-4080-super'],
    ['rx 7900 xtx', 'amd-radeon-rx-7900-xtx'],
    ['m2 max', 'apple-m2-max'],
    ['Apple M1', 'apple-m1'],
    ['a10', 'nvidia-a10'],
    ['mi300x', 'amd-instinct-mi300x'],
    ['A100_SXM4_80GB', 'nvidia-a100-sxm-80gb'],
  ])('%s -> %s', (name, id) => {
    expect(findGpu(name).id).toBe(id);
  });

  it('finds every row by its id, its name and each alias, and by nothing else', () => {
    for (const spec of GPU_SPECS) {
      for (const name of [spec.id, spec.name, ...spec.aliases]) expect(findGpu(name).id).toBe(spec.id);
    }
  });

  it('names the three closest rows when the name is unknown', () => {
    expect(() => findGpu('rtx 4900')).toThrow(UsageError);
    expect(() => findGpu('rtx 4900')).toThrow(
      'unknown GPU "rtx 4900": did you mean NVIDIA GeForce RTX 4090, NVIDIA GeForce RTX 4080, NVIDIA GeForce RTX 4070? ' +
        '(pass one of the names in src/specs/gpus.ts, or --peak-tflops/--peak-bandwidth)',
    );
  });

  it('suggests the variants of an ambiguous family name instead of picking one', () => {
    expect(() => findGpu('h100')).toThrow(/did you mean NVIDIA H100 SXM, NVIDIA H100 PCIe/);
    expect(() => findGpu('a100')).toThrow(/did you mean NVIDIA A100 SXM4 40GB, NVIDIA A100 SXM4 80GB/);
    expect(() => findGpu('rx 7900 xt')).toThrow(/unknown GPU "rx 7900 xt": did you mean AMD Radeon RX 7900 XTX/);
  });

  it('suggests nothing when nothing is close, and rejects an empty name', () => {
    expect(() => findGpu('banana')).toThrow(/^unknown GPU "banana" \(pass one of the names/);
    expect(() => findGpu('  ')).toThrow(UsageError);
  });
});
