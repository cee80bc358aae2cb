// y = softmax(x) along each row of a row-major [rows, cols] matrix: one workgroup per row,
// WG_SIZE lanes striding along it, the row's max and sum reduced in workgroup memory.
override WG_SIZE: u32 = 64u;

struct Dims {
  rows: u32,
  cols: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> dims: Dims;

var<workgroup> partial: array<f32, WG_SIZE>;

// Reduces partial[0..WG_SIZE) into partial[0] with `op` (0: max, 1: sum); every lane must call it.
fn reduce(lid: u32, op: u32) -> f32 {
  for (var stride = WG_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (lid < stride) {
      let other = partial[lid + stride];
      partial[lid] = select(partial[lid] + other, max(partial[lid], other), op == 0u);
    }
    workgroupBarrier();
  }
  let result = partial[0];
  workgroupBarrier();
  return result;
}

@compute @workgroup_size(WG_SIZE)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = group.x;
  if (row >= dims.rows) {
    return;
  }
  let base = row * dims.cols;
  var largest = -3.402823e38;
  for (var c = lid; c < dims.cols; c += WG_SIZE) {
    largest = max(largest, x[base + c]);
  }
  partial[lid] = largest;
  workgroupBarrier();
  let rowMax = reduce(lid, 0u);
  var sum = 0.0;
  for (var c = lid; c < dims.cols; c += WG_SIZE) {
    sum += exp(x[base + c] - rowMax);
  }
  partial[lid] = sum;
  workgroupBarrier();
  let total = reduce(lid, 1u);
  for (var c = lid; c < dims.cols; c += WG_SIZE) {
    y[base + c] = exp(x[base + c] - rowMax) / total;
  }
}
