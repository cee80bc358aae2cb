import { custom, defineKernel } from 'flopscope';

/** The { rows, cols } of a shape. */
const dims = (shape: Record<string, number>) => ({ rows: shape.rows!, cols: shape.cols! });

/**
 * Row-wise softmax, a problem flopscope does not ship: its buffers, its work and its CPU
 * reference, given here. Memory-bound (it reads x and writes y once), so judged in GB/s.
 */
const softmaxRows = custom({
  name: 'softmax rows',
  summary: 'y = softmax(x) along each row of a row-major rows x cols matrix',
  metric: 'bandwidth',
  shapeFromSize: (size) => ({ rows: size, cols: size }),
  formatShape: (shape) => `${shape.rows}x${shape.cols}`,
  buffers(shape) {
    const { rows, cols } = dims(shape);
    return [
      { name: 'x', role: 'input', type: 'f32', length: rows * cols },
      { name: 'y', role: 'output', type: 'f32', length: rows * cols },
    ];
  },
  // Per element: a max, a subtraction and an exp twice, an add and a divide: count 5 useful FLOPs.
  flops: (shape) => 5 * dims(shape).rows * dims(shape).cols,
  bytes: (shape) => 8 * dims(shape).rows * dims(shape).cols,
  uniforms: (shape) => [{ u32: dims(shape).rows }, { u32: dims(shape).cols }],
  reference(inputs, shape, index) {
    const { cols } = dims(shape);
    const x = inputs.x!;
    const base = index - (index % cols);
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, x[base + c]!);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(x[base + c]! - max);
    const value = Math.exp(x[index]! - max) / sum;
    // f32 exp is good to a few ulps; the sum of `cols` terms adds up to cols roundings.
    return { value, tolerance: value * (cols + 8) * 2 ** -23 + 1e-9 };
  },
  testShapes: [
    { rows: 3, cols: 70 },
    { rows: 65, cols: 33 },
  ],
});

export default defineKernel({
  name: 'softmax-rows',
  summary: 'row-wise softmax: a workgroup per row, max and sum reduced in workgroup memory',
  shader: './softmax.wgsl',
  problem: softmaxRows,
  params: { WG_SIZE: [32, 64, 128, 256] },
  defaults: { WG_SIZE: 64 },
  checkConfig: (_shape, { WG_SIZE }) =>
    (WG_SIZE! & (WG_SIZE! - 1)) === 0 ? null : `WG_SIZE ${WG_SIZE} must be a power of 2 (the tree reduction halves it)`,
  workgroupSize: ({ WG_SIZE }) => [WG_SIZE!, 1, 1],
  workgroupStorageBytes: ({ WG_SIZE }) => 4 * WG_SIZE!,
  workgroups: (shape) => [dims(shape).rows, 1, 1],
});
