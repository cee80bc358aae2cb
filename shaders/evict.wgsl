// Cache eviction for cold measurements: every invocation walks a large buffer with a grid
// stride, reading and writing each vec4, so that what the measured kernel left in the GPU's
// caches is replaced by this buffer's lines. Not a benchmark kernel: the runner owns it.

override WG_SIZE: u32 = 256u;

struct Params {
  vec4s: u32,
  threads: u32,
}

@group(0) @binding(0) var<storage, read_write> data: array<vec4<u32>>;
@group(0) @binding(1) var<uniform> params: Params;

@compute @workgroup_size(WG_SIZE)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  for (var i = id.x; i < params.vec4s; i += params.threads) {
    data[i] = data[i] + vec4<u32>(1u);
  }
}
