// The register-blocked GEMM that matmul-blocked, matmul-subgroup and matmul-f16 share:
// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z. Each invocation computes TM rows
// x TN columns of C in f32 registers. Per step of 4 along K it loads TM vec4s of A (4 values of K
// for each of its rows) and 4 rows of TN / 4 vec4s of B, then does TM x TN x 4 FMAs: each value
// loaded feeds TN (A) or TM (B) of them. No workgroup memory and no barrier.
//
// A root shader declares its workgroup size, where each invocation's block starts (`Origin`) and
// its entry points, which call `block` and `storeBlock4` or `storeBlock1`. Two conditions, set by
// the root's `enable` directives, change what this file emits:
// - `f16`: A, B and C hold f16 and the 4 products of a step are summed in f16 (the f16 rate); each
//   step's sum is added to the f32 accumulator, so the rounding error stays that of 4 f16
//   operations plus an f32 sum over K / 4 steps; C is rounded to f16 once at the end.
// - `subgroups`: quad member j loads row k+j of the quad's 4 rows of B and quadBroadcast hands it
//   to the other three, so each value of B is read from memory once per quad.
//
// Every loop over a block index is written out (guarded by the override constants, which the
// compiler folds): a loop index is a run-time value, so arrays indexed by it would live in memory
// instead of registers. `aligned` selects vec4 loads and stores (K and N multiples of 4) or four
// bounded scalars per vec4 (zero past K, clamped past N and M) and scalar stores, for any shape.

override TM: u32 = 16u;        // rows of C per invocation, 1..16
override TN: u32 = 32u;        // columns of C per invocation, a multiple of 4, 4..32
override KSTEP: u32 = 4u;      // values of K per loop trip: 4, or 8 (two steps unrolled)

const MAX_TN4 = 8u;

struct Dims {
  m: u32,
  n: u32,
  k: u32,
  batch: u32,
}

@if(f16) alias Elem = f16;
@else alias Elem = f32;

alias Row = array<vec4<f32>, MAX_TN4>;      // a row of the accumulators
alias Loaded = array<vec4<Elem>, MAX_TN4>;  // a row of B as loaded
alias Block = array<Row, 16>;

@group(0) @binding(0) var<storage, read> a: array<Elem>;
@group(0) @binding(1) var<storage, read> b: array<Elem>;
@group(0) @binding(2) var<storage, read_write> c: array<Elem>;
@group(0) @binding(2) var<storage, read_write> c4: array<vec4<Elem>>;
@group(0) @binding(3) var<storage, read> a4: array<vec4<Elem>>;
@group(0) @binding(4) var<storage, read> b4: array<vec4<Elem>>;
@group(0) @binding(5) var<uniform> dims: Dims;

// Where an invocation's block of C starts.
struct Origin {
  row: u32,
  col: u32,
  batch: u32,
}

// A[row][k..k+3], `rowStart` = index of A[row][0]; zero past K.
fn loadA(aligned: bool, rowStart: u32, k: u32) -> vec4<Elem> {
  if (aligned) {
    return select(vec4<Elem>(0.0), a4[(min(k, dims.k - 4u) + rowStart) / 4u], k < dims.k);
  }
  let i = rowStart + k;
  let last = rowStart + dims.k - 1u;
  return vec4<Elem>(
    select(0.0, a[i], k < dims.k),
    select(0.0, a[min(i + 1u, last)], k + 1u < dims.k),
    select(0.0, a[min(i + 2u, last)], k + 2u < dims.k),
    select(0.0, a[min(i + 3u, last)], k + 3u < dims.k));
}

// B[kb][col..col+3] of the batch starting at `base`; zero past K, columns past N clamped (they only
// feed columns of C that are never stored).
fn loadB(aligned: bool, base: u32, kb: u32, col: u32) -> vec4<Elem> {
  let row = min(kb, dims.k - 1u);
  if (aligned) {
    return select(vec4<Elem>(0.0), b4[(base + row * dims.n + min(col, dims.n - 4u)) / 4u], kb < dims.k);
  }
  let start = base + row * dims.n;
  let last = dims.n - 1u;
  let v = vec4<Elem>(b[start + min(col, last)], b[start + min(col + 1u, last)], b[start + min(col + 2u, last)], b[start + min(col + 3u, last)]);
  return select(vec4<Elem>(0.0), v, kb < dims.k);
}

// acc[t] += A[row][k..k+3] . B[k..k+3][cols of t], for the TN / 4 vec4 columns.
@if(!f16)
fn fmaRow(acc: Row, av: vec4<f32>, b0: Loaded, b1: Loaded, b2: Loaded, b3: Loaded) -> Row {
  var r = acc;
  if (TN > 0u) { r[0] = fma(vec4(av.w), b3[0], fma(vec4(av.z), b2[0], fma(vec4(av.y), b1[0], fma(vec4(av.x), b0[0], r[0])))); }
  if (TN > 4u) { r[1] = fma(vec4(av.w), b3[1], fma(vec4(av.z), b2[1], fma(vec4(av.y), b1[1], fma(vec4(av.x), b0[1], r[1])))); }
  if (TN > 8u) { r[2] = fma(vec4(av.w), b3[2], fma(vec4(av.z), b2[2], fma(vec4(av.y), b1[2], fma(vec4(av.x), b0[2], r[2])))); }
  if (TN > 12u) { r[3] = fma(vec4(av.w), b3[3], fma(vec4(av.z), b2[3], fma(vec4(av.y), b1[3], fma(vec4(av.x), b0[3], r[3])))); }
  if (TN > 16u) { r[4] = fma(vec4(av.w), b3[4], fma(vec4(av.z), b2[4], fma(vec4(av.y), b1[4], fma(vec4(av.x), b0[4], r[4])))); }
  if (TN > 20u) { r[5] = fma(vec4(av.w), b3[5], fma(vec4(av.z), b2[5], fma(vec4(av.y), b1[5], fma(vec4(av.x), b0[5], r[5])))); }
  if (TN > 24u) { r[6] = fma(vec4(av.w), b3[6], fma(vec4(av.z), b2[6], fma(vec4(av.y), b1[6], fma(vec4(av.x), b0[6], r[6])))); }
  if (TN > 28u) { r[7] = fma(vec4(av.w), b3[7], fma(vec4(av.z), b2[7], fma(vec4(av.y), b1[7], fma(vec4(av.x), b0[7], r[7])))); }
  return r;
}

// The same in f16: the 4 products summed in f16, the sum added in f32.
@if(f16)
fn fmaRow(acc: Row, av: vec4<f16>, b0: Loaded, b1: Loaded, b2: Loaded, b3: Loaded) -> Row {
  var r = acc;
  if (TN > 0u) { r[0] += vec4<f32>(fma(vec4(av.w), b3[0], fma(vec4(av.z), b2[0], fma(vec4(av.y), b1[0], vec4(av.x) * b0[0])))); }
  if (TN > 4u) { r[1] += vec4<f32>(fma(vec4(av.w), b3[1], fma(vec4(av.z), b2[1], fma(vec4(av.y), b1[1], vec4(av.x) * b0[1])))); }
  if (TN > 8u) { r[2] += vec4<f32>(fma(vec4(av.w), b3[2], fma(vec4(av.z), b2[2], fma(vec4(av.y), b1[2], vec4(av.x) * b0[2])))); }
  if (TN > 12u) { r[3] += vec4<f32>(fma(vec4(av.w), b3[3], fma(vec4(av.z), b2[3], fma(vec4(av.y), b1[3], vec4(av.x) * b0[3])))); }
  if (TN > 16u) { r[4] += vec4<f32>(fma(vec4(av.w), b3[4], fma(vec4(av.z), b2[4], fma(vec4(av.y), b1[4], vec4(av.x) * b0[4])))); }
  if (TN > 20u) { r[5] += vec4<f32>(fma(vec4(av.w), b3[5], fma(vec4(av.z), b2[5], fma(vec4(av.y), b1[5], vec4(av.x) * b0[5])))); }
  if (TN > 24u) { r[6] += vec4<f32>(fma(vec4(av.w), b3[6], fma(vec4(av.z), b2[6], fma(vec4(av.y), b1[6], vec4(av.x) * b0[6])))); }
  if (TN > 28u) { r[7] += vec4<f32>(fma(vec4(av.w), b3[7], fma(vec4(av.z), b2[7], fma(vec4(av.y), b1[7], vec4(av.x) * b0[7])))); }
  return r;
}

// B[kb][col .. col + TN - 1] as TN / 4 vec4s.
fn loadRow(aligned: bool, base: u32, kb: u32, col: u32) -> Loaded {
  var r: Loaded;
  if (TN > 0u) { r[0] = loadB(aligned, base, kb, col); }
  if (TN > 4u) { r[1] = loadB(aligned, base, kb, col + 4u); }
  if (TN > 8u) { r[2] = loadB(aligned, base, kb, col + 8u); }
  if (TN > 12u) { r[3] = loadB(aligned, base, kb, col + 12u); }
  if (TN > 16u) { r[4] = loadB(aligned, base, kb, col + 16u); }
  if (TN > 20u) { r[5] = loadB(aligned, base, kb, col + 20u); }
  if (TN > 24u) { r[6] = loadB(aligned, base, kb, col + 24u); }
  if (TN > 28u) { r[7] = loadB(aligned, base, kb, col + 28u); }
  return r;
}

// Row `j` of the quad's current 4 rows of B: member j's `own`, broadcast to the quad (quadBroadcast
// takes a constant lane, so one function per lane).
@if(subgroups)
fn quadRow0(own: Loaded) -> Loaded {
  var r: Loaded;
  if (TN > 0u) { r[0] = quadBroadcast(own[0], 0u); }
  if (TN > 4u) { r[1] = quadBroadcast(own[1], 0u); }
  if (TN > 8u) { r[2] = quadBroadcast(own[2], 0u); }
  if (TN > 12u) { r[3] = quadBroadcast(own[3], 0u); }
  if (TN > 16u) { r[4] = quadBroadcast(own[4], 0u); }
  if (TN > 20u) { r[5] = quadBroadcast(own[5], 0u); }
  if (TN > 24u) { r[6] = quadBroadcast(own[6], 0u); }
  if (TN > 28u) { r[7] = quadBroadcast(own[7], 0u); }
  return r;
}
@if(subgroups)
fn quadRow1(own: Loaded) -> Loaded {
  var r: Loaded;
  if (TN > 0u) { r[0] = quadBroadcast(own[0], 1u); }
  if (TN > 4u) { r[1] = quadBroadcast(own[1], 1u); }
  if (TN > 8u) { r[2] = quadBroadcast(own[2], 1u); }
  if (TN > 12u) { r[3] = quadBroadcast(own[3], 1u); }
  if (TN > 16u) { r[4] = quadBroadcast(own[4], 1u); }
  if (TN > 20u) { r[5] = quadBroadcast(own[5], 1u); }
  if (TN > 24u) { r[6] = quadBroadcast(own[6], 1u); }
  if (TN > 28u) { r[7] = quadBroadcast(own[7], 1u); }
  return r;
}
@if(subgroups)
fn quadRow2(own: Loaded) -> Loaded {
  var r: Loaded;
  if (TN > 0u) { r[0] = quadBroadcast(own[0], 2u); }
  if (TN > 4u) { r[1] = quadBroadcast(own[1], 2u); }
  if (TN > 8u) { r[2] = quadBroadcast(own[2], 2u); }
  if (TN > 12u) { r[3] = quadBroadcast(own[3], 2u); }
  if (TN > 16u) { r[4] = quadBroadcast(own[4], 2u); }
  if (TN > 20u) { r[5] = quadBroadcast(own[5], 2u); }
  if (TN > 24u) { r[6] = quadBroadcast(own[6], 2u); }
  if (TN > 28u) { r[7] = quadBroadcast(own[7], 2u); }
  return r;
}
@if(subgroups)
fn quadRow3(own: Loaded) -> Loaded {
  var r: Loaded;
  if (TN > 0u) { r[0] = quadBroadcast(own[0], 3u); }
  if (TN > 4u) { r[1] = quadBroadcast(own[1], 3u); }
  if (TN > 8u) { r[2] = quadBroadcast(own[2], 3u); }
  if (TN > 12u) { r[3] = quadBroadcast(own[3], 3u); }
  if (TN > 16u) { r[4] = quadBroadcast(own[4], 3u); }
  if (TN > 20u) { r[5] = quadBroadcast(own[5], 3u); }
  if (TN > 24u) { r[6] = quadBroadcast(own[6], 3u); }
  if (TN > 28u) { r[7] = quadBroadcast(own[7], 3u); }
  return r;
}

// The 4 rows of B for the step at k: loaded by each invocation, or (subgroups) one row per quad
// member shared by broadcast, `lane` being the member (0..3).
@if(!subgroups)
fn bRows(aligned: bool, bBase: u32, k: u32, col: u32, lane: u32) -> array<Loaded, 4> {
  return array<Loaded, 4>(
    loadRow(aligned, bBase, k, col),
    loadRow(aligned, bBase, k + 1u, col),
    loadRow(aligned, bBase, k + 2u, col),
    loadRow(aligned, bBase, k + 3u, col));
}
@if(subgroups)
fn bRows(aligned: bool, bBase: u32, k: u32, col: u32, lane: u32) -> array<Loaded, 4> {
  let own = loadRow(aligned, bBase, k + lane, col);
  return array<Loaded, 4>(quadRow0(own), quadRow1(own), quadRow2(own), quadRow3(own));
}

// One step of 4 along K from k: acc += A[rows][k..k+3] x B[k..k+3][cols].
fn kStep(aligned: bool, o: Origin, lane: u32, bBase: u32, rows: array<u32, 16>, acc_in: Block, k: u32) -> Block {
  var acc = acc_in;
  let bs = bRows(aligned, bBase, k, o.col, lane);
  let b0 = bs[0];
  let b1 = bs[1];
  let b2 = bs[2];
  let b3 = bs[3];
  if (TM > 0u) { acc[0] = fmaRow(acc[0], loadA(aligned, rows[0], k), b0, b1, b2, b3); }
  if (TM > 1u) { acc[1] = fmaRow(acc[1], loadA(aligned, rows[1], k), b0, b1, b2, b3); }
  if (TM > 2u) { acc[2] = fmaRow(acc[2], loadA(aligned, rows[2], k), b0, b1, b2, b3); }
  if (TM > 3u) { acc[3] = fmaRow(acc[3], loadA(aligned, rows[3], k), b0, b1, b2, b3); }
  if (TM > 4u) { acc[4] = fmaRow(acc[4], loadA(aligned, rows[4], k), b0, b1, b2, b3); }
  if (TM > 5u) { acc[5] = fmaRow(acc[5], loadA(aligned, rows[5], k), b0, b1, b2, b3); }
  if (TM > 6u) { acc[6] = fmaRow(acc[6], loadA(aligned, rows[6], k), b0, b1, b2, b3); }
  if (TM > 7u) { acc[7] = fmaRow(acc[7], loadA(aligned, rows[7], k), b0, b1, b2, b3); }
  if (TM > 8u) { acc[8] = fmaRow(acc[8], loadA(aligned, rows[8], k), b0, b1, b2, b3); }
  if (TM > 9u) { acc[9] = fmaRow(acc[9], loadA(aligned, rows[9], k), b0, b1, b2, b3); }
  if (TM > 10u) { acc[10] = fmaRow(acc[10], loadA(aligned, rows[10], k), b0, b1, b2, b3); }
  if (TM > 11u) { acc[11] = fmaRow(acc[11], loadA(aligned, rows[11], k), b0, b1, b2, b3); }
  if (TM > 12u) { acc[12] = fmaRow(acc[12], loadA(aligned, rows[12], k), b0, b1, b2, b3); }
  if (TM > 13u) { acc[13] = fmaRow(acc[13], loadA(aligned, rows[13], k), b0, b1, b2, b3); }
  if (TM > 14u) { acc[14] = fmaRow(acc[14], loadA(aligned, rows[14], k), b0, b1, b2, b3); }
  if (TM > 15u) { acc[15] = fmaRow(acc[15], loadA(aligned, rows[15], k), b0, b1, b2, b3); }
  return acc;
}

// The TM x TN block of C at `o`, accumulated over all of K; `lane` as in bRows.
fn block(aligned: bool, o: Origin, lane: u32) -> Block {
  let aBase = o.batch * dims.m * dims.k;
  let bBase = o.batch * dims.k * dims.n;
  // Rows past M read row M-1: their results are never stored.
  var rows: array<u32, 16>;
  if (TM > 0u) { rows[0] = aBase + min(o.row, dims.m - 1u) * dims.k; }
  if (TM > 1u) { rows[1] = aBase + min(o.row + 1u, dims.m - 1u) * dims.k; }
  if (TM > 2u) { rows[2] = aBase + min(o.row + 2u, dims.m - 1u) * dims.k; }
  if (TM > 3u) { rows[3] = aBase + min(o.row + 3u, dims.m - 1u) * dims.k; }
  if (TM > 4u) { rows[4] = aBase + min(o.row + 4u, dims.m - 1u) * dims.k; }
  if (TM > 5u) { rows[5] = aBase + min(o.row + 5u, dims.m - 1u) * dims.k; }
  if (TM > 6u) { rows[6] = aBase + min(o.row + 6u, dims.m - 1u) * dims.k; }
  if (TM > 7u) { rows[7] = aBase + min(o.row + 7u, dims.m - 1u) * dims.k; }
  if (TM > 8u) { rows[8] = aBase + min(o.row + 8u, dims.m - 1u) * dims.k; }
  if (TM > 9u) { rows[9] = aBase + min(o.row + 9u, dims.m - 1u) * dims.k; }
  if (TM > 10u) { rows[10] = aBase + min(o.row + 10u, dims.m - 1u) * dims.k; }
  if (TM > 11u) { rows[11] = aBase + min(o.row + 11u, dims.m - 1u) * dims.k; }
  if (TM > 12u) { rows[12] = aBase + min(o.row + 12u, dims.m - 1u) * dims.k; }
  if (TM > 13u) { rows[13] = aBase + min(o.row + 13u, dims.m - 1u) * dims.k; }
  if (TM > 14u) { rows[14] = aBase + min(o.row + 14u, dims.m - 1u) * dims.k; }
  if (TM > 15u) { rows[15] = aBase + min(o.row + 15u, dims.m - 1u) * dims.k; }

  var acc: Block;
  for (var k = 0u; k < dims.k; k += KSTEP) {
    acc = kStep(aligned, o, lane, bBase, rows, acc, k);
    if (KSTEP > 4u) { acc = kStep(aligned, o, lane, bBase, rows, acc, k + 4u); }
  }
  return acc;
}

// One row of the block into C, vec4 stores (N a multiple of 4).
fn storeRow4(o: Origin, r: u32, v: Row) {
  let row = o.row + r;
  if (row >= dims.m) {
    return;
  }
  let start = o.batch * dims.m * dims.n + row * dims.n;
  if (TN > 0u && o.col < dims.n) { c4[(start + o.col) / 4u] = vec4<Elem>(v[0]); }
  if (TN > 4u && o.col + 4u < dims.n) { c4[(start + o.col + 4u) / 4u] = vec4<Elem>(v[1]); }
  if (TN > 8u && o.col + 8u < dims.n) { c4[(start + o.col + 8u) / 4u] = vec4<Elem>(v[2]); }
  if (TN > 12u && o.col + 12u < dims.n) { c4[(start + o.col + 12u) / 4u] = vec4<Elem>(v[3]); }
  if (TN > 16u && o.col + 16u < dims.n) { c4[(start + o.col + 16u) / 4u] = vec4<Elem>(v[4]); }
  if (TN > 20u && o.col + 20u < dims.n) { c4[(start + o.col + 20u) / 4u] = vec4<Elem>(v[5]); }
  if (TN > 24u && o.col + 24u < dims.n) { c4[(start + o.col + 24u) / 4u] = vec4<Elem>(v[6]); }
  if (TN > 28u && o.col + 28u < dims.n) { c4[(start + o.col + 28u) / 4u] = vec4<Elem>(v[7]); }
}

// Four columns of C from `col`, scalar stores, skipping those past N.
fn store1(start: u32, col: u32, v: vec4<f32>) {
  if (col < dims.n) { c[start + col] = Elem(v.x); }
  if (col + 1u < dims.n) { c[start + col + 1u] = Elem(v.y); }
  if (col + 2u < dims.n) { c[start + col + 2u] = Elem(v.z); }
  if (col + 3u < dims.n) { c[start + col + 3u] = Elem(v.w); }
}

// One row of the block into C, scalar stores (any N).
fn storeRow1(o: Origin, r: u32, v: Row) {
  let row = o.row + r;
  if (row >= dims.m) {
    return;
  }
  let start = o.batch * dims.m * dims.n + row * dims.n;
  if (TN > 0u) { store1(start, o.col, v[0]); }
  if (TN > 4u) { store1(start, o.col + 4u, v[1]); }
  if (TN > 8u) { store1(start, o.col + 8u, v[2]); }
  if (TN > 12u) { store1(start, o.col + 12u, v[3]); }
  if (TN > 16u) { store1(start, o.col + 16u, v[4]); }
  if (TN > 20u) { store1(start, o.col + 20u, v[5]); }
  if (TN > 24u) { store1(start, o.col + 24u, v[6]); }
  if (TN > 28u) { store1(start, o.col + 28u, v[7]); }
}

// The block into C, vec4 stores (N a multiple of 4).
fn storeBlock4(o: Origin, acc: Block) {
  if (TM > 0u) { storeRow4(o, 0u, acc[0]); }
  if (TM > 1u) { storeRow4(o, 1u, acc[1]); }
  if (TM > 2u) { storeRow4(o, 2u, acc[2]); }
  if (TM > 3u) { storeRow4(o, 3u, acc[3]); }
  if (TM > 4u) { storeRow4(o, 4u, acc[4]); }
  if (TM > 5u) { storeRow4(o, 5u, acc[5]); }
  if (TM > 6u) { storeRow4(o, 6u, acc[6]); }
  if (TM > 7u) { storeRow4(o, 7u, acc[7]); }
  if (TM > 8u) { storeRow4(o, 8u, acc[8]); }
  if (TM > 9u) { storeRow4(o, 9u, acc[9]); }
  if (TM > 10u) { storeRow4(o, 10u, acc[10]); }
  if (TM > 11u) { storeRow4(o, 11u, acc[11]); }
  if (TM > 12u) { storeRow4(o, 12u, acc[12]); }
  if (TM > 13u) { storeRow4(o, 13u, acc[13]); }
  if (TM > 14u) { storeRow4(o, 14u, acc[14]); }
  if (TM > 15u) { storeRow4(o, 15u, acc[15]); }
}

// The block into C, scalar stores (any N). Apart from storeBlock4: an entry point may use only one
// of c and c4 (both at binding 2), and a function uses every variable any of its callees uses.
fn storeBlock1(o: Origin, acc: Block) {
  if (TM > 0u) { storeRow1(o, 0u, acc[0]); }
  if (TM > 1u) { storeRow1(o, 1u, acc[1]); }
  if (TM > 2u) { storeRow1(o, 2u, acc[2]); }
  if (TM > 3u) { storeRow1(o, 3u, acc[3]); }
  if (TM > 4u) { storeRow1(o, 4u, acc[4]); }
  if (TM > 5u) { storeRow1(o, 5u, acc[5]); }
  if (TM > 6u) { storeRow1(o, 6u, acc[6]); }
  if (TM > 7u) { storeRow1(o, 7u, acc[7]); }
  if (TM > 8u) { storeRow1(o, 8u, acc[8]); }
  if (TM > 9u) { storeRow1(o, 9u, acc[9]); }
  if (TM > 10u) { storeRow1(o, 10u, acc[10]); }
  if (TM > 11u) { storeRow1(o, 11u, acc[11]); }
  if (TM > 12u) { storeRow1(o, 12u, acc[12]); }
  if (TM > 13u) { storeRow1(o, 13u, acc[13]); }
  if (TM > 14u) { storeRow1(o, 14u, acc[14]); }
  if (TM > 15u) { storeRow1(o, 15u, acc[15]); }
}
