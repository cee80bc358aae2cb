// im2col for an NHWC conv2d: unfolds the input into the patches matrix P[N*E*F, R*S*C], row
// (n, oy, ox) holding the receptive field of that output pixel in (r, s, c) order, zeros where it
// falls in the padding (patchValue, shaders/lib/conv.wgsl). Then output[N*E*F, M] = P x
// filter[R*S*C, M] is a plain row-major GEMM (src/flops/conv.ts, im2colGemm). One invocation per
// element of P; invocations along x take neighbouring columns of one row, so with c innermost
// they read and write neighbouring words.

import package::lib::conv::{Conv, patchValue};

override WG_X: u32 = 64u;   // invocations per workgroup along the columns R*S*C
override WG_Y: u32 = 1u;    // invocations per workgroup along the rows N*E*F

@group(0) @binding(1) var<storage, read_write> patches: array<f32>;
@group(0) @binding(2) var<uniform> conv: Conv;

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y;
  if (col >= conv.k || row >= conv.batch * conv.outH * conv.outW) {
    return;
  }
  patches[row * conv.k + col] = patchValue(conv, row, col);
}
