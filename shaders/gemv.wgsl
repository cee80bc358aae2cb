// y = A x, A row-major [M, N]: memory-bound (each element of A is used once). A workgroup
// handles ROWS rows; its WG_SIZE invocations split into ROWS teams of WG_SIZE / ROWS lanes, one
// team per row. Each lane sums a strided slice of its row (vec4 loads when N is a multiple of 4),
// then the team adds its lanes' partial sums in a tree in workgroup memory (no subgroups).
// Rows past M are clamped (computed again, never stored), so every barrier is reached by all.

override WG_SIZE: u32 = 256u;  // invocations per workgroup, a power of 2
override ROWS: u32 = 1u;       // rows per workgroup, a power of 2 dividing WG_SIZE

// Lanes per row (derived: never set by the host).
override LANES: u32 = WG_SIZE / ROWS;

struct Dims {
  m: u32,
  n: u32,
  groupsX: u32,  // workgroups along x: the row block is x + y * groupsX
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> x4: array<vec4<f32>>;
@group(0) @binding(5) var<uniform> dims: Dims;

var<workgroup> partial: array<f32, WG_SIZE>;

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let team = local / LANES;
  let lane = local % LANES;
  let block = group.x + group.y * dims.groupsX;
  let wanted = block * ROWS + team;
  let row = min(wanted, dims.m - 1u);
  var sum = 0.0;
  if (dims.n % 4u == 0u) {
    let n4 = dims.n / 4u;
    let start = row * n4;
    var acc = vec4<f32>(0.0);
    for (var j = lane; j < n4; j += LANES) {
      acc = fma(a4[start + j], x4[j], acc);
    }
    sum = (acc.x + acc.y) + (acc.z + acc.w);
  } else {
    let start = row * dims.n;
    for (var j = lane; j < dims.n; j += LANES) {
      sum = fma(a[start + j], x[j], sum);
    }
  }
  partial[local] = sum;
  for (var stride = LANES / 2u; stride > 0u; stride /= 2u) {
    workgroupBarrier();
    if (lane < stride) {
      partial[local] += partial[local + stride];
    }
  }
  if (lane == 0u && wanted < dims.m) {
    y[wanted] = partial[local];
  }
}
