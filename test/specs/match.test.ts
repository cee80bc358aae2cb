import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { GPU_SPECS } from '../../src/specs/gpus.js';
import { type AdapterIdentity, findGpu, isSoftwareAdapter, matchAdapter } from '../../src/specs/match.js';
import type { GpuSpec } from '../../src/specs/schema.js';

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
    expect(matchAdapter(named('x', '', description))).toEqual({
      spec: expect.objectContaining({ id }),
      by: 'description',
    });
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
    expect(
      matchAdapter({
        vendor: 'nvidia',
        architecture: 'ampere',
        device: 'NVIDIA GeForce RTX 3090',
        description: 'NVIDIA: 550.54',
      }),
    ).toEqual({
      spec: expect.objectContaining({ id: 'nvidia-rtx-3090' }),
      by: 'device',
    });
    expect(matchAdapter({ vendor: 'nvidia', architecture: '', device: '0x2330', description: '' })).toEqual({
      spec: expect.objectContaining({ id: 'nvidia-h100-sxm' }),
      by: 'device',
    });
  });
});

describe('matchAdapter without a name', () => {
  it('returns the rows of the reported vendor and architecture and asks for --gpu', () => {
    const match = matchAdapter({ vendor: 'nvidia', architecture: 'ampere', device: '', description: '' });
    expect(match.spec).toBeNull();
    if (match.spec !== null) return;
    const ids = match.candidates.map((spec) => spec.id);
    expect(ids).toEqual(
      expect.arrayContaining(['nvidia-a100-sxm-40gb', 'nvidia-a100-sxm-80gb', 'nvidia-rtx-3090', 'nvidia-rtx-3060']),
    );
    expect(match.candidates.every((spec) => spec.vendor === 'nvidia' && spec.architecture === 'ampere')).toBe(true);
    expect(match.reason).toMatch(/did not report the adapter's name/);
    expect(match.reason).toMatch(/--gpu NAME/);
    expect(match.reason).not.toMatch(/\n/);
  });

  it('treats an empty architecture as the rows Dawn cannot name (Hopper, MI300X)', () => {
    const match = matchAdapter({ vendor: 'nvidia', architecture: '', device: '', description: '' });
    if (match.spec !== null) throw new Error('expected no match');
    expect(match.candidates.map((spec) => spec.id).sort()).toEqual([
      'nvidia-h100-pcie',
      'nvidia-h100-sxm',
      'nvidia-h200-sxm',
    ]);
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
    const swiftshader = {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader Device (Subzero)',
    };
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

/** A row of a made-up table, so each rule of the matcher can be shown on names chosen for it. */
function row(id: string, name: string, aliases: string[] = [], extra: Partial<GpuSpec> = {}): GpuSpec {
  const { pciDeviceIds: _pci, ...base } = GPU_SPECS[0]!;
  return { ...base, id, name, aliases, vendor: 'acme', architecture: 'gen-1', ...extra };
}

describe('isSoftwareAdapter, each renderer and its look-alikes', () => {
  it('names lavapipe, softpipe, WARP by architecture or by name, and SwiftShader in any field', () => {
    expect(isSoftwareAdapter(named('mesa', 'software', 'lavapipe (LLVM 15)'))).toBe('lavapipe');
    expect(isSoftwareAdapter(named('mesa', '', 'softpipe'))).toBe('softpipe');
    expect(isSoftwareAdapter(named('microsoft', 'warp', ''))).toBe('WARP');
    expect(isSoftwareAdapter(named('microsoft', '', 'Microsoft Basic Render Driver'))).toBe('WARP');
    expect(isSoftwareAdapter(named('google', '', '', 'SwiftShader Device'))).toBe('SwiftShader');
    // WebGPU's names, trimmed and in any case.
    expect(isSoftwareAdapter(named(' Mesa ', ' Software ', ''))).toBe('Mesa software renderer');
  });

  it('does not take Mesa hardware drivers or another vendor\'s "software" for a software renderer', () => {
    expect(isSoftwareAdapter(named('mesa', 'rdna-3', 'AMD Radeon RX 7900 XTX (RADV NAVI31)'))).toBeNull();
    expect(isSoftwareAdapter(named('acme', 'software', ''))).toBeNull();
  });

  it('leaves no candidates for a software adapter', () => {
    expect(matchAdapter(named('mesa', 'software', 'llvmpipe'))).toMatchObject({ spec: null, candidates: [] });
  });
});

describe('matchAdapter rules, on a made-up table', () => {
  it('prefers the longest name, and the first row of equal length', () => {
    const table = [row('acme-foo-x', 'Foo X'), row('acme-foo', 'Foo')];
    expect(matchAdapter(named('acme', '', 'Acme Foo X'), table)).toMatchObject({
      spec: { id: 'acme-foo-x' },
      by: 'description',
    });
    const equal = [row('acme-foo-a', 'Foo A'), row('acme-bar-b', 'Bar B')];
    expect(matchAdapter(named('acme', '', 'Foo A and Bar B'), equal)).toMatchObject({ spec: { id: 'acme-foo-a' } });
  });

  it('lets a variant word in parentheses block a name too', () => {
    expect(matchedId(named('nvidia', 'lovelace', 'NVIDIA GeForce RTX 4080 (SUPER)'))).toBeNull();
  });

  it('reads trademark marks as spaces', () => {
    expect(matchedId(named('intel', '', 'Intel® Arc™ A770 Graphics'))).toBe('intel-arc-a770');
    expect(matchedId(named('intel', '', 'Intel(R)Arc(TM)A770 Graphics'))).toBe('intel-arc-a770');
  });

  it('takes a PCI id only as the whole field, trimmed, and only from rows that list ids', () => {
    expect(matchAdapter({ vendor: 'nvidia', architecture: '', device: ' 0X2330 ', description: '' })).toMatchObject({
      spec: { id: 'nvidia-h100-sxm' },
      by: 'device',
    });
    expect(matchedId({ vendor: 'nvidia', architecture: '', device: '0x23301', description: '' })).toBeNull();
    expect(matchedId({ vendor: 'nvidia', architecture: '', device: 'pci 0x2330', description: '' })).toBeNull();
    expect(
      matchAdapter({ vendor: 'acme', architecture: 'gen-1', device: '0x1234', description: '' }, [
        row('acme-a', 'Acme A'),
      ]).spec,
    ).toBeNull();
  });

  it('says which rows fit, one or several, and how many more than six', () => {
    const one = matchAdapter({ vendor: ' ACME ', architecture: ' Gen-1 ', device: '', description: '' }, [
      row('acme-a', 'Acme A'),
      row('other-b', 'Other B', [], { vendor: 'other' }),
    ]);
    expect(one).toEqual({
      spec: null,
      candidates: [expect.objectContaining({ id: 'acme-a' })],
      reason:
        'the browser did not report the adapter\'s name, only vendor "acme", architecture "gen-1"; this row fits: Acme A; ' +
        'pass --gpu NAME with one of the names in src/specs/gpus.ts, or --peak-tflops/--peak-bandwidth',
    });
    const eight = Array.from({ length: 8 }, (_, i) => row(`acme-${i}`, `Acme ${i}`));
    const many = matchAdapter({ vendor: 'acme', architecture: 'gen-1', device: '   ', description: '  ' }, eight);
    if (many.spec !== null) throw new Error('expected no match');
    expect(many.reason).toContain('; 8 rows fit: Acme 0, Acme 1, Acme 2, Acme 3, Acme 4, Acme 5 and 2 more; ');
    const two = matchAdapter({ vendor: 'acme', architecture: 'gen-1', device: '', description: '' }, eight.slice(0, 2));
    if (two.spec !== null) throw new Error('expected no match');
    expect(two.reason).toContain('; 2 rows fit: Acme 0, Acme 1; ');
  });

  it('names the adapter from `device` when `description` is blank', () => {
    const match = matchAdapter({ vendor: 'acme', architecture: 'gen-1', device: 'Acme Z9', description: '  ' }, [
      row('acme-a', 'Acme A'),
    ]);
    if (match.spec !== null) throw new Error('expected no match');
    expect(match.reason).toMatch(
      /^no row of the peak table matches adapter "Acme Z9" \(vendor "acme", architecture "gen-1"\); this row fits: Acme A; /,
    );
  });
});

describe('findGpu rules, on a made-up table', () => {
  it('refuses a name two rows answer to, listing both', () => {
    const table = [row('acme-a', 'Acme A', ['Twin']), row('acme-b', 'Acme B', ['Twin'])];
    expect(() => findGpu('twin', table)).toThrow('GPU name "twin" fits Acme A, Acme B: give the full name or id');
  });

  it('refuses an empty name with the hint', () => {
    expect(() => findGpu(' - ', GPU_SPECS)).toThrow(
      'empty GPU name: pass one of the names in src/specs/gpus.ts, or --peak-tflops/--peak-bandwidth',
    );
  });

  it('finds a row by its name without the vendor words, and only by whole keys', () => {
    const table = [row('acme-k5', 'NVIDIA GeForce K5'), row('acme-k50', 'Acme K50')];
    expect(findGpu('GeForce K5', table).id).toBe('acme-k5');
    expect(findGpu('k5', table).id).toBe('acme-k5');
    expect(findGpu('acme k50', table).id).toBe('acme-k50');
  });

  // Suggestions for an unknown name, nearest first: edit distance of the joined keys (a swap of
  // neighbours counts 1, a key the typed name starts counts 0.5), at most max(2, length / 3);
  // then words in common; then the longer common prefix; then table order.
  const suggest = (name: string, table: GpuSpec[]): string => {
    try {
      findGpu(name, table);
    } catch (error) {
      return /did you mean (.*)\?/.exec((error as Error).message)?.[1] ?? '(none)';
    }
    throw new Error(`${name} was found`);
  };

  it('counts a swap of neighbours as one edit, and ranks by distance', () => {
    // 'abcdef': BACDEF is one swap away (2 plain edits), ABCDXY two substitutions. Were a swap
    // counted as 2, the tie would go to ABCDXY's longer common prefix.
    const table = [row('acme-t', 'ABCDXY'), row('acme-s', 'BACDEF')];
    expect(suggest('abcdef', table)).toBe('BACDEF, ABCDXY');
    // 'zz': ZZAB starts with it (0.5, first), ZY and XZZ are 1 edit each; ZY shares the prefix 'z'.
    expect(suggest('zz', [row('acme-xzz', 'XZZ'), row('acme-zy', 'ZY'), row('acme-zzab', 'ZZAB')])).toBe(
      'ZZAB, ZY, XZZ',
    );
  });

  it('takes distances up to 2 for short names and up to a third of the length for long ones', () => {
    const table = [row('acme-ab', 'ABCD'), row('acme-long', 'ABCDEFGHIJKL')];
    // 'abxy' is 2 edits from 'abcd' (kept), 'axyz' 3 (dropped).
    expect(suggest('abxy', table)).toBe('ABCD');
    expect(suggest('axyz', table)).toBe('(none)');
    // 12 letters: up to 4 edits. 'abcdefghwxyz' is 4 from 'abcdefghijkl', 5 would be too many.
    expect(suggest('abcdefghwxyz', table)).toBe('ABCDEFGHIJKL');
    expect(suggest('abcdefgvwxyz', table)).toBe('(none)');
  });

  it('breaks ties by words in common, then by common prefix, then by table order', () => {
    // 'zeta 1x' joins to 'zeta1x'; both rows are 1 edit away; only the second shares the word 'zeta'.
    const shared = [row('acme-a', 'Zetb 1x'), row('acme-b', 'Zeta 1y')];
    expect(suggest('zeta 1x', shared)).toBe('Zeta 1y, Zetb 1x');
    // Same distance, no word in common: the longer common prefix first.
    const prefix = [row('acme-c', 'Pqrx'), row('acme-d', 'Pqst')];
    expect(suggest('pqss', prefix)).toBe('Pqst, Pqrx');
    // A full tie keeps table order.
    const order = [row('acme-e', 'Mnox'), row('acme-f', 'Mnoy')];
    expect(suggest('mnoz', order)).toBe('Mnox, Mnoy');
    expect(suggest('mnoz', [...order].reverse())).toBe('Mnoy, Mnox');
  });

  it('suggests rows that share a word even when far in spelling, never by vendor words alone', () => {
    const table = [row('acme-h1', 'Hyper 100 Turbo'), row('acme-h2', 'NVIDIA Other')];
    expect(suggest('hyper 999999', table)).toBe('Hyper 100 Turbo');
    expect(suggest('nvidia 999999', table)).toBe('(none)');
  });
});
