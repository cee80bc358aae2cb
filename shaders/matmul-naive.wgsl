// C[M,N] = A[M,K] x B[K,N], row-major, batched along workgroup z.
// One invocation computes one element of C: the baseline every tiled kernel is measured against.

override WG_X: u32 = 16u;
override WG_Y: u32 = 16u;

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

@compute @workgroup_size(WG_X, WG_Y, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y;
  let batch = gid.z;
  if (row >= dims.m || col >= dims.n || batch >= dims.batch) {
    return;
  }
  let aRow = batch * dims.m * dims.k + row * dims.k;
  let bBase = batch * dims.k * dims.n + col;
  var acc = 0.0;
  for (var i = 0u; i < dims.k; i++) {
    acc = fma(a[aRow + i], b[bBase + i * dims.n], acc);
  }
  c[batch * dims.m * dims.n + row * dims.n + col] = acc;
}
