// The measured f16 compute peak: as fma-peak.wgsl, with the chains in vec4<f16> (shader-f16).
// Coefficients arrive as f32 uniforms and are converted once; the result is stored as f32.
enable f16;

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
  let seed = f16(f32(index % 1024u) * (1.0 / 1024.0));
  let lanes = vec4<f16>(0.0h, 0.03125h, 0.0625h, 0.09375h);
  var x0 = vec4<f16>(seed) + lanes;
  var x1 = x0 + 0.125h;
  var x2 = x0 + 0.25h;
  var x3 = x0 + 0.375h;
  var x4 = x0 + 0.5h;
  var x5 = x0 + 0.625h;
  var x6 = x0 + 0.75h;
  var x7 = x0 + 0.875h;
  var x8 = x0 + 1.0h;
  var x9 = x0 + 1.125h;
  var x10 = x0 + 1.25h;
  var x11 = x0 + 1.375h;
  var x12 = x0 + 1.5h;
  var x13 = x0 + 1.625h;
  var x14 = x0 + 1.75h;
  var x15 = x0 + 1.875h;
  let a = vec4<f16>(f16(p.mul));
  let b = vec4<f16>(f16(p.add));
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
  out[index] = f32((s.x + s.y) + (s.z + s.w));
}
