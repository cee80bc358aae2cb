// The candidate of bench/ab-power.mjs: the base doing 10% more work, an extra pass over a tenth of K
// whose sum is multiplied by a zero the compiler cannot see (the batch count, 1, shifted right).
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
  if (row >= dims.m || col >= dims.n) {
    return;
  }
  let aRow = row * dims.k;
  var acc = 0.0;
  for (var i = 0u; i < dims.k; i++) {
    acc = fma(a[aRow + i], b[col + i * dims.n], acc);
  }
  var extra = 0.0;
  for (var i = 0u; i < dims.k / 10u; i++) {
    extra = fma(a[aRow + i], b[col + i * dims.n], extra);
  }
  c[row * dims.n + col] = acc + f32(dims.batch >> 1u) * extra;
}
