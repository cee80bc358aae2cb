// Stream copy: dst = src, one vec4 load and one vec4 store per step of a grid-stride loop, so
// any length (in vec4s) runs with a dispatch that fits maxComputeWorkgroupsPerDimension. The
// memory bandwidth peak: no arithmetic, every byte read once and written once.

override WG_SIZE: u32 = 256u;

struct Params {
  vec4s: u32,    // vec4s to copy
  threads: u32,  // invocations in the dispatch: the loop's stride
}

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  for (var i = id.x; i < params.vec4s; i += params.threads) {
    dst[i] = src[i];
  }
}
