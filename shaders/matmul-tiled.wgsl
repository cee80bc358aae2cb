// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z.
// Classic shared-memory tiling (shaders/lib/tiled_gemm.wgsl): for each step of TK along K, the
// workgroup copies a TILE_M x TK tile of A and a TK x TILE_N tile of B into workgroup memory, waits
// at a barrier, and each invocation accumulates its RM x RN outputs from the shared tiles.
// Any shape: tile elements past M, N or K are zero, outputs past M or N are not stored.

import package::lib::tiled_gemm::{Acc, multiplyTiles, storeRow, tileA, tileB, TILE_M, TILE_N, TK, WG_X, WG_Y, RM};

struct Dims {
  m: u32,
  n: u32,
  k: u32,
  batch: u32,
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;

// The RN outputs of one row of C in batch `cBase`, if the row is inside C.
fn storeC(cBase: u32, row: u32, col: u32, v: vec4<f32>) {
  if (row < dims.m) { storeRow(cBase + row * dims.n, col, dims.n, v); }
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let threads = WG_X * WG_Y;
  let li = lid.y * WG_X + lid.x;
  let row0 = wg.y * TILE_M;
  let col0 = wg.x * TILE_N;
  let aBase = wg.z * dims.m * dims.k;
  let bBase = wg.z * dims.k * dims.n;
  var acc: Acc;
  for (var k0 = 0u; k0 < dims.k; k0 += TK) {
    for (var i = li; i < TILE_M * TK; i += threads) {
      let row = row0 + i / TK;
      let k = k0 + i % TK;
      let inside = row < dims.m && k < dims.k;
      tileA[i] = select(0.0, a[aBase + min(row, dims.m - 1u) * dims.k + min(k, dims.k - 1u)], inside);
    }
    for (var i = li; i < TK * TILE_N; i += threads) {
      let k = k0 + i / TILE_N;
      let col = col0 + i % TILE_N;
      let inside = k < dims.k && col < dims.n;
      tileB[i] = select(0.0, b[bBase + min(k, dims.k - 1u) * dims.n + min(col, dims.n - 1u)], inside);
    }
    workgroupBarrier();
    acc = multiplyTiles(lid, acc);
    // The next step overwrites the tiles: wait until everyone is done reading them.
    workgroupBarrier();
  }
  let cBase = wg.z * dims.m * dims.n;
  storeC(cBase, row0 + lid.y, col0 + lid.x, acc.r0);
  if (RM > 1u) { storeC(cBase, row0 + lid.y + WG_Y, col0 + lid.x, acc.r1); }
  if (RM > 2u) { storeC(cBase, row0 + lid.y + 2u * WG_Y, col0 + lid.x, acc.r2); }
  if (RM > 3u) { storeC(cBase, row0 + lid.y + 3u * WG_Y, col0 + lid.x, acc.r3); }
}
