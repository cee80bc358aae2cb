// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z.
// The register blocking of matmul-blocked (shaders/lib/gemm_vec4.wgsl) with B shared inside each
// quad (4 invocations of a subgroup), which `enable subgroups` selects there: per step of 4 along
// K, quad member j loads row k+j of the quad's TN columns of B and quadBroadcast hands it to the
// other three. Each value of B is thus read from memory once per quad instead of once per
// invocation, with no workgroup memory and no barrier. The 4 invocations of a quad take 4
// consecutive row blocks (4*TM rows), same columns.
//
// Two entry points share the body: `main` reads and writes vec4s (needs K and N multiples of 4),
// `main_unaligned` reads four bounded scalars per vec4 (zero past K, clamped past N and M) and
// writes scalars, for any shape.

import package::lib::gemm_vec4::{block, storeBlock1, storeBlock4, Origin, TM, TN};

enable subgroups;

override WG_SIZE: u32 = 32u;   // invocations per workgroup, a multiple of 4
override QUADS_N: u32 = 2u;    // quads side by side along N; WG_SIZE / 4 / QUADS_N quads along M

fn origin(li: u32, wg: vec3<u32>) -> Origin {
  let quad = li / 4u;
  let quadsM = WG_SIZE / 4u / QUADS_N;
  let col = (wg.x * QUADS_N + quad % QUADS_N) * TN;
  let row = ((wg.y * quadsM + quad / QUADS_N) * 4u + li % 4u) * TM;
  return Origin(row, col, wg.z);
}

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_invocation_id) sg: u32) {
  let o = origin(li, wg);
  storeBlock4(o, block(true, o, sg % 4u));
}

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main_unaligned(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_invocation_id) sg: u32) {
  let o = origin(li, wg);
  storeBlock1(o, block(false, o, sg % 4u));
}
