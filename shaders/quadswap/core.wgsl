// Shared by quadswap/matmul.wgsl and quadswap/conv.wgsl (src/kernels/tiling/quadswap.ts puts it in front
// of each): register blocking in quads (4 invocations of a subgroup) with B shared by quad swaps.
//
// The GEMM: C[M,N] += A[M,K] x B[K,N]. Lane l of a quad computes TM rows (quad rows l x TM ..) by the
// quad's TN columns, in registers. Per group of 4 values of K from k, lane l loads row k + l of the
// quad's columns of B; quadSwapX, quadSwapY and quadSwapDiagonal hand it rows k + (l ^ 1), (l ^ 2),
// (l ^ 3) of its neighbours, and it reads A at k + (l ^ p), p = 0..3, its own rows at lane-permuted
// offsets: every lane sums the same 4 products in its own order, and no value is ever broadcast.
// Groups of 16 (the vec4 path) do the same with vec4s: lane l loads rows k + 4l .. 4l + 3 of B and
// reads A[row][k + 4 (l ^ s) ..] as vec4 s.
//
// Why (SwiftShader, Subzero: perf on its JIT code, x86 instructions counted in the hot loop): the 4
// invocations of a subgroup run in the 4 lanes of an SSE register, so
// - a load at a run-time index is a gather: about 130 instructions for a scalar (Tint's clamp, the
//   descriptor, the byte offset, a bounds mask, then per lane a test, a branch, a load and an insert),
//   about 300 for a vec4: so A and B are read as vec4s where the shape allows;
// - quadSwap* is one pshufd, while quadBroadcast and subgroupBroadcast cost about 7 per value;
// - a loop-carried value is blended with the active-lane mask on every trip (about 10 instructions),
//   so a trip does 16 or 32 multiply-adds per accumulator;
// - integer division is scalarised (4 x86 `div`, even by a constant), unsigned min is emulated: none in
//   the loop; rows past M read row M - 1 and columns past N column N - 1 (never stored);
// - a `var` vector assigned component by component stays in memory: every sum below is an expression;
// - workgroup memory would need barriers, and a barrier is a fiber switch per subgroup.
//
// Where the time goes (matmul-quadswap, 512^3, TM=8 TN=32, Chrome 156's SwiftShader; x86 of the hot
// loop read from the JIT code, perf cpu-clock samples): one trip (16 values of K) is 53,288
// instructions for 4,096 lane-vector multiply-adds (a mulps and an addps each), 13.0 per
// multiply-add: 3.75 in the multiply-adds themselves (2, plus Subzero's moves of operands it spilled:
// values crossing the gathers' branches live on the stack), 8.6 in the 64 vec4 loads of A and B and
// the 384 quad swaps, 0.64 in the loop's end (the accumulators' mask blends). fma-peak's loop spends
// 18.5 per multiply-add (1,187 for 64: each chain loaded, multiplied, added, stored and blended on
// every trip), so this loop runs fewer instructions per multiply-add than the peak's, but at a lower
// rate per instruction: its 2,119 stack slots (34 KiB) overflow the 32 KiB L1, and a gather branches
// 4 times. Tried and dropped: B in workgroup memory read at compile-time addresses (one load and a
// shuffle per value instead of a gather) needs barriers, 0.09 GFLOP/s at 512; A loaded as scalars
// (130 instructions each, 14.1 per multiply-add); all 16 rows of B built before the sums (54,319).
// Kernels using this declare `b: array<f32>` and `b4: array<vec4<f32>>` (B), `c` and `c4` (C).
enable subgroups;

override WG_SIZE: u32 = 32u;   // invocations per workgroup, a multiple of 4 x QUADS_N
override QUADS_N: u32 = 1u;    // quads side by side along N; WG_SIZE / 4 / QUADS_N quads along M
override TM: u32 = 8u;         // rows of C per invocation, 1..16
override TN: u32 = 32u;        // columns of C per quad (and per invocation), a multiple of 4, 4..64
override KSTEP: u32 = 8u;      // values of K per trip of the scalar path: 4, 8 or 16
override KGROUPS: u32 = 1u;    // groups of 16 values of K per trip of the vec4 path: 1 or 2

const MAX_TM = 16u;
const MAX_TN4 = 16u;

alias Row = array<vec4<f32>, MAX_TN4>;
alias Block = array<Row, MAX_TM>;
alias Rows = array<u32, MAX_TM>;
alias Cols = array<vec4<u32>, MAX_TN4>;
// A for a group of 16: row i, vec4 s = A[row][k + 4 (lane ^ s) ..].
alias A16 = array<array<vec4<f32>, 4>, MAX_TM>;

// Where this invocation's block of C starts.
struct Origin {
  row: u32,
  col: u32,
  batch: u32,
  // Lane in the quad, and lane ^ p for p = 0..3.
  lane: u32,
  perm: vec4<u32>,
}

fn origin(li: u32, wg: vec3<u32>, sg: u32) -> Origin {
  let quad = li >> 2u;
  let quadsM = WG_SIZE / 4u / QUADS_N;
  let lane = sg & 3u;
  let col = (wg.x * QUADS_N + quad % QUADS_N) * TN;
  let row = ((wg.y * quadsM + quad / QUADS_N) * 4u + lane) * TM;
  return Origin(row, col, wg.z, lane, vec4<u32>(lane, lane ^ 1u, lane ^ 2u, lane ^ 3u));
}

// acc + sum over p of av[p] x bp: one multiply-add after the other.
fn dot4(acc: f32, av: vec4<f32>, b0: f32, b1: f32, b2: f32, b3: f32) -> f32 {
  return fma(av.w, b3, fma(av.z, b2, fma(av.y, b1, fma(av.x, b0, acc))));
}

fn chain(acc: vec4<f32>, av: vec4<f32>, b0: vec4<f32>, b1: vec4<f32>, b2: vec4<f32>, b3: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(dot4(acc.x, av, b0.x, b1.x, b2.x, b3.x), dot4(acc.y, av, b0.y, b1.y, b2.y, b3.y), dot4(acc.z, av, b0.z, b1.z, b2.z, b3.z), dot4(acc.w, av, b0.w, b1.w, b2.w, b3.w));
}

// One row of the block through a group of 4 values of K.
fn rowGroup(acc: Row, av: vec4<f32>, b0: Row, b1: Row, b2: Row, b3: Row) -> Row {
  var r: Row;
  if (TN > 0u) { r[0] = chain(acc[0], av, b0[0], b1[0], b2[0], b3[0]); }
  if (TN > 4u) { r[1] = chain(acc[1], av, b0[1], b1[1], b2[1], b3[1]); }
  if (TN > 8u) { r[2] = chain(acc[2], av, b0[2], b1[2], b2[2], b3[2]); }
  if (TN > 12u) { r[3] = chain(acc[3], av, b0[3], b1[3], b2[3], b3[3]); }
  if (TN > 16u) { r[4] = chain(acc[4], av, b0[4], b1[4], b2[4], b3[4]); }
  if (TN > 20u) { r[5] = chain(acc[5], av, b0[5], b1[5], b2[5], b3[5]); }
  if (TN > 24u) { r[6] = chain(acc[6], av, b0[6], b1[6], b2[6], b3[6]); }
  if (TN > 28u) { r[7] = chain(acc[7], av, b0[7], b1[7], b2[7], b3[7]); }
  if (TN > 32u) { r[8] = chain(acc[8], av, b0[8], b1[8], b2[8], b3[8]); }
  if (TN > 36u) { r[9] = chain(acc[9], av, b0[9], b1[9], b2[9], b3[9]); }
  if (TN > 40u) { r[10] = chain(acc[10], av, b0[10], b1[10], b2[10], b3[10]); }
  if (TN > 44u) { r[11] = chain(acc[11], av, b0[11], b1[11], b2[11], b3[11]); }
  if (TN > 48u) { r[12] = chain(acc[12], av, b0[12], b1[12], b2[12], b3[12]); }
  if (TN > 52u) { r[13] = chain(acc[13], av, b0[13], b1[13], b2[13], b3[13]); }
  if (TN > 56u) { r[14] = chain(acc[14], av, b0[14], b1[14], b2[14], b3[14]); }
  if (TN > 60u) { r[15] = chain(acc[15], av, b0[15], b1[15], b2[15], b3[15]); }
  return r;
}

fn rowSwapX(own: Row) -> Row {
  var r: Row;
  if (TN > 0u) { r[0] = quadSwapX(own[0]); }
  if (TN > 4u) { r[1] = quadSwapX(own[1]); }
  if (TN > 8u) { r[2] = quadSwapX(own[2]); }
  if (TN > 12u) { r[3] = quadSwapX(own[3]); }
  if (TN > 16u) { r[4] = quadSwapX(own[4]); }
  if (TN > 20u) { r[5] = quadSwapX(own[5]); }
  if (TN > 24u) { r[6] = quadSwapX(own[6]); }
  if (TN > 28u) { r[7] = quadSwapX(own[7]); }
  if (TN > 32u) { r[8] = quadSwapX(own[8]); }
  if (TN > 36u) { r[9] = quadSwapX(own[9]); }
  if (TN > 40u) { r[10] = quadSwapX(own[10]); }
  if (TN > 44u) { r[11] = quadSwapX(own[11]); }
  if (TN > 48u) { r[12] = quadSwapX(own[12]); }
  if (TN > 52u) { r[13] = quadSwapX(own[13]); }
  if (TN > 56u) { r[14] = quadSwapX(own[14]); }
  if (TN > 60u) { r[15] = quadSwapX(own[15]); }
  return r;
}

fn rowSwapY(own: Row) -> Row {
  var r: Row;
  if (TN > 0u) { r[0] = quadSwapY(own[0]); }
  if (TN > 4u) { r[1] = quadSwapY(own[1]); }
  if (TN > 8u) { r[2] = quadSwapY(own[2]); }
  if (TN > 12u) { r[3] = quadSwapY(own[3]); }
  if (TN > 16u) { r[4] = quadSwapY(own[4]); }
  if (TN > 20u) { r[5] = quadSwapY(own[5]); }
  if (TN > 24u) { r[6] = quadSwapY(own[6]); }
  if (TN > 28u) { r[7] = quadSwapY(own[7]); }
  if (TN > 32u) { r[8] = quadSwapY(own[8]); }
  if (TN > 36u) { r[9] = quadSwapY(own[9]); }
  if (TN > 40u) { r[10] = quadSwapY(own[10]); }
  if (TN > 44u) { r[11] = quadSwapY(own[11]); }
  if (TN > 48u) { r[12] = quadSwapY(own[12]); }
  if (TN > 52u) { r[13] = quadSwapY(own[13]); }
  if (TN > 56u) { r[14] = quadSwapY(own[14]); }
  if (TN > 60u) { r[15] = quadSwapY(own[15]); }
  return r;
}

fn rowSwapD(own: Row) -> Row {
  var r: Row;
  if (TN > 0u) { r[0] = quadSwapDiagonal(own[0]); }
  if (TN > 4u) { r[1] = quadSwapDiagonal(own[1]); }
  if (TN > 8u) { r[2] = quadSwapDiagonal(own[2]); }
  if (TN > 12u) { r[3] = quadSwapDiagonal(own[3]); }
  if (TN > 16u) { r[4] = quadSwapDiagonal(own[4]); }
  if (TN > 20u) { r[5] = quadSwapDiagonal(own[5]); }
  if (TN > 24u) { r[6] = quadSwapDiagonal(own[6]); }
  if (TN > 28u) { r[7] = quadSwapDiagonal(own[7]); }
  if (TN > 32u) { r[8] = quadSwapDiagonal(own[8]); }
  if (TN > 36u) { r[9] = quadSwapDiagonal(own[9]); }
  if (TN > 40u) { r[10] = quadSwapDiagonal(own[10]); }
  if (TN > 44u) { r[11] = quadSwapDiagonal(own[11]); }
  if (TN > 48u) { r[12] = quadSwapDiagonal(own[12]); }
  if (TN > 52u) { r[13] = quadSwapDiagonal(own[13]); }
  if (TN > 56u) { r[14] = quadSwapDiagonal(own[14]); }
  if (TN > 60u) { r[15] = quadSwapDiagonal(own[15]); }
  return r;
}

// acc + sum over s, q of av[s][q] x b[4 s + q]: 16 multiply-adds, one after the other.
fn dot16(acc: f32, av: array<vec4<f32>, 4>, b: array<f32, 16>) -> f32 {
  return fma(av[3].w, b[15], fma(av[3].z, b[14], fma(av[3].y, b[13], fma(av[3].x, b[12], fma(av[2].w, b[11], fma(av[2].z, b[10], fma(av[2].y, b[9], fma(av[2].x, b[8], fma(av[1].w, b[7], fma(av[1].z, b[6], fma(av[1].y, b[5], fma(av[1].x, b[4], fma(av[0].w, b[3], fma(av[0].z, b[2], fma(av[0].y, b[1], fma(av[0].x, b[0], acc))))))))))))))));
}

fn chain16(acc: vec4<f32>, av: array<vec4<f32>, 4>, b: array<vec4<f32>, 16>) -> vec4<f32> {
  return vec4<f32>(dot16(acc.x, av, array<f32, 16>(b[0].x, b[1].x, b[2].x, b[3].x, b[4].x, b[5].x, b[6].x, b[7].x, b[8].x, b[9].x, b[10].x, b[11].x, b[12].x, b[13].x, b[14].x, b[15].x)), dot16(acc.y, av, array<f32, 16>(b[0].y, b[1].y, b[2].y, b[3].y, b[4].y, b[5].y, b[6].y, b[7].y, b[8].y, b[9].y, b[10].y, b[11].y, b[12].y, b[13].y, b[14].y, b[15].y)), dot16(acc.z, av, array<f32, 16>(b[0].z, b[1].z, b[2].z, b[3].z, b[4].z, b[5].z, b[6].z, b[7].z, b[8].z, b[9].z, b[10].z, b[11].z, b[12].z, b[13].z, b[14].z, b[15].z)), dot16(acc.w, av, array<f32, 16>(b[0].w, b[1].w, b[2].w, b[3].w, b[4].w, b[5].w, b[6].w, b[7].w, b[8].w, b[9].w, b[10].w, b[11].w, b[12].w, b[13].w, b[14].w, b[15].w)));
}


// Offsets of the block's TN columns in a row of B or C, columns past N clamped to N - 1: as vec4
// indices (x) for the vec4 path, else the 4 element offsets.
fn blockCols(aligned: bool, col: u32, n: u32) -> Cols {
  var cols: Cols;
  let last = n - 1u;
  if (TN > 0u) { cols[0] = select(min(vec4<u32>(col + 0u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 0u, n - 4u) >> 2u), aligned); }
  if (TN > 4u) { cols[1] = select(min(vec4<u32>(col + 4u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 4u, n - 4u) >> 2u), aligned); }
  if (TN > 8u) { cols[2] = select(min(vec4<u32>(col + 8u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 8u, n - 4u) >> 2u), aligned); }
  if (TN > 12u) { cols[3] = select(min(vec4<u32>(col + 12u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 12u, n - 4u) >> 2u), aligned); }
  if (TN > 16u) { cols[4] = select(min(vec4<u32>(col + 16u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 16u, n - 4u) >> 2u), aligned); }
  if (TN > 20u) { cols[5] = select(min(vec4<u32>(col + 20u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 20u, n - 4u) >> 2u), aligned); }
  if (TN > 24u) { cols[6] = select(min(vec4<u32>(col + 24u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 24u, n - 4u) >> 2u), aligned); }
  if (TN > 28u) { cols[7] = select(min(vec4<u32>(col + 28u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 28u, n - 4u) >> 2u), aligned); }
  if (TN > 32u) { cols[8] = select(min(vec4<u32>(col + 32u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 32u, n - 4u) >> 2u), aligned); }
  if (TN > 36u) { cols[9] = select(min(vec4<u32>(col + 36u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 36u, n - 4u) >> 2u), aligned); }
  if (TN > 40u) { cols[10] = select(min(vec4<u32>(col + 40u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 40u, n - 4u) >> 2u), aligned); }
  if (TN > 44u) { cols[11] = select(min(vec4<u32>(col + 44u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 44u, n - 4u) >> 2u), aligned); }
  if (TN > 48u) { cols[12] = select(min(vec4<u32>(col + 48u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 48u, n - 4u) >> 2u), aligned); }
  if (TN > 52u) { cols[13] = select(min(vec4<u32>(col + 52u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 52u, n - 4u) >> 2u), aligned); }
  if (TN > 56u) { cols[14] = select(min(vec4<u32>(col + 56u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 56u, n - 4u) >> 2u), aligned); }
  if (TN > 60u) { cols[15] = select(min(vec4<u32>(col + 60u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last)), vec4<u32>(min(col + 60u, n - 4u) >> 2u), aligned); }
  return cols;
}

// Row `row` of B (K x n, starting at element `base`) at the block's columns; `tail`: the row may be
// past K (rows < k count), then it is zero.
fn loadB(aligned: bool, tail: bool, base: u32, cols: Cols, row: u32, k: u32, n: u32) -> Row {
  var kb = row;
  if (tail) {
    kb = min(row, k - 1u);
  }
  let start = base + kb * n;
  var r: Row;
  if (aligned) {
    let s4 = start >> 2u;
    if (TN > 0u) { r[0] = b4[s4 + cols[0].x]; }
    if (TN > 4u) { r[1] = b4[s4 + cols[1].x]; }
    if (TN > 8u) { r[2] = b4[s4 + cols[2].x]; }
    if (TN > 12u) { r[3] = b4[s4 + cols[3].x]; }
    if (TN > 16u) { r[4] = b4[s4 + cols[4].x]; }
    if (TN > 20u) { r[5] = b4[s4 + cols[5].x]; }
    if (TN > 24u) { r[6] = b4[s4 + cols[6].x]; }
    if (TN > 28u) { r[7] = b4[s4 + cols[7].x]; }
    if (TN > 32u) { r[8] = b4[s4 + cols[8].x]; }
    if (TN > 36u) { r[9] = b4[s4 + cols[9].x]; }
    if (TN > 40u) { r[10] = b4[s4 + cols[10].x]; }
    if (TN > 44u) { r[11] = b4[s4 + cols[11].x]; }
    if (TN > 48u) { r[12] = b4[s4 + cols[12].x]; }
    if (TN > 52u) { r[13] = b4[s4 + cols[13].x]; }
    if (TN > 56u) { r[14] = b4[s4 + cols[14].x]; }
    if (TN > 60u) { r[15] = b4[s4 + cols[15].x]; }
  } else {
    if (TN > 0u) { r[0] = vec4<f32>(b[start + cols[0].x], b[start + cols[0].y], b[start + cols[0].z], b[start + cols[0].w]); }
    if (TN > 4u) { r[1] = vec4<f32>(b[start + cols[1].x], b[start + cols[1].y], b[start + cols[1].z], b[start + cols[1].w]); }
    if (TN > 8u) { r[2] = vec4<f32>(b[start + cols[2].x], b[start + cols[2].y], b[start + cols[2].z], b[start + cols[2].w]); }
    if (TN > 12u) { r[3] = vec4<f32>(b[start + cols[3].x], b[start + cols[3].y], b[start + cols[3].z], b[start + cols[3].w]); }
    if (TN > 16u) { r[4] = vec4<f32>(b[start + cols[4].x], b[start + cols[4].y], b[start + cols[4].z], b[start + cols[4].w]); }
    if (TN > 20u) { r[5] = vec4<f32>(b[start + cols[5].x], b[start + cols[5].y], b[start + cols[5].z], b[start + cols[5].w]); }
    if (TN > 24u) { r[6] = vec4<f32>(b[start + cols[6].x], b[start + cols[6].y], b[start + cols[6].z], b[start + cols[6].w]); }
    if (TN > 28u) { r[7] = vec4<f32>(b[start + cols[7].x], b[start + cols[7].y], b[start + cols[7].z], b[start + cols[7].w]); }
    if (TN > 32u) { r[8] = vec4<f32>(b[start + cols[8].x], b[start + cols[8].y], b[start + cols[8].z], b[start + cols[8].w]); }
    if (TN > 36u) { r[9] = vec4<f32>(b[start + cols[9].x], b[start + cols[9].y], b[start + cols[9].z], b[start + cols[9].w]); }
    if (TN > 40u) { r[10] = vec4<f32>(b[start + cols[10].x], b[start + cols[10].y], b[start + cols[10].z], b[start + cols[10].w]); }
    if (TN > 44u) { r[11] = vec4<f32>(b[start + cols[11].x], b[start + cols[11].y], b[start + cols[11].z], b[start + cols[11].w]); }
    if (TN > 48u) { r[12] = vec4<f32>(b[start + cols[12].x], b[start + cols[12].y], b[start + cols[12].z], b[start + cols[12].w]); }
    if (TN > 52u) { r[13] = vec4<f32>(b[start + cols[13].x], b[start + cols[13].y], b[start + cols[13].z], b[start + cols[13].w]); }
    if (TN > 56u) { r[14] = vec4<f32>(b[start + cols[14].x], b[start + cols[14].y], b[start + cols[14].z], b[start + cols[14].w]); }
    if (TN > 60u) { r[15] = vec4<f32>(b[start + cols[15].x], b[start + cols[15].y], b[start + cols[15].z], b[start + cols[15].w]); }
  }
  if (tail && row >= k) {
    r = Row();
  }
  return r;
}



// acc += A x B over a group of 16 values of K (vec4 path): `av[i]` are row i's 4 vec4s of A (vec4
// s at K offset 4 (lane ^ s)), this lane's 4 rows of B start at element `start`, n apart. Column by
// column: the 4 vec4s of B at column t and their 12 quad swaps live only while that column's TM
// sums run (fewer values kept across the group than with all 16 rows of B built first).
fn block16(acc_in: Block, av: A16, start: u32, cols: Cols, n: u32) -> Block {
  var acc = acc_in;
  let s0 = start >> 2u;
  let s1 = (start + n) >> 2u;
  let s2 = (start + 2u * n) >> 2u;
  let s3 = (start + 3u * n) >> 2u;
  if (TN > 0u) {
    let q0 = b4[s0 + cols[0].x];
    let q1 = b4[s1 + cols[0].x];
    let q2 = b4[s2 + cols[0].x];
    let q3 = b4[s3 + cols[0].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][0] = chain16(acc[0][0], av[0], b); }
    if (TM > 1u) { acc[1][0] = chain16(acc[1][0], av[1], b); }
    if (TM > 2u) { acc[2][0] = chain16(acc[2][0], av[2], b); }
    if (TM > 3u) { acc[3][0] = chain16(acc[3][0], av[3], b); }
    if (TM > 4u) { acc[4][0] = chain16(acc[4][0], av[4], b); }
    if (TM > 5u) { acc[5][0] = chain16(acc[5][0], av[5], b); }
    if (TM > 6u) { acc[6][0] = chain16(acc[6][0], av[6], b); }
    if (TM > 7u) { acc[7][0] = chain16(acc[7][0], av[7], b); }
    if (TM > 8u) { acc[8][0] = chain16(acc[8][0], av[8], b); }
    if (TM > 9u) { acc[9][0] = chain16(acc[9][0], av[9], b); }
    if (TM > 10u) { acc[10][0] = chain16(acc[10][0], av[10], b); }
    if (TM > 11u) { acc[11][0] = chain16(acc[11][0], av[11], b); }
    if (TM > 12u) { acc[12][0] = chain16(acc[12][0], av[12], b); }
    if (TM > 13u) { acc[13][0] = chain16(acc[13][0], av[13], b); }
    if (TM > 14u) { acc[14][0] = chain16(acc[14][0], av[14], b); }
    if (TM > 15u) { acc[15][0] = chain16(acc[15][0], av[15], b); }
  }
  if (TN > 4u) {
    let q0 = b4[s0 + cols[1].x];
    let q1 = b4[s1 + cols[1].x];
    let q2 = b4[s2 + cols[1].x];
    let q3 = b4[s3 + cols[1].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][1] = chain16(acc[0][1], av[0], b); }
    if (TM > 1u) { acc[1][1] = chain16(acc[1][1], av[1], b); }
    if (TM > 2u) { acc[2][1] = chain16(acc[2][1], av[2], b); }
    if (TM > 3u) { acc[3][1] = chain16(acc[3][1], av[3], b); }
    if (TM > 4u) { acc[4][1] = chain16(acc[4][1], av[4], b); }
    if (TM > 5u) { acc[5][1] = chain16(acc[5][1], av[5], b); }
    if (TM > 6u) { acc[6][1] = chain16(acc[6][1], av[6], b); }
    if (TM > 7u) { acc[7][1] = chain16(acc[7][1], av[7], b); }
    if (TM > 8u) { acc[8][1] = chain16(acc[8][1], av[8], b); }
    if (TM > 9u) { acc[9][1] = chain16(acc[9][1], av[9], b); }
    if (TM > 10u) { acc[10][1] = chain16(acc[10][1], av[10], b); }
    if (TM > 11u) { acc[11][1] = chain16(acc[11][1], av[11], b); }
    if (TM > 12u) { acc[12][1] = chain16(acc[12][1], av[12], b); }
    if (TM > 13u) { acc[13][1] = chain16(acc[13][1], av[13], b); }
    if (TM > 14u) { acc[14][1] = chain16(acc[14][1], av[14], b); }
    if (TM > 15u) { acc[15][1] = chain16(acc[15][1], av[15], b); }
  }
  if (TN > 8u) {
    let q0 = b4[s0 + cols[2].x];
    let q1 = b4[s1 + cols[2].x];
    let q2 = b4[s2 + cols[2].x];
    let q3 = b4[s3 + cols[2].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][2] = chain16(acc[0][2], av[0], b); }
    if (TM > 1u) { acc[1][2] = chain16(acc[1][2], av[1], b); }
    if (TM > 2u) { acc[2][2] = chain16(acc[2][2], av[2], b); }
    if (TM > 3u) { acc[3][2] = chain16(acc[3][2], av[3], b); }
    if (TM > 4u) { acc[4][2] = chain16(acc[4][2], av[4], b); }
    if (TM > 5u) { acc[5][2] = chain16(acc[5][2], av[5], b); }
    if (TM > 6u) { acc[6][2] = chain16(acc[6][2], av[6], b); }
    if (TM > 7u) { acc[7][2] = chain16(acc[7][2], av[7], b); }
    if (TM > 8u) { acc[8][2] = chain16(acc[8][2], av[8], b); }
    if (TM > 9u) { acc[9][2] = chain16(acc[9][2], av[9], b); }
    if (TM > 10u) { acc[10][2] = chain16(acc[10][2], av[10], b); }
    if (TM > 11u) { acc[11][2] = chain16(acc[11][2], av[11], b); }
    if (TM > 12u) { acc[12][2] = chain16(acc[12][2], av[12], b); }
    if (TM > 13u) { acc[13][2] = chain16(acc[13][2], av[13], b); }
    if (TM > 14u) { acc[14][2] = chain16(acc[14][2], av[14], b); }
    if (TM > 15u) { acc[15][2] = chain16(acc[15][2], av[15], b); }
  }
  if (TN > 12u) {
    let q0 = b4[s0 + cols[3].x];
    let q1 = b4[s1 + cols[3].x];
    let q2 = b4[s2 + cols[3].x];
    let q3 = b4[s3 + cols[3].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][3] = chain16(acc[0][3], av[0], b); }
    if (TM > 1u) { acc[1][3] = chain16(acc[1][3], av[1], b); }
    if (TM > 2u) { acc[2][3] = chain16(acc[2][3], av[2], b); }
    if (TM > 3u) { acc[3][3] = chain16(acc[3][3], av[3], b); }
    if (TM > 4u) { acc[4][3] = chain16(acc[4][3], av[4], b); }
    if (TM > 5u) { acc[5][3] = chain16(acc[5][3], av[5], b); }
    if (TM > 6u) { acc[6][3] = chain16(acc[6][3], av[6], b); }
    if (TM > 7u) { acc[7][3] = chain16(acc[7][3], av[7], b); }
    if (TM > 8u) { acc[8][3] = chain16(acc[8][3], av[8], b); }
    if (TM > 9u) { acc[9][3] = chain16(acc[9][3], av[9], b); }
    if (TM > 10u) { acc[10][3] = chain16(acc[10][3], av[10], b); }
    if (TM > 11u) { acc[11][3] = chain16(acc[11][3], av[11], b); }
    if (TM > 12u) { acc[12][3] = chain16(acc[12][3], av[12], b); }
    if (TM > 13u) { acc[13][3] = chain16(acc[13][3], av[13], b); }
    if (TM > 14u) { acc[14][3] = chain16(acc[14][3], av[14], b); }
    if (TM > 15u) { acc[15][3] = chain16(acc[15][3], av[15], b); }
  }
  if (TN > 16u) {
    let q0 = b4[s0 + cols[4].x];
    let q1 = b4[s1 + cols[4].x];
    let q2 = b4[s2 + cols[4].x];
    let q3 = b4[s3 + cols[4].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][4] = chain16(acc[0][4], av[0], b); }
    if (TM > 1u) { acc[1][4] = chain16(acc[1][4], av[1], b); }
    if (TM > 2u) { acc[2][4] = chain16(acc[2][4], av[2], b); }
    if (TM > 3u) { acc[3][4] = chain16(acc[3][4], av[3], b); }
    if (TM > 4u) { acc[4][4] = chain16(acc[4][4], av[4], b); }
    if (TM > 5u) { acc[5][4] = chain16(acc[5][4], av[5], b); }
    if (TM > 6u) { acc[6][4] = chain16(acc[6][4], av[6], b); }
    if (TM > 7u) { acc[7][4] = chain16(acc[7][4], av[7], b); }
    if (TM > 8u) { acc[8][4] = chain16(acc[8][4], av[8], b); }
    if (TM > 9u) { acc[9][4] = chain16(acc[9][4], av[9], b); }
    if (TM > 10u) { acc[10][4] = chain16(acc[10][4], av[10], b); }
    if (TM > 11u) { acc[11][4] = chain16(acc[11][4], av[11], b); }
    if (TM > 12u) { acc[12][4] = chain16(acc[12][4], av[12], b); }
    if (TM > 13u) { acc[13][4] = chain16(acc[13][4], av[13], b); }
    if (TM > 14u) { acc[14][4] = chain16(acc[14][4], av[14], b); }
    if (TM > 15u) { acc[15][4] = chain16(acc[15][4], av[15], b); }
  }
  if (TN > 20u) {
    let q0 = b4[s0 + cols[5].x];
    let q1 = b4[s1 + cols[5].x];
    let q2 = b4[s2 + cols[5].x];
    let q3 = b4[s3 + cols[5].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][5] = chain16(acc[0][5], av[0], b); }
    if (TM > 1u) { acc[1][5] = chain16(acc[1][5], av[1], b); }
    if (TM > 2u) { acc[2][5] = chain16(acc[2][5], av[2], b); }
    if (TM > 3u) { acc[3][5] = chain16(acc[3][5], av[3], b); }
    if (TM > 4u) { acc[4][5] = chain16(acc[4][5], av[4], b); }
    if (TM > 5u) { acc[5][5] = chain16(acc[5][5], av[5], b); }
    if (TM > 6u) { acc[6][5] = chain16(acc[6][5], av[6], b); }
    if (TM > 7u) { acc[7][5] = chain16(acc[7][5], av[7], b); }
    if (TM > 8u) { acc[8][5] = chain16(acc[8][5], av[8], b); }
    if (TM > 9u) { acc[9][5] = chain16(acc[9][5], av[9], b); }
    if (TM > 10u) { acc[10][5] = chain16(acc[10][5], av[10], b); }
    if (TM > 11u) { acc[11][5] = chain16(acc[11][5], av[11], b); }
    if (TM > 12u) { acc[12][5] = chain16(acc[12][5], av[12], b); }
    if (TM > 13u) { acc[13][5] = chain16(acc[13][5], av[13], b); }
    if (TM > 14u) { acc[14][5] = chain16(acc[14][5], av[14], b); }
    if (TM > 15u) { acc[15][5] = chain16(acc[15][5], av[15], b); }
  }
  if (TN > 24u) {
    let q0 = b4[s0 + cols[6].x];
    let q1 = b4[s1 + cols[6].x];
    let q2 = b4[s2 + cols[6].x];
    let q3 = b4[s3 + cols[6].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][6] = chain16(acc[0][6], av[0], b); }
    if (TM > 1u) { acc[1][6] = chain16(acc[1][6], av[1], b); }
    if (TM > 2u) { acc[2][6] = chain16(acc[2][6], av[2], b); }
    if (TM > 3u) { acc[3][6] = chain16(acc[3][6], av[3], b); }
    if (TM > 4u) { acc[4][6] = chain16(acc[4][6], av[4], b); }
    if (TM > 5u) { acc[5][6] = chain16(acc[5][6], av[5], b); }
    if (TM > 6u) { acc[6][6] = chain16(acc[6][6], av[6], b); }
    if (TM > 7u) { acc[7][6] = chain16(acc[7][6], av[7], b); }
    if (TM > 8u) { acc[8][6] = chain16(acc[8][6], av[8], b); }
    if (TM > 9u) { acc[9][6] = chain16(acc[9][6], av[9], b); }
    if (TM > 10u) { acc[10][6] = chain16(acc[10][6], av[10], b); }
    if (TM > 11u) { acc[11][6] = chain16(acc[11][6], av[11], b); }
    if (TM > 12u) { acc[12][6] = chain16(acc[12][6], av[12], b); }
    if (TM > 13u) { acc[13][6] = chain16(acc[13][6], av[13], b); }
    if (TM > 14u) { acc[14][6] = chain16(acc[14][6], av[14], b); }
    if (TM > 15u) { acc[15][6] = chain16(acc[15][6], av[15], b); }
  }
  if (TN > 28u) {
    let q0 = b4[s0 + cols[7].x];
    let q1 = b4[s1 + cols[7].x];
    let q2 = b4[s2 + cols[7].x];
    let q3 = b4[s3 + cols[7].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][7] = chain16(acc[0][7], av[0], b); }
    if (TM > 1u) { acc[1][7] = chain16(acc[1][7], av[1], b); }
    if (TM > 2u) { acc[2][7] = chain16(acc[2][7], av[2], b); }
    if (TM > 3u) { acc[3][7] = chain16(acc[3][7], av[3], b); }
    if (TM > 4u) { acc[4][7] = chain16(acc[4][7], av[4], b); }
    if (TM > 5u) { acc[5][7] = chain16(acc[5][7], av[5], b); }
    if (TM > 6u) { acc[6][7] = chain16(acc[6][7], av[6], b); }
    if (TM > 7u) { acc[7][7] = chain16(acc[7][7], av[7], b); }
    if (TM > 8u) { acc[8][7] = chain16(acc[8][7], av[8], b); }
    if (TM > 9u) { acc[9][7] = chain16(acc[9][7], av[9], b); }
    if (TM > 10u) { acc[10][7] = chain16(acc[10][7], av[10], b); }
    if (TM > 11u) { acc[11][7] = chain16(acc[11][7], av[11], b); }
    if (TM > 12u) { acc[12][7] = chain16(acc[12][7], av[12], b); }
    if (TM > 13u) { acc[13][7] = chain16(acc[13][7], av[13], b); }
    if (TM > 14u) { acc[14][7] = chain16(acc[14][7], av[14], b); }
    if (TM > 15u) { acc[15][7] = chain16(acc[15][7], av[15], b); }
  }
  if (TN > 32u) {
    let q0 = b4[s0 + cols[8].x];
    let q1 = b4[s1 + cols[8].x];
    let q2 = b4[s2 + cols[8].x];
    let q3 = b4[s3 + cols[8].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][8] = chain16(acc[0][8], av[0], b); }
    if (TM > 1u) { acc[1][8] = chain16(acc[1][8], av[1], b); }
    if (TM > 2u) { acc[2][8] = chain16(acc[2][8], av[2], b); }
    if (TM > 3u) { acc[3][8] = chain16(acc[3][8], av[3], b); }
    if (TM > 4u) { acc[4][8] = chain16(acc[4][8], av[4], b); }
    if (TM > 5u) { acc[5][8] = chain16(acc[5][8], av[5], b); }
    if (TM > 6u) { acc[6][8] = chain16(acc[6][8], av[6], b); }
    if (TM > 7u) { acc[7][8] = chain16(acc[7][8], av[7], b); }
    if (TM > 8u) { acc[8][8] = chain16(acc[8][8], av[8], b); }
    if (TM > 9u) { acc[9][8] = chain16(acc[9][8], av[9], b); }
    if (TM > 10u) { acc[10][8] = chain16(acc[10][8], av[10], b); }
    if (TM > 11u) { acc[11][8] = chain16(acc[11][8], av[11], b); }
    if (TM > 12u) { acc[12][8] = chain16(acc[12][8], av[12], b); }
    if (TM > 13u) { acc[13][8] = chain16(acc[13][8], av[13], b); }
    if (TM > 14u) { acc[14][8] = chain16(acc[14][8], av[14], b); }
    if (TM > 15u) { acc[15][8] = chain16(acc[15][8], av[15], b); }
  }
  if (TN > 36u) {
    let q0 = b4[s0 + cols[9].x];
    let q1 = b4[s1 + cols[9].x];
    let q2 = b4[s2 + cols[9].x];
    let q3 = b4[s3 + cols[9].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][9] = chain16(acc[0][9], av[0], b); }
    if (TM > 1u) { acc[1][9] = chain16(acc[1][9], av[1], b); }
    if (TM > 2u) { acc[2][9] = chain16(acc[2][9], av[2], b); }
    if (TM > 3u) { acc[3][9] = chain16(acc[3][9], av[3], b); }
    if (TM > 4u) { acc[4][9] = chain16(acc[4][9], av[4], b); }
    if (TM > 5u) { acc[5][9] = chain16(acc[5][9], av[5], b); }
    if (TM > 6u) { acc[6][9] = chain16(acc[6][9], av[6], b); }
    if (TM > 7u) { acc[7][9] = chain16(acc[7][9], av[7], b); }
    if (TM > 8u) { acc[8][9] = chain16(acc[8][9], av[8], b); }
    if (TM > 9u) { acc[9][9] = chain16(acc[9][9], av[9], b); }
    if (TM > 10u) { acc[10][9] = chain16(acc[10][9], av[10], b); }
    if (TM > 11u) { acc[11][9] = chain16(acc[11][9], av[11], b); }
    if (TM > 12u) { acc[12][9] = chain16(acc[12][9], av[12], b); }
    if (TM > 13u) { acc[13][9] = chain16(acc[13][9], av[13], b); }
    if (TM > 14u) { acc[14][9] = chain16(acc[14][9], av[14], b); }
    if (TM > 15u) { acc[15][9] = chain16(acc[15][9], av[15], b); }
  }
  if (TN > 40u) {
    let q0 = b4[s0 + cols[10].x];
    let q1 = b4[s1 + cols[10].x];
    let q2 = b4[s2 + cols[10].x];
    let q3 = b4[s3 + cols[10].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][10] = chain16(acc[0][10], av[0], b); }
    if (TM > 1u) { acc[1][10] = chain16(acc[1][10], av[1], b); }
    if (TM > 2u) { acc[2][10] = chain16(acc[2][10], av[2], b); }
    if (TM > 3u) { acc[3][10] = chain16(acc[3][10], av[3], b); }
    if (TM > 4u) { acc[4][10] = chain16(acc[4][10], av[4], b); }
    if (TM > 5u) { acc[5][10] = chain16(acc[5][10], av[5], b); }
    if (TM > 6u) { acc[6][10] = chain16(acc[6][10], av[6], b); }
    if (TM > 7u) { acc[7][10] = chain16(acc[7][10], av[7], b); }
    if (TM > 8u) { acc[8][10] = chain16(acc[8][10], av[8], b); }
    if (TM > 9u) { acc[9][10] = chain16(acc[9][10], av[9], b); }
    if (TM > 10u) { acc[10][10] = chain16(acc[10][10], av[10], b); }
    if (TM > 11u) { acc[11][10] = chain16(acc[11][10], av[11], b); }
    if (TM > 12u) { acc[12][10] = chain16(acc[12][10], av[12], b); }
    if (TM > 13u) { acc[13][10] = chain16(acc[13][10], av[13], b); }
    if (TM > 14u) { acc[14][10] = chain16(acc[14][10], av[14], b); }
    if (TM > 15u) { acc[15][10] = chain16(acc[15][10], av[15], b); }
  }
  if (TN > 44u) {
    let q0 = b4[s0 + cols[11].x];
    let q1 = b4[s1 + cols[11].x];
    let q2 = b4[s2 + cols[11].x];
    let q3 = b4[s3 + cols[11].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][11] = chain16(acc[0][11], av[0], b); }
    if (TM > 1u) { acc[1][11] = chain16(acc[1][11], av[1], b); }
    if (TM > 2u) { acc[2][11] = chain16(acc[2][11], av[2], b); }
    if (TM > 3u) { acc[3][11] = chain16(acc[3][11], av[3], b); }
    if (TM > 4u) { acc[4][11] = chain16(acc[4][11], av[4], b); }
    if (TM > 5u) { acc[5][11] = chain16(acc[5][11], av[5], b); }
    if (TM > 6u) { acc[6][11] = chain16(acc[6][11], av[6], b); }
    if (TM > 7u) { acc[7][11] = chain16(acc[7][11], av[7], b); }
    if (TM > 8u) { acc[8][11] = chain16(acc[8][11], av[8], b); }
    if (TM > 9u) { acc[9][11] = chain16(acc[9][11], av[9], b); }
    if (TM > 10u) { acc[10][11] = chain16(acc[10][11], av[10], b); }
    if (TM > 11u) { acc[11][11] = chain16(acc[11][11], av[11], b); }
    if (TM > 12u) { acc[12][11] = chain16(acc[12][11], av[12], b); }
    if (TM > 13u) { acc[13][11] = chain16(acc[13][11], av[13], b); }
    if (TM > 14u) { acc[14][11] = chain16(acc[14][11], av[14], b); }
    if (TM > 15u) { acc[15][11] = chain16(acc[15][11], av[15], b); }
  }
  if (TN > 48u) {
    let q0 = b4[s0 + cols[12].x];
    let q1 = b4[s1 + cols[12].x];
    let q2 = b4[s2 + cols[12].x];
    let q3 = b4[s3 + cols[12].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][12] = chain16(acc[0][12], av[0], b); }
    if (TM > 1u) { acc[1][12] = chain16(acc[1][12], av[1], b); }
    if (TM > 2u) { acc[2][12] = chain16(acc[2][12], av[2], b); }
    if (TM > 3u) { acc[3][12] = chain16(acc[3][12], av[3], b); }
    if (TM > 4u) { acc[4][12] = chain16(acc[4][12], av[4], b); }
    if (TM > 5u) { acc[5][12] = chain16(acc[5][12], av[5], b); }
    if (TM > 6u) { acc[6][12] = chain16(acc[6][12], av[6], b); }
    if (TM > 7u) { acc[7][12] = chain16(acc[7][12], av[7], b); }
    if (TM > 8u) { acc[8][12] = chain16(acc[8][12], av[8], b); }
    if (TM > 9u) { acc[9][12] = chain16(acc[9][12], av[9], b); }
    if (TM > 10u) { acc[10][12] = chain16(acc[10][12], av[10], b); }
    if (TM > 11u) { acc[11][12] = chain16(acc[11][12], av[11], b); }
    if (TM > 12u) { acc[12][12] = chain16(acc[12][12], av[12], b); }
    if (TM > 13u) { acc[13][12] = chain16(acc[13][12], av[13], b); }
    if (TM > 14u) { acc[14][12] = chain16(acc[14][12], av[14], b); }
    if (TM > 15u) { acc[15][12] = chain16(acc[15][12], av[15], b); }
  }
  if (TN > 52u) {
    let q0 = b4[s0 + cols[13].x];
    let q1 = b4[s1 + cols[13].x];
    let q2 = b4[s2 + cols[13].x];
    let q3 = b4[s3 + cols[13].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][13] = chain16(acc[0][13], av[0], b); }
    if (TM > 1u) { acc[1][13] = chain16(acc[1][13], av[1], b); }
    if (TM > 2u) { acc[2][13] = chain16(acc[2][13], av[2], b); }
    if (TM > 3u) { acc[3][13] = chain16(acc[3][13], av[3], b); }
    if (TM > 4u) { acc[4][13] = chain16(acc[4][13], av[4], b); }
    if (TM > 5u) { acc[5][13] = chain16(acc[5][13], av[5], b); }
    if (TM > 6u) { acc[6][13] = chain16(acc[6][13], av[6], b); }
    if (TM > 7u) { acc[7][13] = chain16(acc[7][13], av[7], b); }
    if (TM > 8u) { acc[8][13] = chain16(acc[8][13], av[8], b); }
    if (TM > 9u) { acc[9][13] = chain16(acc[9][13], av[9], b); }
    if (TM > 10u) { acc[10][13] = chain16(acc[10][13], av[10], b); }
    if (TM > 11u) { acc[11][13] = chain16(acc[11][13], av[11], b); }
    if (TM > 12u) { acc[12][13] = chain16(acc[12][13], av[12], b); }
    if (TM > 13u) { acc[13][13] = chain16(acc[13][13], av[13], b); }
    if (TM > 14u) { acc[14][13] = chain16(acc[14][13], av[14], b); }
    if (TM > 15u) { acc[15][13] = chain16(acc[15][13], av[15], b); }
  }
  if (TN > 56u) {
    let q0 = b4[s0 + cols[14].x];
    let q1 = b4[s1 + cols[14].x];
    let q2 = b4[s2 + cols[14].x];
    let q3 = b4[s3 + cols[14].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][14] = chain16(acc[0][14], av[0], b); }
    if (TM > 1u) { acc[1][14] = chain16(acc[1][14], av[1], b); }
    if (TM > 2u) { acc[2][14] = chain16(acc[2][14], av[2], b); }
    if (TM > 3u) { acc[3][14] = chain16(acc[3][14], av[3], b); }
    if (TM > 4u) { acc[4][14] = chain16(acc[4][14], av[4], b); }
    if (TM > 5u) { acc[5][14] = chain16(acc[5][14], av[5], b); }
    if (TM > 6u) { acc[6][14] = chain16(acc[6][14], av[6], b); }
    if (TM > 7u) { acc[7][14] = chain16(acc[7][14], av[7], b); }
    if (TM > 8u) { acc[8][14] = chain16(acc[8][14], av[8], b); }
    if (TM > 9u) { acc[9][14] = chain16(acc[9][14], av[9], b); }
    if (TM > 10u) { acc[10][14] = chain16(acc[10][14], av[10], b); }
    if (TM > 11u) { acc[11][14] = chain16(acc[11][14], av[11], b); }
    if (TM > 12u) { acc[12][14] = chain16(acc[12][14], av[12], b); }
    if (TM > 13u) { acc[13][14] = chain16(acc[13][14], av[13], b); }
    if (TM > 14u) { acc[14][14] = chain16(acc[14][14], av[14], b); }
    if (TM > 15u) { acc[15][14] = chain16(acc[15][14], av[15], b); }
  }
  if (TN > 60u) {
    let q0 = b4[s0 + cols[15].x];
    let q1 = b4[s1 + cols[15].x];
    let q2 = b4[s2 + cols[15].x];
    let q3 = b4[s3 + cols[15].x];
    let b = array<vec4<f32>, 16>(q0, q1, q2, q3, quadSwapX(q0), quadSwapX(q1), quadSwapX(q2), quadSwapX(q3), quadSwapY(q0), quadSwapY(q1), quadSwapY(q2), quadSwapY(q3), quadSwapDiagonal(q0), quadSwapDiagonal(q1), quadSwapDiagonal(q2), quadSwapDiagonal(q3));
    if (TM > 0u) { acc[0][15] = chain16(acc[0][15], av[0], b); }
    if (TM > 1u) { acc[1][15] = chain16(acc[1][15], av[1], b); }
    if (TM > 2u) { acc[2][15] = chain16(acc[2][15], av[2], b); }
    if (TM > 3u) { acc[3][15] = chain16(acc[3][15], av[3], b); }
    if (TM > 4u) { acc[4][15] = chain16(acc[4][15], av[4], b); }
    if (TM > 5u) { acc[5][15] = chain16(acc[5][15], av[5], b); }
    if (TM > 6u) { acc[6][15] = chain16(acc[6][15], av[6], b); }
    if (TM > 7u) { acc[7][15] = chain16(acc[7][15], av[7], b); }
    if (TM > 8u) { acc[8][15] = chain16(acc[8][15], av[8], b); }
    if (TM > 9u) { acc[9][15] = chain16(acc[9][15], av[9], b); }
    if (TM > 10u) { acc[10][15] = chain16(acc[10][15], av[10], b); }
    if (TM > 11u) { acc[11][15] = chain16(acc[11][15], av[11], b); }
    if (TM > 12u) { acc[12][15] = chain16(acc[12][15], av[12], b); }
    if (TM > 13u) { acc[13][15] = chain16(acc[13][15], av[13], b); }
    if (TM > 14u) { acc[14][15] = chain16(acc[14][15], av[14], b); }
    if (TM > 15u) { acc[15][15] = chain16(acc[15][15], av[15], b); }
  }
  return acc;
}

// Row r of the block into C (m x n, starting at element `base`), rows past m and columns past n
// skipped: vec4 stores (n a multiple of 4) or scalar stores. Two functions, as an entry point may use
// only one of the two views of C (c4 or c, the same binding).
fn storeRow4(o: Origin, base: u32, r: u32, v: Row, m: u32, n: u32) {
  let row = o.row + r;
  if (row >= m) {
    return;
  }
  let start = (base + row * n + o.col) >> 2u;
  if (TN > 0u) { if (o.col + 0u < n) { c4[start + 0u] = v[0]; } }
  if (TN > 4u) { if (o.col + 4u < n) { c4[start + 1u] = v[1]; } }
  if (TN > 8u) { if (o.col + 8u < n) { c4[start + 2u] = v[2]; } }
  if (TN > 12u) { if (o.col + 12u < n) { c4[start + 3u] = v[3]; } }
  if (TN > 16u) { if (o.col + 16u < n) { c4[start + 4u] = v[4]; } }
  if (TN > 20u) { if (o.col + 20u < n) { c4[start + 5u] = v[5]; } }
  if (TN > 24u) { if (o.col + 24u < n) { c4[start + 6u] = v[6]; } }
  if (TN > 28u) { if (o.col + 28u < n) { c4[start + 7u] = v[7]; } }
  if (TN > 32u) { if (o.col + 32u < n) { c4[start + 8u] = v[8]; } }
  if (TN > 36u) { if (o.col + 36u < n) { c4[start + 9u] = v[9]; } }
  if (TN > 40u) { if (o.col + 40u < n) { c4[start + 10u] = v[10]; } }
  if (TN > 44u) { if (o.col + 44u < n) { c4[start + 11u] = v[11]; } }
  if (TN > 48u) { if (o.col + 48u < n) { c4[start + 12u] = v[12]; } }
  if (TN > 52u) { if (o.col + 52u < n) { c4[start + 13u] = v[13]; } }
  if (TN > 56u) { if (o.col + 56u < n) { c4[start + 14u] = v[14]; } }
  if (TN > 60u) { if (o.col + 60u < n) { c4[start + 15u] = v[15]; } }
}

fn storeRow1(o: Origin, base: u32, r: u32, v: Row, m: u32, n: u32) {
  let row = o.row + r;
  if (row >= m) {
    return;
  }
  let start = base + row * n + o.col;
  if (TN > 0u) {
    if (o.col + 0u < n) { c[start + 0u] = v[0].x; }
    if (o.col + 1u < n) { c[start + 1u] = v[0].y; }
    if (o.col + 2u < n) { c[start + 2u] = v[0].z; }
    if (o.col + 3u < n) { c[start + 3u] = v[0].w; }
  }
  if (TN > 4u) {
    if (o.col + 4u < n) { c[start + 4u] = v[1].x; }
    if (o.col + 5u < n) { c[start + 5u] = v[1].y; }
    if (o.col + 6u < n) { c[start + 6u] = v[1].z; }
    if (o.col + 7u < n) { c[start + 7u] = v[1].w; }
  }
  if (TN > 8u) {
    if (o.col + 8u < n) { c[start + 8u] = v[2].x; }
    if (o.col + 9u < n) { c[start + 9u] = v[2].y; }
    if (o.col + 10u < n) { c[start + 10u] = v[2].z; }
    if (o.col + 11u < n) { c[start + 11u] = v[2].w; }
  }
  if (TN > 12u) {
    if (o.col + 12u < n) { c[start + 12u] = v[3].x; }
    if (o.col + 13u < n) { c[start + 13u] = v[3].y; }
    if (o.col + 14u < n) { c[start + 14u] = v[3].z; }
    if (o.col + 15u < n) { c[start + 15u] = v[3].w; }
  }
  if (TN > 16u) {
    if (o.col + 16u < n) { c[start + 16u] = v[4].x; }
    if (o.col + 17u < n) { c[start + 17u] = v[4].y; }
    if (o.col + 18u < n) { c[start + 18u] = v[4].z; }
    if (o.col + 19u < n) { c[start + 19u] = v[4].w; }
  }
  if (TN > 20u) {
    if (o.col + 20u < n) { c[start + 20u] = v[5].x; }
    if (o.col + 21u < n) { c[start + 21u] = v[5].y; }
    if (o.col + 22u < n) { c[start + 22u] = v[5].z; }
    if (o.col + 23u < n) { c[start + 23u] = v[5].w; }
  }
  if (TN > 24u) {
    if (o.col + 24u < n) { c[start + 24u] = v[6].x; }
    if (o.col + 25u < n) { c[start + 25u] = v[6].y; }
    if (o.col + 26u < n) { c[start + 26u] = v[6].z; }
    if (o.col + 27u < n) { c[start + 27u] = v[6].w; }
  }
  if (TN > 28u) {
    if (o.col + 28u < n) { c[start + 28u] = v[7].x; }
    if (o.col + 29u < n) { c[start + 29u] = v[7].y; }
    if (o.col + 30u < n) { c[start + 30u] = v[7].z; }
    if (o.col + 31u < n) { c[start + 31u] = v[7].w; }
  }
  if (TN > 32u) {
    if (o.col + 32u < n) { c[start + 32u] = v[8].x; }
    if (o.col + 33u < n) { c[start + 33u] = v[8].y; }
    if (o.col + 34u < n) { c[start + 34u] = v[8].z; }
    if (o.col + 35u < n) { c[start + 35u] = v[8].w; }
  }
  if (TN > 36u) {
    if (o.col + 36u < n) { c[start + 36u] = v[9].x; }
    if (o.col + 37u < n) { c[start + 37u] = v[9].y; }
    if (o.col + 38u < n) { c[start + 38u] = v[9].z; }
    if (o.col + 39u < n) { c[start + 39u] = v[9].w; }
  }
  if (TN > 40u) {
    if (o.col + 40u < n) { c[start + 40u] = v[10].x; }
    if (o.col + 41u < n) { c[start + 41u] = v[10].y; }
    if (o.col + 42u < n) { c[start + 42u] = v[10].z; }
    if (o.col + 43u < n) { c[start + 43u] = v[10].w; }
  }
  if (TN > 44u) {
    if (o.col + 44u < n) { c[start + 44u] = v[11].x; }
    if (o.col + 45u < n) { c[start + 45u] = v[11].y; }
    if (o.col + 46u < n) { c[start + 46u] = v[11].z; }
    if (o.col + 47u < n) { c[start + 47u] = v[11].w; }
  }
  if (TN > 48u) {
    if (o.col + 48u < n) { c[start + 48u] = v[12].x; }
    if (o.col + 49u < n) { c[start + 49u] = v[12].y; }
    if (o.col + 50u < n) { c[start + 50u] = v[12].z; }
    if (o.col + 51u < n) { c[start + 51u] = v[12].w; }
  }
  if (TN > 52u) {
    if (o.col + 52u < n) { c[start + 52u] = v[13].x; }
    if (o.col + 53u < n) { c[start + 53u] = v[13].y; }
    if (o.col + 54u < n) { c[start + 54u] = v[13].z; }
    if (o.col + 55u < n) { c[start + 55u] = v[13].w; }
  }
  if (TN > 56u) {
    if (o.col + 56u < n) { c[start + 56u] = v[14].x; }
    if (o.col + 57u < n) { c[start + 57u] = v[14].y; }
    if (o.col + 58u < n) { c[start + 58u] = v[14].z; }
    if (o.col + 59u < n) { c[start + 59u] = v[14].w; }
  }
  if (TN > 60u) {
    if (o.col + 60u < n) { c[start + 60u] = v[15].x; }
    if (o.col + 61u < n) { c[start + 61u] = v[15].y; }
    if (o.col + 62u < n) { c[start + 62u] = v[15].z; }
    if (o.col + 63u < n) { c[start + 63u] = v[15].w; }
  }
}

// The whole block into C, with storeRow4.
fn storeBlock4(o: Origin, base: u32, acc: Block, m: u32, n: u32) {
  if (TM > 0u) { storeRow4(o, base, 0u, acc[0], m, n); }
  if (TM > 1u) { storeRow4(o, base, 1u, acc[1], m, n); }
  if (TM > 2u) { storeRow4(o, base, 2u, acc[2], m, n); }
  if (TM > 3u) { storeRow4(o, base, 3u, acc[3], m, n); }
  if (TM > 4u) { storeRow4(o, base, 4u, acc[4], m, n); }
  if (TM > 5u) { storeRow4(o, base, 5u, acc[5], m, n); }
  if (TM > 6u) { storeRow4(o, base, 6u, acc[6], m, n); }
  if (TM > 7u) { storeRow4(o, base, 7u, acc[7], m, n); }
  if (TM > 8u) { storeRow4(o, base, 8u, acc[8], m, n); }
  if (TM > 9u) { storeRow4(o, base, 9u, acc[9], m, n); }
  if (TM > 10u) { storeRow4(o, base, 10u, acc[10], m, n); }
  if (TM > 11u) { storeRow4(o, base, 11u, acc[11], m, n); }
  if (TM > 12u) { storeRow4(o, base, 12u, acc[12], m, n); }
  if (TM > 13u) { storeRow4(o, base, 13u, acc[13], m, n); }
  if (TM > 14u) { storeRow4(o, base, 14u, acc[14], m, n); }
  if (TM > 15u) { storeRow4(o, base, 15u, acc[15], m, n); }
}

// The whole block into C, with storeRow1.
fn storeBlock1(o: Origin, base: u32, acc: Block, m: u32, n: u32) {
  if (TM > 0u) { storeRow1(o, base, 0u, acc[0], m, n); }
  if (TM > 1u) { storeRow1(o, base, 1u, acc[1], m, n); }
  if (TM > 2u) { storeRow1(o, base, 2u, acc[2], m, n); }
  if (TM > 3u) { storeRow1(o, base, 3u, acc[3], m, n); }
  if (TM > 4u) { storeRow1(o, base, 4u, acc[4], m, n); }
  if (TM > 5u) { storeRow1(o, base, 5u, acc[5], m, n); }
  if (TM > 6u) { storeRow1(o, base, 6u, acc[6], m, n); }
  if (TM > 7u) { storeRow1(o, base, 7u, acc[7], m, n); }
  if (TM > 8u) { storeRow1(o, base, 8u, acc[8], m, n); }
  if (TM > 9u) { storeRow1(o, base, 9u, acc[9], m, n); }
  if (TM > 10u) { storeRow1(o, base, 10u, acc[10], m, n); }
  if (TM > 11u) { storeRow1(o, base, 11u, acc[11], m, n); }
  if (TM > 12u) { storeRow1(o, base, 12u, acc[12], m, n); }
  if (TM > 13u) { storeRow1(o, base, 13u, acc[13], m, n); }
  if (TM > 14u) { storeRow1(o, base, 14u, acc[14], m, n); }
  if (TM > 15u) { storeRow1(o, base, 15u, acc[15], m, n); }
}
