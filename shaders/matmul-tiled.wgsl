// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z.
// Classic shared-memory tiling: each workgroup owns a TILE_M x TILE_N tile of C (TILE_M = WG_Y*RM,
// TILE_N = WG_X*RN). For each step of TK along K, its invocations copy a TILE_M x TK tile of A and
// a TK x TILE_N tile of B into workgroup memory together, wait at a barrier, and each invocation
// then accumulates its RM x RN outputs from the shared tiles: every value read from memory is
// reused TILE_N (A) or TILE_M (B) times. Invocation (x, y) owns rows y, y + WG_Y, ... and columns
// x, x + WG_X, ..., so neighbouring invocations read neighbouring words of the tiles.
// Any shape: tile elements past M, N or K are zero, outputs past M or N are not stored.

override WG_X: u32 = 16u;   // invocations per workgroup along N
override WG_Y: u32 = 16u;   // invocations per workgroup along M
override RM: u32 = 2u;      // rows of C per invocation, 1..4 (rows y, y + WG_Y, ...)
override RN: u32 = 2u;      // columns of C per invocation, 1..4 (columns x, x + WG_X, ...)
override TK: u32 = 16u;     // depth of the tiles along K

override TILE_M: u32 = WG_Y * RM;
override TILE_N: u32 = WG_X * RN;

struct Dims {
  m: u32,
  n: u32,
  k: u32,
  batch: u32,
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;

var<workgroup> tileA: array<f32, TILE_M * TK>;
var<workgroup> tileB: array<f32, TK * TILE_N>;

// One row's RN accumulators += a x (its RN values of B); the RM and RN guards fold at compile
// time, so no accumulator is indexed by a run-time value.
fn fmaRow(acc: vec4<f32>, a: f32, b: vec4<f32>) -> vec4<f32> {
  var r = acc;
  r.x = fma(a, b.x, r.x);
  if (RN > 1u) { r.y = fma(a, b.y, r.y); }
  if (RN > 2u) { r.z = fma(a, b.z, r.z); }
  if (RN > 3u) { r.w = fma(a, b.w, r.w); }
  return r;
}

// The RN outputs of one row (columns col, col + WG_X, ...), those inside C.
fn storeRow(cBase: u32, row: u32, col: u32, v: vec4<f32>) {
  if (row >= dims.m) {
    return;
  }
  let start = cBase + row * dims.n;
  if (col < dims.n) { c[start + col] = v.x; }
  if (RN > 1u && col + WG_X < dims.n) { c[start + col + WG_X] = v.y; }
  if (RN > 2u && col + 2u * WG_X < dims.n) { c[start + col + 2u * WG_X] = v.z; }
  if (RN > 3u && col + 3u * WG_X < dims.n) { c[start + col + 3u * WG_X] = v.w; }
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let threads = WG_X * WG_Y;
  let li = lid.y * WG_X + lid.x;
  let row0 = wg.y * TILE_M;
  let col0 = wg.x * TILE_N;
  let aBase = wg.z * dims.m * dims.k;
  let bBase = wg.z * dims.k * dims.n;
  // Row i of this invocation's outputs; component j is column j (the first RN are used).
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
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
  let cBase = wg.z * dims.m * dims.n;
  storeRow(cBase, row0 + lid.y, col0 + lid.x, acc0);
  if (RM > 1u) { storeRow(cBase, row0 + lid.y + WG_Y, col0 + lid.x, acc1); }
  if (RM > 2u) { storeRow(cBase, row0 + lid.y + 2u * WG_Y, col0 + lid.x, acc2); }
  if (RM > 3u) { storeRow(cBase, row0 + lid.y + 3u * WG_Y, col0 + lid.x, acc3); }
}
