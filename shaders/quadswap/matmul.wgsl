// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z, on quadswap/core.wgsl (which
// src/kernels/matmul-quadswap.ts puts in front of this file; it explains the scheme and why).
//
// `main` (K and N multiples of 4) runs groups of 16 values of K with vec4 loads of A and B, then
// groups of 4; `main_unaligned` (any shape) groups of 4 with scalar loads. Only the last groups, past
// a multiple of 4 of K, mask their loads.

struct Dims {
  m: u32,
  n: u32,
  k: u32,
  batch: u32,
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read_write> c4: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> b4: array<vec4<f32>>;
@group(0) @binding(5) var<uniform> dims: Dims;

// A[row][k + (lane ^ p)], p = 0..3, of the row starting at element `start`; `tail`: zero past K.
fn loadA(tail: bool, o: Origin, start: u32, k: u32) -> vec4<f32> {
  let i = start + k;
  var v = vec4<f32>(a[i + o.perm.x], a[i + o.perm.y], a[i + o.perm.z], a[i + o.perm.w]);
  if (tail) {
    v = select(v, vec4<f32>(0.0), vec4<u32>(k) + o.perm >= vec4<u32>(dims.k));
  }
  return v;
}

// A group of 4 values of K from k.
fn kGroup(aligned: bool, tail: bool, o: Origin, bBase: u32, rows: Rows, cols: Cols, acc_in: Block, k: u32) -> Block {
  let b0 = loadB(aligned, tail, bBase, cols, k + o.lane, dims.k, dims.n);
  let b1 = rowSwapX(b0);
  let b2 = rowSwapY(b0);
  let b3 = rowSwapD(b0);
  var acc = acc_in;
  if (TM > 0u) { acc[0] = rowGroup(acc[0], loadA(tail, o, rows[0], k), b0, b1, b2, b3); }
  if (TM > 1u) { acc[1] = rowGroup(acc[1], loadA(tail, o, rows[1], k), b0, b1, b2, b3); }
  if (TM > 2u) { acc[2] = rowGroup(acc[2], loadA(tail, o, rows[2], k), b0, b1, b2, b3); }
  if (TM > 3u) { acc[3] = rowGroup(acc[3], loadA(tail, o, rows[3], k), b0, b1, b2, b3); }
  if (TM > 4u) { acc[4] = rowGroup(acc[4], loadA(tail, o, rows[4], k), b0, b1, b2, b3); }
  if (TM > 5u) { acc[5] = rowGroup(acc[5], loadA(tail, o, rows[5], k), b0, b1, b2, b3); }
  if (TM > 6u) { acc[6] = rowGroup(acc[6], loadA(tail, o, rows[6], k), b0, b1, b2, b3); }
  if (TM > 7u) { acc[7] = rowGroup(acc[7], loadA(tail, o, rows[7], k), b0, b1, b2, b3); }
  if (TM > 8u) { acc[8] = rowGroup(acc[8], loadA(tail, o, rows[8], k), b0, b1, b2, b3); }
  if (TM > 9u) { acc[9] = rowGroup(acc[9], loadA(tail, o, rows[9], k), b0, b1, b2, b3); }
  if (TM > 10u) { acc[10] = rowGroup(acc[10], loadA(tail, o, rows[10], k), b0, b1, b2, b3); }
  if (TM > 11u) { acc[11] = rowGroup(acc[11], loadA(tail, o, rows[11], k), b0, b1, b2, b3); }
  if (TM > 12u) { acc[12] = rowGroup(acc[12], loadA(tail, o, rows[12], k), b0, b1, b2, b3); }
  if (TM > 13u) { acc[13] = rowGroup(acc[13], loadA(tail, o, rows[13], k), b0, b1, b2, b3); }
  if (TM > 14u) { acc[14] = rowGroup(acc[14], loadA(tail, o, rows[14], k), b0, b1, b2, b3); }
  if (TM > 15u) { acc[15] = rowGroup(acc[15], loadA(tail, o, rows[15], k), b0, b1, b2, b3); }
  return acc;
}

// A group of 16 values of K from k (k + 16 <= K), vec4 loads: `rows4` are the vec4 indices of the rows.
fn group16(o: Origin, bLane: u32, rows4: Rows, cols: Cols, acc: Block, k: u32) -> Block {
  let k4 = k >> 2u;
  var av: A16;
  if (TM > 0u) { let i4 = rows4[0] + k4; av[0] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 1u) { let i4 = rows4[1] + k4; av[1] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 2u) { let i4 = rows4[2] + k4; av[2] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 3u) { let i4 = rows4[3] + k4; av[3] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 4u) { let i4 = rows4[4] + k4; av[4] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 5u) { let i4 = rows4[5] + k4; av[5] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 6u) { let i4 = rows4[6] + k4; av[6] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 7u) { let i4 = rows4[7] + k4; av[7] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 8u) { let i4 = rows4[8] + k4; av[8] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 9u) { let i4 = rows4[9] + k4; av[9] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 10u) { let i4 = rows4[10] + k4; av[10] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 11u) { let i4 = rows4[11] + k4; av[11] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 12u) { let i4 = rows4[12] + k4; av[12] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 13u) { let i4 = rows4[13] + k4; av[13] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 14u) { let i4 = rows4[14] + k4; av[14] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  if (TM > 15u) { let i4 = rows4[15] + k4; av[15] = array<vec4<f32>, 4>(a4[i4 + o.perm.x], a4[i4 + o.perm.y], a4[i4 + o.perm.z], a4[i4 + o.perm.w]); }
  return block16(acc, av, bLane + k * dims.n, cols, dims.n);
}

// The TM x TN block of C at `o`, accumulated over all of K.
fn block(aligned: bool, o: Origin) -> Block {
  let aBase = o.batch * dims.m * dims.k;
  let bBase = o.batch * dims.k * dims.n;
  var rows: Rows;
  if (TM > 0u) { rows[0] = aBase + min(o.row + 0u, dims.m - 1u) * dims.k; }
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
  let cols = blockCols(aligned, o.col, dims.n);
  var acc: Block;
  var k = 0u;
  if (aligned) {
    var rows4: Rows;
    if (TM > 0u) { rows4[0] = rows[0] >> 2u; }
    if (TM > 1u) { rows4[1] = rows[1] >> 2u; }
    if (TM > 2u) { rows4[2] = rows[2] >> 2u; }
    if (TM > 3u) { rows4[3] = rows[3] >> 2u; }
    if (TM > 4u) { rows4[4] = rows[4] >> 2u; }
    if (TM > 5u) { rows4[5] = rows[5] >> 2u; }
    if (TM > 6u) { rows4[6] = rows[6] >> 2u; }
    if (TM > 7u) { rows4[7] = rows[7] >> 2u; }
    if (TM > 8u) { rows4[8] = rows[8] >> 2u; }
    if (TM > 9u) { rows4[9] = rows[9] >> 2u; }
    if (TM > 10u) { rows4[10] = rows[10] >> 2u; }
    if (TM > 11u) { rows4[11] = rows[11] >> 2u; }
    if (TM > 12u) { rows4[12] = rows[12] >> 2u; }
    if (TM > 13u) { rows4[13] = rows[13] >> 2u; }
    if (TM > 14u) { rows4[14] = rows[14] >> 2u; }
    if (TM > 15u) { rows4[15] = rows[15] >> 2u; }
    // This lane's rows of B in a group of 16: k + 4 lane ..
    let bLane = bBase + 4u * o.lane * dims.n;
    for (; k + 16u * KGROUPS <= dims.k; k += 16u * KGROUPS) {
      acc = group16(o, bLane, rows4, cols, acc, k);
      if (KGROUPS > 1u) { acc = group16(o, bLane, rows4, cols, acc, k + 16u); }
    }
  }
  for (; k + KSTEP <= dims.k; k += KSTEP) {
    acc = kGroup(aligned, false, o, bBase, rows, cols, acc, k);
    if (KSTEP > 4u) { acc = kGroup(aligned, false, o, bBase, rows, cols, acc, k + 4u); }
    if (KSTEP > 8u) { acc = kGroup(aligned, false, o, bBase, rows, cols, acc, k + 8u); }
    if (KSTEP > 12u) { acc = kGroup(aligned, false, o, bBase, rows, cols, acc, k + 12u); }
  }
  for (; k < dims.k; k += 4u) {
    acc = kGroup(aligned, true, o, bBase, rows, cols, acc, k);
  }
  return acc;
}

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_invocation_id) sg: u32) {
  let o = origin(li, wg, sg);
  storeBlock4(o, o.batch * dims.m * dims.n, block(true, o), dims.m, dims.n);
}

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main_unaligned(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_invocation_id) sg: u32) {
  let o = origin(li, wg, sg);
  storeBlock1(o, o.batch * dims.m * dims.n, block(false, o), dims.m, dims.n);
}
