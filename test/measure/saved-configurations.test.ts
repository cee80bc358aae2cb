/** Saved configurations: keyed by adapter, kernel and shape; taken for that adapter alone, under --param. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_REGISTRY } from '../../src/kernels/index.js';
import { adapterClass, resolveForAdapter, tunedParams } from '../../src/measure/plan.js';
import {
  adapterKey,
  SAVED_SCHEMA,
  SavedConfigurations,
  SavedFileSchema,
  withSaved,
} from '../../src/measure/saved-configurations.js';

const adapter = {
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: 'NVIDIA H200',
  isFallbackAdapter: false,
};
const other = { ...adapter, description: 'NVIDIA H100' };
const kernel = BUILTIN_REGISTRY.get('matmul-blocked');
const shape = kernel.shapeFromSize(64);

describe('saved configurations', () => {
  it('keys an adapter by vendor, architecture, device and description', () => {
    expect(adapterKey(adapter)).toBe('nvidia / hopper /  / NVIDIA H200');
    expect(adapterKey(other)).not.toBe(adapterKey(adapter));
  });

  it('adds entries to a new file and replaces only the ones saved again', () => {
    const first = withSaved(null, 'a', [{ kernel: 'k', shapeLabel: '64x64x64', params: { T: 1 }, gflops: 2 }], 't1');
    expect(first).toEqual({
      schema: SAVED_SCHEMA,
      adapters: { a: { k: { '64x64x64': { params: { T: 1 }, gflops: 2, savedAt: 't1' } } } },
    });
    const second = withSaved(
      first,
      'a',
      [{ kernel: 'k', shapeLabel: '128x128x128', params: { T: 2 }, gflops: null, results: 'r.json' }],
      't2',
    );
    expect(Object.keys(second.adapters.a!.k!)).toEqual(['64x64x64', '128x128x128']);
    expect(second.adapters.a!.k!['128x128x128']).toEqual({
      params: { T: 2 },
      gflops: null,
      savedAt: 't2',
      results: 'r.json',
    });
    expect(first.adapters.a!.k!['128x128x128']).toBeUndefined(); // the file given is not changed
    expect(SavedFileSchema.parse(second)).toEqual(second);
  });

  it('is taken for the adapter it was saved on only, and --param wins over it', () => {
    const params = { WG_X: 4, WG_Y: 4, TM: 8, TN: 8, KSTEP: 4 };
    const file = withSaved(
      null,
      adapterKey(adapter),
      [{ kernel: kernel.name, shapeLabel: kernel.formatShape(shape), params, gflops: 1 }],
      't',
    );
    const planned = { kernel, shape, size: 64, params: kernel.defaultParams, tuned: true, overrides: { KSTEP: 2 } };
    expect(new SavedConfigurations(file, adapterKey(adapter)).lookup(kernel, shape)).toEqual(params);
    expect(new SavedConfigurations(file, adapterKey(other)).lookup(kernel, shape)).toBeUndefined();
    const [mine] = resolveForAdapter([planned], adapter, new SavedConfigurations(file, adapterKey(adapter)));
    expect(mine!.params).toEqual({ ...params, KSTEP: 2 });
    const [theirs] = resolveForAdapter([planned], other, new SavedConfigurations(file, adapterKey(other)));
    expect(theirs!.params).toEqual({
      ...kernel.defaultParams,
      ...tunedParams(kernel, adapterClass(other), 64),
      KSTEP: 2,
    }); // its class's tuned one, not the H200's
  });
});
