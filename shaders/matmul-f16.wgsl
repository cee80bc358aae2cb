// C[M,N] = A[M,K] x B[K,N] in f16 (needs shader-f16), row-major, batched along workgroup z.
// The blocking of matmul-blocked (shaders/lib/gemm_vec4.wgsl: TM x TN outputs per invocation, 4
// values of K per step) with f16 loads and f16 arithmetic, which `enable f16` selects there: the 4
// products of each step are summed in f16 (vec4<f16> FMAs, the f16 rate), and each step's partial
// sum is added to an f32 accumulator, so the rounding error stays that of 4 f16 operations plus an
// f32 sum over K / 4 steps, whatever K is; C is rounded to f16 once at the end.
//
// Two entry points share the body: `main` reads and writes vec4s (needs K and N multiples of 4),
// `main_unaligned` reads four bounded scalars per vec4 (zero past K, clamped past N and M) and
// writes scalars, for any shape.

import package::lib::gemm_vec4::{block, storeBlock1, storeBlock4, Origin, TM, TN};

enable f16;

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
