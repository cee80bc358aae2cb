// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z.
// 2D register blocking (shaders/lib/gemm_vec4.wgsl): each invocation computes TM rows x TN columns
// of C in registers from vec4 loads of A and B; no workgroup memory and no barrier: the caches do
// the sharing between invocations. Invocation (x, y) of the grid takes the block at row y * TM,
// column x * TN.
//
// Two entry points share the body: `main` reads and writes vec4s (needs K and N multiples of 4),
// `main_unaligned` reads four bounded scalars per vec4 (zero past K, clamped past N and M) and
// writes scalars, for any shape.

import package::lib::gemm_vec4::{block, storeBlock1, storeBlock4, Origin, TM, TN};

override WG_X: u32 = 8u;       // invocations per workgroup along N
override WG_Y: u32 = 8u;       // invocations per workgroup along M

fn origin(gid: vec3<u32>) -> Origin {
  return Origin(gid.y * TM, gid.x * TN, gid.z);
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let o = origin(gid);
  storeBlock4(o, block(true, o, 0u));
}

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main_unaligned(@builtin(global_invocation_id) gid: vec3<u32>) {
  let o = origin(gid);
  storeBlock1(o, block(false, o, 0u));
}
