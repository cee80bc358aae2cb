// Implicit-GEMM conv2d, NHWC: the GEMM output[N*E*F, M] = P[N*E*F, R*S*C] x filter[R*S*C, M] of
// im2col, with P never materialised: each A-tile element is read straight from the input at the
// coordinates its GEMM row (n, oy, ox) and column (r, s, c) stand for, zero in the padding.
// Otherwise the shared-memory tiling of matmul-tiled: each workgroup owns a TILE_M x TILE_N tile of
// the output (TILE_M = WG_Y*RM pixels, TILE_N = WG_X*RN filters); per step of TK along K its
// invocations stage a TILE_M x TK tile of P and a TK x TILE_N tile of the filters in workgroup
// memory, then each accumulates its RM x RN outputs from them. Any shape: tile elements past the
// pixels, filters or K are zero, outputs past them are not stored.

override WG_X: u32 = 16u;   // invocations per workgroup along the filters
override WG_Y: u32 = 16u;   // invocations per workgroup along the output pixels
override RM: u32 = 2u;      // pixels per invocation, 1..4 (rows y, y + WG_Y, ...)
override RN: u32 = 2u;      // filters per invocation, 1..4 (columns x, x + WG_X, ...)
override TK: u32 = 16u;     // depth of the tiles along K = R*S*C

override TILE_M: u32 = WG_Y * RM;
override TILE_N: u32 = WG_X * RN;

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
@group(0) @binding(1) var<storage, read> filt: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
@group(0) @binding(3) var<uniform> conv: Conv;

var<workgroup> tileA: array<f32, TILE_M * TK>;
var<workgroup> tileB: array<f32, TK * TILE_N>;

// P[row][k]: the input value GEMM row `row` (an output pixel) and column `k` (a filter tap) stand
// for, zero in the padding and past the pixels or K.
fn patchValue(row: u32, k: u32, pixels: u32) -> f32 {
  let c = k % conv.channels;
  let s = (k / conv.channels) % conv.kernelW;
  let r = k / (conv.channels * conv.kernelW);
  let ox = row % conv.outW;
  let oy = (row / conv.outW) % conv.outH;
  let n = row / (conv.outW * conv.outH);
  let iy = i32(oy * conv.stride + r) - i32(conv.pad);
  let ix = i32(ox * conv.stride + s) - i32(conv.pad);
  let inside = row < pixels && k < conv.k && iy >= 0 && iy < i32(conv.height) && ix >= 0 && ix < i32(conv.width);
  let index = ((min(n, conv.batch - 1u) * conv.height + u32(clamp(iy, 0, i32(conv.height) - 1))) * conv.width + u32(clamp(ix, 0, i32(conv.width) - 1))) * conv.channels + c;
  return select(0.0, input[index], inside);
}

fn fmaRow(acc: vec4<f32>, a: f32, b: vec4<f32>) -> vec4<f32> {
  var r = acc;
  r.x = fma(a, b.x, r.x);
  if (RN > 1u) { r.y = fma(a, b.y, r.y); }
  if (RN > 2u) { r.z = fma(a, b.z, r.z); }
  if (RN > 3u) { r.w = fma(a, b.w, r.w); }
  return r;
}

fn storeRow(row: u32, col: u32, v: vec4<f32>, pixels: u32) {
  if (row >= pixels) {
    return;
  }
  let start = row * conv.filters;
  if (col < conv.filters) { output[start + col] = v.x; }
  if (RN > 1u && col + WG_X < conv.filters) { output[start + col + WG_X] = v.y; }
  if (RN > 2u && col + 2u * WG_X < conv.filters) { output[start + col + 2u * WG_X] = v.z; }
  if (RN > 3u && col + 3u * WG_X < conv.filters) { output[start + col + 3u * WG_X] = v.w; }
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let threads = WG_X * WG_Y;
  let li = lid.y * WG_X + lid.x;
  let pixels = conv.batch * conv.outH * conv.outW;
  let row0 = wg.y * TILE_M;
  let col0 = wg.x * TILE_N;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < conv.k; k0 += TK) {
    for (var i = li; i < TILE_M * TK; i += threads) {
      tileA[i] = patchValue(row0 + i / TK, k0 + i % TK, pixels);
    }
    for (var i = li; i < TK * TILE_N; i += threads) {
      let k = k0 + i / TILE_N;
      let col = col0 + i % TILE_N;
      let inside = k < conv.k && col < conv.filters;
      tileB[i] = select(0.0, filt[min(k, conv.k - 1u) * conv.filters + min(col, conv.filters - 1u)], inside);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      let bRow = kk * TILE_N + lid.x;
      var bv = vec4<f32>(tileB[bRow], 0.0, 0.0, 0.0);
      if (RN > 1u) { bv.y = tileB[bRow + WG_X]; }
      if (RN > 2u) { bv.z = tileB[bRow + 2u * WG_X]; }
      if (RN > 3u) { bv.w = tileB[bRow + 3u * WG_X]; }
      acc0 = fmaRow(acc0, tileA[lid.y * TK + kk], bv);
      if (RM > 1u) { acc1 = fmaRow(acc1, tileA[(lid.y + WG_Y) * TK + kk], bv); }
      if (RM > 2u) { acc2 = fmaRow(acc2, tileA[(lid.y + 2u * WG_Y) * TK + kk], bv); }
      if (RM > 3u) { acc3 = fmaRow(acc3, tileA[(lid.y + 3u * WG_Y) * TK + kk], bv); }
    }
    // The next step overwrites the tiles: wait until everyone is done reading them.
    workgroupBarrier();
  }
  storeRow(row0 + lid.y, col0 + lid.x, acc0, pixels);
  if (RM > 1u) { storeRow(row0 + lid.y + WG_Y, col0 + lid.x, acc1, pixels); }
  if (RM > 2u) { storeRow(row0 + lid.y + 2u * WG_Y, col0 + lid.x, acc2, pixels); }
  if (RM > 3u) { storeRow(row0 + lid.y + 3u * WG_Y, col0 + lid.x, acc3, pixels); }
}
