// Direct 2-D convolution, NHWC: output[n, oy, ox, m] = sum over r, s, c of
// input[n, oy*stride - pad + r, ox*stride - pad + s, c] x filter[r, s, c, m] (filters [R, S, C, M]).
// Each invocation computes one output pixel for FB consecutive filters (a small block: every input
// value it reads feeds FB accumulators), straight from the definition: no unfolded matrix and no
// workgroup memory. Invocations along x take neighbouring filter blocks of the same pixel, so they
// read the same input values and neighbouring filter values. Taps in the padding are skipped.

import package::lib::conv::{Conv, inputBase, input, pixelOf};

override WG_X: u32 = 16u;   // invocations per workgroup along the filters (x FB filters each)
override WG_Y: u32 = 4u;    // invocations per workgroup along the output pixels
override FB: u32 = 4u;      // filters per invocation: 1, 2, 4 or 8

@group(0) @binding(1) var<storage, read> filt: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
@group(0) @binding(3) var<uniform> conv: Conv;

// filt[base + j] for the FB filters of this invocation, clamped inside the filter count (the
// values past it feed outputs that are never stored).
fn filterBlock(base: u32, m0: u32, j: u32) -> vec4<f32> {
  let last = conv.filters - 1u;
  var v = vec4<f32>(filt[base + min(m0 + j, last)], 0.0, 0.0, 0.0);
  if (FB > 1u) { v.y = filt[base + min(m0 + j + 1u, last)]; }
  if (FB > 2u) { v.z = filt[base + min(m0 + j + 2u, last)]; }
  if (FB > 3u) { v.w = filt[base + min(m0 + j + 3u, last)]; }
  return v;
}

fn store(outBase: u32, m: u32, v: f32) {
  if (m < conv.filters) { output[outBase + m] = v; }
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let pixels = conv.batch * conv.outH * conv.outW;
  let pixel = gid.y;
  let m0 = gid.x * FB;
  if (pixel >= pixels || m0 >= conv.filters) {
    return;
  }
  let px = pixelOf(conv, pixel);
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  // Signed: the first taps of a padded row or column fall before the image.
  let y0 = i32(px.oy * conv.stride) - i32(conv.pad);
  let x0 = i32(px.ox * conv.stride) - i32(conv.pad);
  for (var r = 0u; r < conv.kernelH; r++) {
    let iy = y0 + i32(r);
    if (iy < 0 || iy >= i32(conv.height)) {
      continue;
    }
    for (var s = 0u; s < conv.kernelW; s++) {
      let ix = x0 + i32(s);
      if (ix < 0 || ix >= i32(conv.width)) {
        continue;
      }
      let inBase = inputBase(conv, px.n, u32(iy), u32(ix));
      let filterBase = (r * conv.kernelW + s) * conv.channels * conv.filters;
      for (var c = 0u; c < conv.channels; c++) {
        let x = input[inBase + c];
        let base = filterBase + c * conv.filters;
        acc0 = fma(vec4<f32>(x), filterBlock(base, m0, 0u), acc0);
        if (FB > 4u) { acc1 = fma(vec4<f32>(x), filterBlock(base, m0, 4u), acc1); }
      }
    }
  }
  let outBase = pixel * conv.filters;
  store(outBase, m0, acc0.x);
  if (FB > 1u) { store(outBase, m0 + 1u, acc0.y); }
  if (FB > 2u) { store(outBase, m0 + 2u, acc0.z); }
  if (FB > 3u) { store(outBase, m0 + 3u, acc0.w); }
  if (FB > 4u) {
    store(outBase, m0 + 4u, acc1.x);
    store(outBase, m0 + 5u, acc1.y);
    store(outBase, m0 + 6u, acc1.z);
    store(outBase, m0 + 7u, acc1.w);
  }
}
