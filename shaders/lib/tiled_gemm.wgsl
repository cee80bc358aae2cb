// The shared-memory GEMM tiling that matmul-tiled and conv-implicit-gemm share. Each workgroup
// owns a TILE_M x TILE_N tile of the output (TILE_M = WG_Y*RM, TILE_N = WG_X*RN). For each step of
// TK along K, its invocations copy a TILE_M x TK tile of A and a TK x TILE_N tile of B into
// `tileA` and `tileB` together (the root shader says where those values come from), wait at a
// barrier, and each invocation then accumulates its RM x RN outputs from the shared tiles
// (`multiplyTiles`): every value read from memory is reused TILE_N (A) or TILE_M (B) times.
// Invocation (x, y) owns rows y, y + WG_Y, ... and columns x, x + WG_X, ..., so neighbouring
// invocations read neighbouring words of the tiles.

override WG_X: u32 = 16u;   // invocations per workgroup along N
override WG_Y: u32 = 16u;   // invocations per workgroup along M
override RM: u32 = 2u;      // rows of the output per invocation, 1..4 (rows y, y + WG_Y, ...)
override RN: u32 = 2u;      // columns of the output per invocation, 1..4 (columns x, x + WG_X, ...)
override TK: u32 = 16u;     // depth of the tiles along K

override TILE_M: u32 = WG_Y * RM;
override TILE_N: u32 = WG_X * RN;

@group(0) @binding(2) var<storage, read_write> result: array<f32>;

var<workgroup> tileA: array<f32, TILE_M * TK>;
var<workgroup> tileB: array<f32, TK * TILE_N>;

// An invocation's outputs: row i of them in ri, component j being column j (the first RN are used).
struct Acc {
  r0: vec4<f32>,
  r1: vec4<f32>,
  r2: vec4<f32>,
  r3: vec4<f32>,
}

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

// acc += this invocation's RM rows of tileA x its RN columns of tileB, over the TK of the step.
fn multiplyTiles(lid: vec3<u32>, acc_in: Acc) -> Acc {
  var acc = acc_in;
  for (var kk = 0u; kk < TK; kk++) {
    let bRow = kk * TILE_N + lid.x;
    var bv = vec4<f32>(tileB[bRow], 0.0, 0.0, 0.0);
    if (RN > 1u) { bv.y = tileB[bRow + WG_X]; }
    if (RN > 2u) { bv.z = tileB[bRow + 2u * WG_X]; }
    if (RN > 3u) { bv.w = tileB[bRow + 3u * WG_X]; }
    acc.r0 = fmaRow(acc.r0, tileA[lid.y * TK + kk], bv);
    if (RM > 1u) { acc.r1 = fmaRow(acc.r1, tileA[(lid.y + WG_Y) * TK + kk], bv); }
    if (RM > 2u) { acc.r2 = fmaRow(acc.r2, tileA[(lid.y + 2u * WG_Y) * TK + kk], bv); }
    if (RM > 3u) { acc.r3 = fmaRow(acc.r3, tileA[(lid.y + 3u * WG_Y) * TK + kk], bv); }
  }
  return acc;
}

// The RN outputs of one row (columns col, col + WG_X, ...) into `result` from `start` (the index
// of the row's first value), those below `n` columns.
fn storeRow(start: u32, col: u32, n: u32, v: vec4<f32>) {
  if (col < n) { result[start + col] = v.x; }
  if (RN > 1u && col + WG_X < n) { result[start + col + WG_X] = v.y; }
  if (RN > 2u && col + 2u * WG_X < n) { result[start + col + 2u * WG_X] = v.z; }
  if (RN > 3u && col + 3u * WG_X < n) { result[start + col + 3u * WG_X] = v.w; }
}
