// Implicit-GEMM conv2d, NHWC: the GEMM output[N*E*F, M] = P[N*E*F, R*S*C] x filter[R*S*C, M] of
// im2col, with P never materialised: each A-tile element is read straight from the input at the
// coordinates its GEMM row (n, oy, ox) and column (r, s, c) stand for, zero in the padding
// (patchValue, shaders/lib/conv.wgsl). Otherwise the shared-memory tiling of matmul-tiled
// (shaders/lib/tiled_gemm.wgsl): each workgroup owns a TILE_M x TILE_N tile of the output (TILE_M =
// WG_Y*RM pixels, TILE_N = WG_X*RN filters); per step of TK along K its invocations stage a TILE_M
// x TK tile of P and a TK x TILE_N tile of the filters in workgroup memory, then each accumulates
// its RM x RN outputs from them. Any shape: tile elements past the pixels, filters or K are zero,
// outputs past them are not stored.

import package::lib::conv::{Conv, patchValue};
import package::lib::tiled_gemm::{Acc, multiplyTiles, storeRow, tileA, tileB, TILE_M, TILE_N, TK, WG_X, WG_Y, RM};

@group(0) @binding(1) var<storage, read> filt: array<f32>;
@group(0) @binding(3) var<uniform> conv: Conv;

// The RN outputs of one output pixel, if it is one.
fn storePixel(row: u32, col: u32, v: vec4<f32>, pixels: u32) {
  if (row < pixels) { storeRow(row * conv.filters, col, conv.filters, v); }
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let threads = WG_X * WG_Y;
  let li = lid.y * WG_X + lid.x;
  let pixels = conv.batch * conv.outH * conv.outW;
  let row0 = wg.y * TILE_M;
  let col0 = wg.x * TILE_N;
  var acc: Acc;
  for (var k0 = 0u; k0 < conv.k; k0 += TK) {
    for (var i = li; i < TILE_M * TK; i += threads) {
      tileA[i] = patchValue(conv, row0 + i / TK, k0 + i % TK);
    }
    for (var i = li; i < TK * TILE_N; i += threads) {
      let k = k0 + i / TILE_N;
      let col = col0 + i % TILE_N;
      let inside = k < conv.k && col < conv.filters;
      tileB[i] = select(0.0, filt[min(k, conv.k - 1u) * conv.filters + min(col, conv.filters - 1u)], inside);
    }
    workgroupBarrier();
    acc = multiplyTiles(lid, acc);
    // The next step overwrites the tiles: wait until everyone is done reading them.
    workgroupBarrier();
  }
  storePixel(row0 + lid.y, col0 + lid.x, acc.r0, pixels);
  if (RM > 1u) { storePixel(row0 + lid.y + WG_Y, col0 + lid.x, acc.r1, pixels); }
  if (RM > 2u) { storePixel(row0 + lid.y + 2u * WG_Y, col0 + lid.x, acc.r2, pixels); }
  if (RM > 3u) { storePixel(row0 + lid.y + 3u * WG_Y, col0 + lid.x, acc.r3, pixels); }
}
