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
override RM: u32 = 2u;      // rows of C per invocation, 1..4
override RN: u32 = 2u;      // columns of C per invocation, 1..4
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

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let threads = WG_X * WG_Y;
  let li = lid.y * WG_X + lid.x;
  let row0 = wg.y * TILE_M;
  let col0 = wg.x * TILE_N;
  let aBase = wg.z * dims.m * dims.k;
  let bBase = wg.z * dims.k * dims.n;
  var acc: array<array<f32, 4>, 4>;
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
      var bv: array<f32, 4>;
      for (var j = 0u; j < RN; j++) {
        bv[j] = tileB[kk * TILE_N + lid.x + j * WG_X];
      }
      for (var i = 0u; i < RM; i++) {
        let av = tileA[(lid.y + i * WG_Y) * TK + kk];
        for (var j = 0u; j < RN; j++) {
          acc[i][j] = fma(av, bv[j], acc[i][j]);
        }
      }
    }
    // The next step overwrites the tiles: wait until everyone is done reading them.
    workgroupBarrier();
  }
  let cBase = wg.z * dims.m * dims.n;
  for (var i = 0u; i < RM; i++) {
    let row = row0 + lid.y + i * WG_Y;
    for (var j = 0u; j < RN; j++) {
      let col = col0 + lid.x + j * WG_X;
      if (row < dims.m && col < dims.n) {
        c[cBase + row * dims.n + col] = acc[i][j];
      }
    }
  }
}
