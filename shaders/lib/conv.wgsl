// What the NHWC conv2d shaders (conv-direct, im2col, conv-implicit-gemm) share: the layer's
// dimensions, the input, and the coordinates an output pixel and a filter tap stand for.
// input[N, H, W, C], filters [R, S, C, M], output[N, E, F, M] with E = outH, F = outW.

struct Conv {
  batch: u32,
  height: u32,
  width: u32,
  channels: u32,
  filters: u32,
  kernelH: u32,
  kernelW: u32,
  stride: u32,
  pad: u32,
  outH: u32,
  outW: u32,
  k: u32,       // R*S*C, the depth of the im2col GEMM
}

@group(0) @binding(0) var<storage, read> input: array<f32>;

// An output pixel: image n, row oy, column ox.
struct Pixel {
  n: u32,
  oy: u32,
  ox: u32,
}

// Output pixel `row` of the im2col GEMM (rows in (n, oy, ox) order).
fn pixelOf(p: Conv, row: u32) -> Pixel {
  return Pixel(row / (p.outW * p.outH), (row / p.outW) % p.outH, row % p.outW);
}

// The index of input[n, iy, ix, 0].
fn inputBase(p: Conv, n: u32, iy: u32, ix: u32) -> u32 {
  return ((n * p.height + iy) * p.width + ix) * p.channels;
}

// P[row][k] of the im2col GEMM: the input value GEMM row `row` (an output pixel) and column `k` (a
// filter tap, in (r, s, c) order) stand for; zero in the padding and past the pixels or K.
fn patchValue(p: Conv, row: u32, k: u32) -> f32 {
  let c = k % p.channels;
  let s = (k / p.channels) % p.kernelW;
  let r = k / (p.channels * p.kernelW);
  let px = pixelOf(p, row);
  let iy = i32(px.oy * p.stride + r) - i32(p.pad);
  let ix = i32(px.ox * p.stride + s) - i32(p.pad);
  let pixels = p.batch * p.outH * p.outW;
  let inside = row < pixels && k < p.k && iy >= 0 && iy < i32(p.height) && ix >= 0 && ix < i32(p.width);
  // Clamped so the read stays in bounds; the value is dropped outside the image.
  let index = inputBase(p, min(px.n, p.batch - 1u), u32(clamp(iy, 0, i32(p.height) - 1)), u32(clamp(ix, 0, i32(p.width) - 1))) + c;
  return select(0.0, input[index], inside);
}
