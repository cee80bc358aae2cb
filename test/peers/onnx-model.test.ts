/**
 * The in-memory ONNX models of the ONNX Runtime Web peer: the protobuf encoding by known answers,
 * and the models themselves run by onnxruntime-web's wasm CPU backend in Node (no browser, no
 * WebGPU), their outputs checked against flopscope's CPU references on the seeded inputs.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d } from '../../src/api/problems/conv2d.js';
import { gemm, gemmShape } from '../../src/api/problems/gemm.js';
import type { Shape } from '../../src/api/types.js';
import { convGraph, encodeModel, filtersToOihw, matmulGraph, varint } from '../../src/peers/onnx-model.js';
import { checkOutput } from '../../src/measure/check.js';
import { seededValues } from '../../src/protocol/seeded-inputs.js';

const gemmProblem = gemm();
const convProblem = conv2d();
/** Every index of an output of `total` elements. */
const all = (total: number) => Array.from({ length: total }, (_, i) => i);

describe('varint', () => {
  it('encodes base-128, low group first, as the protobuf encoding guide shows', () => {
    expect(varint(0)).toEqual([0x00]);
    expect(varint(1)).toEqual([0x01]);
    expect(varint(127)).toEqual([0x7f]);
    expect(varint(128)).toEqual([0x80, 0x01]);
    // https://protobuf.dev/programming-guides/encoding/: 150 is 96 01.
    expect(varint(150)).toEqual([0x96, 0x01]);
    // 2^32 = 2^28 x 16: four 0x80 groups then 0x10 (past 32-bit arithmetic).
    expect(varint(2 ** 32)).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
  });

  it('refuses what it cannot encode', () => {
    expect(() => varint(-1)).toThrow(/non-negative/);
    expect(() => varint(1.5)).toThrow(/non-negative/);
  });
});

describe('filtersToOihw', () => {
  it('moves filter [R,S,C,M] to ONNX weights [M,C,R,S]', () => {
    // R=1, S=2, C=2, M=3: flopscope's value at (r, s, c, m) is 1000r + 100s + 10c + m.
    const shape: Shape = { batch: 1, height: 4, width: 4, channels: 2, filters: 3, kernelH: 1, kernelW: 2 };
    const rscm = new Float32Array(1 * 2 * 2 * 3);
    for (let s = 0; s < 2; s++)
      for (let c = 0; c < 2; c++) for (let m = 0; m < 3; m++) rscm[(s * 2 + c) * 3 + m] = 100 * s + 10 * c + m;
    // [M,C,R,S] order: m, then c, then s (r = 0).
    expect([...filtersToOihw(rscm, shape)]).toEqual([0, 100, 10, 110, 1, 101, 11, 111, 2, 102, 12, 112]);
  });
});

/** Runs an encoded model on ORT's wasm CPU backend; the output's data. */
async function runOnWasm(
  model: Uint8Array,
  feeds: Record<string, { data: Float32Array; dims: readonly number[] }>,
  output: string,
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  try {
    const tensors = Object.fromEntries(
      Object.entries(feeds).map(([name, { data, dims }]) => [name, new ort.Tensor('float32', data, dims)]),
    );
    return (await session.run(tensors))[output]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('the models, run by ONNX Runtime (wasm, CPU)', () => {
  beforeAll(() => {
    ort.env.wasm.numThreads = 1;
  });

  it.each([
    ['square', { batch: 1, m: 16, n: 16, k: 16 }],
    ['skinny, unaligned', { batch: 1, m: 33, n: 5, k: 70 }],
    ['batched', { batch: 3, m: 8, n: 12, k: 20 }],
  ])('MatMul %s multiplies as gemmProblem.reference says', async (_name, shape) => {
    const { m, n, k, batch } = gemmShape(shape);
    const a = seededValues(batch * m * k, 1, 'a');
    const b = seededValues(batch * k * n, 1, 'b');
    const graph = matmulGraph(shape);
    // Rank 2 for one matrix, rank 3 with the batch in front otherwise.
    expect(graph.outputs[0]!.dims).toEqual(batch === 1 ? [m, n] : [batch, m, n]);
    const c = await runOnWasm(
      encodeModel(graph),
      { a: { data: a, dims: graph.inputs[0]!.dims }, b: { data: b, dims: graph.inputs[1]!.dims } },
      'c',
    );
    const check = checkOutput(gemmProblem, shape, {}, { a, b }, all(batch * m * n), c, batch * m * n);
    expect(check).toMatchObject({ passed: true, mode: 'full', checked: batch * m * n, mismatches: 0 });
  });

  it('Conv on NHWC data (H != W, R != S, stride 2, padding 1, batch 2) computes convProblem.reference', async () => {
    const shape: Shape = {
      batch: 2,
      height: 9,
      width: 7,
      channels: 3,
      filters: 5,
      kernelH: 3,
      kernelW: 2,
      stride: 2,
      pad: 1,
    };
    const [inputSpec, filterSpec, outputSpec] = convProblem.buffers(shape, {});
    const input = seededValues(inputSpec!.length, 1, 'input');
    const filter = seededValues(filterSpec!.length, 1, 'filter');
    const graph = convGraph(shape, filtersToOihw(filter, shape));
    // E = floor((9 + 2 - 3) / 2) + 1 = 5, F = floor((7 + 2 - 2) / 2) + 1 = 4: output [2, 5, 4, 5] NHWC.
    expect(graph.outputs[0]!.dims).toEqual([2, 5, 4, 5]);
    expect(outputSpec!.length).toBe(2 * 5 * 4 * 5);
    const output = await runOnWasm(
      encodeModel(graph),
      { input: { data: input, dims: graph.inputs[0]!.dims } },
      'output',
    );
    const check = checkOutput(
      convProblem,
      shape,
      {},
      { input, filter },
      all(outputSpec!.length),
      output,
      outputSpec!.length,
    );
    expect(check).toMatchObject({ passed: true, mode: 'full', checked: 200, mismatches: 0 });
  });

  it('a model whose weights do not fill their dims is refused before encoding', () => {
    const shape: Shape = { batch: 1, height: 4, width: 4, channels: 2, filters: 3, kernelH: 1, kernelW: 1 };
    expect(() => encodeModel(convGraph(shape, new Float32Array(5)))).toThrow(
      /initializer filter: 5 values for dims 3x2x1x1/,
    );
  });
});
