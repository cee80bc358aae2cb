// The measured compute peak: each invocation runs 16 independent vec4 FMA chains with no
// memory traffic in the loop, so the only limit is how fast the ALUs issue FMAs.
// Chains start from values that depend on the invocation and their coefficients come from a
// uniform, so the compiler can neither fold nor hoist the work; one store at the end keeps it live.

override WG_SIZE: u32 = 256u;

struct Params {
  threads: u32,
  iterations: u32,
  mul: f32,
  add: f32,
}

@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@group(0) @binding(1) var<uniform> p: Params;

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let index = gid.x + gid.y * groups.x * WG_SIZE;
  if (index >= p.threads) {
    return;
  }
  let seed = f32(index % 1024u) * (1.0 / 1024.0);
  let lanes = vec4<f32>(0.0, 0.03125, 0.0625, 0.09375);
  var x0 = vec4<f32>(seed) + lanes;
  var x1 = x0 + 0.125;
  var x2 = x0 + 0.25;
  var x3 = x0 + 0.375;
  var x4 = x0 + 0.5;
  var x5 = x0 + 0.625;
  var x6 = x0 + 0.75;
  var x7 = x0 + 0.875;
  var x8 = x0 + 1.0;
  var x9 = x0 + 1.125;
  var x10 = x0 + 1.25;
  var x11 = x0 + 1.375;
  var x12 = x0 + 1.5;
  var x13 = x0 + 1.625;
  var x14 = x0 + 1.75;
  var x15 = x0 + 1.875;
  let a = vec4<f32>(p.mul);
  let b = vec4<f32>(p.add);
  for (var i = 0u; i < p.iterations; i++) {
    x0 = fma(x0, a, b);
    x1 = fma(x1, a, b);
    x2 = fma(x2, a, b);
    x3 = fma(x3, a, b);
    x4 = fma(x4, a, b);
    x5 = fma(x5, a, b);
    x6 = fma(x6, a, b);
    x7 = fma(x7, a, b);
    x8 = fma(x8, a, b);
    x9 = fma(x9, a, b);
    x10 = fma(x10, a, b);
    x11 = fma(x11, a, b);
    x12 = fma(x12, a, b);
    x13 = fma(x13, a, b);
    x14 = fma(x14, a, b);
    x15 = fma(x15, a, b);
  }
  let s = (((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7))) + (((x8 + x9) + (x10 + x11)) + ((x12 + x13) + (x14 + x15)));
  out[index] = (s.x + s.y) + (s.z + s.w);
}
