// im2col for an NHWC conv2d: unfolds the input into the patches matrix P[N*E*F, R*S*C], row
// (n, oy, ox) holding the receptive field of that output pixel in (r, s, c) order, zeros where it
// falls in the padding. Then output[N*E*F, M] = P x filter[R*S*C, M] is a plain row-major GEMM
// (src/flops/conv.ts, im2colGemm). One invocation per element of P; invocations along x take
// neighbouring columns of one row, so with c innermost they read and write neighbouring words.

override WG_X: u32 = 64u;   // invocations per workgroup along the columns R*S*C
override WG_Y: u32 = 1u;    // invocations per workgroup along the rows N*E*F

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
  k: u32,
}

@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> patches: array<f32>;
@group(0) @binding(2) var<uniform> conv: Conv;

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y;
  if (col >= conv.k || row >= conv.batch * conv.outH * conv.outW) {
    return;
  }
  let c = col % conv.channels;
  let s = (col / conv.channels) % conv.kernelW;
  let r = col / (conv.channels * conv.kernelW);
  let ox = row % conv.outW;
  let oy = (row / conv.outW) % conv.outH;
  let n = row / (conv.outW * conv.outH);
  let iy = i32(oy * conv.stride + r) - i32(conv.pad);
  let ix = i32(ox * conv.stride + s) - i32(conv.pad);
  let inside = iy >= 0 && iy < i32(conv.height) && ix >= 0 && ix < i32(conv.width);
  // Clamped so the read stays in bounds; the value is dropped outside the image.
  let index = ((n * conv.height + u32(clamp(iy, 0, i32(conv.height) - 1))) * conv.width + u32(clamp(ix, 0, i32(conv.width) - 1))) * conv.channels + c;
  patches[row * conv.k + col] = select(0.0, input[index], inside);
}
