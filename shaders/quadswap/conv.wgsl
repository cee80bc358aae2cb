// Implicit-GEMM conv2d, NHWC, on quadswap/core.wgsl (which src/kernels/conv-quadswap.ts puts in front
// of this file; it explains the scheme and why): the GEMM output[N*E*F, M] = P[N*E*F, R*S*C] x
// filter[R*S*C, M] of im2col, with the rows of P (output pixels) read straight from the input.
// K runs tap by tap (r, s) and, inside a tap, along the channels, so that A[pixel][k ..] is
// input[n, iy, ix, c ..]: contiguous. Per tap each lane works out, for its TM pixels, where their
// window starts and whether it lies in the padding (then its A values are zero).
//
// `main` (C a multiple of 16, M of 4) runs groups of 16 channels with vec4 loads; `main_unaligned`
// (any shape) groups of 4 channels with scalar loads, masked past C.

struct Conv {
  batch: u32,
  height: u32,
  width: u32,
  channels: u32,
  filters: u32,
  kernelH: u32,
  kernelW: u32,
  stride: u32,
  pad: u32,
  outH: u32,
  outW: u32,
  k: u32,
}

@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read_write> c4: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> input4: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> b4: array<vec4<f32>>;
@group(0) @binding(5) var<uniform> conv: Conv;

// The output pixel of each of this lane's rows (clamped to the last one): image, first input row and column of its window.
struct Pixels {
  image: Rows,
  iy: Rows,
  ix: Rows,
}

// Element index of input[n, iy + r, ix + s, 0] of each row, and whether it is inside the image (not padding).
struct Taps {
  start: Rows,
  inside: array<bool, MAX_TM>,
}

fn pixel(p: u32, last: u32) -> vec3<u32> {
  let q = min(p, last);
  let ox = q % conv.outW;
  let rest = q / conv.outW;
  return vec3<u32>(rest / conv.outH, (rest % conv.outH) * conv.stride, ox * conv.stride);
}

fn tapOf(px: Pixels, i: u32, r: u32, s: u32) -> vec2<u32> {
  // Coordinates in the padded image; inside when pad <= y < pad + height (same for x).
  let y = px.iy[i] + r;
  let x = px.ix[i] + s;
  let inside = y >= conv.pad && y < conv.pad + conv.height && x >= conv.pad && x < conv.pad + conv.width;
  let yc = clamp(y, conv.pad, conv.pad + conv.height - 1u) - conv.pad;
  let xc = clamp(x, conv.pad, conv.pad + conv.width - 1u) - conv.pad;
  return vec2<u32>(((px.image[i] * conv.height + yc) * conv.width + xc) * conv.channels, select(0u, 1u, inside));
}

fn taps(px: Pixels, r: u32, s: u32) -> Taps {
  var t: Taps;
  if (TM > 0u) { let v = tapOf(px, 0u, r, s); t.start[0] = v.x; t.inside[0] = v.y == 1u; }
  if (TM > 1u) { let v = tapOf(px, 1u, r, s); t.start[1] = v.x; t.inside[1] = v.y == 1u; }
  if (TM > 2u) { let v = tapOf(px, 2u, r, s); t.start[2] = v.x; t.inside[2] = v.y == 1u; }
  if (TM > 3u) { let v = tapOf(px, 3u, r, s); t.start[3] = v.x; t.inside[3] = v.y == 1u; }
  if (TM > 4u) { let v = tapOf(px, 4u, r, s); t.start[4] = v.x; t.inside[4] = v.y == 1u; }
  if (TM > 5u) { let v = tapOf(px, 5u, r, s); t.start[5] = v.x; t.inside[5] = v.y == 1u; }
  if (TM > 6u) { let v = tapOf(px, 6u, r, s); t.start[6] = v.x; t.inside[6] = v.y == 1u; }
  if (TM > 7u) { let v = tapOf(px, 7u, r, s); t.start[7] = v.x; t.inside[7] = v.y == 1u; }
  if (TM > 8u) { let v = tapOf(px, 8u, r, s); t.start[8] = v.x; t.inside[8] = v.y == 1u; }
  if (TM > 9u) { let v = tapOf(px, 9u, r, s); t.start[9] = v.x; t.inside[9] = v.y == 1u; }
  if (TM > 10u) { let v = tapOf(px, 10u, r, s); t.start[10] = v.x; t.inside[10] = v.y == 1u; }
  if (TM > 11u) { let v = tapOf(px, 11u, r, s); t.start[11] = v.x; t.inside[11] = v.y == 1u; }
  if (TM > 12u) { let v = tapOf(px, 12u, r, s); t.start[12] = v.x; t.inside[12] = v.y == 1u; }
  if (TM > 13u) { let v = tapOf(px, 13u, r, s); t.start[13] = v.x; t.inside[13] = v.y == 1u; }
  if (TM > 14u) { let v = tapOf(px, 14u, r, s); t.start[14] = v.x; t.inside[14] = v.y == 1u; }
  if (TM > 15u) { let v = tapOf(px, 15u, r, s); t.start[15] = v.x; t.inside[15] = v.y == 1u; }
  return t;
}

// A[pixel][c0 + (lane ^ p)], p = 0..3, channels of the tap starting at `start`; zero in the padding and past C.
fn loadA(o: Origin, start: u32, inside: bool, c0: u32) -> vec4<f32> {
  let i = start + c0;
  let last = start + conv.channels - 1u;
  let ch = vec4<u32>(c0) + o.perm;
  let v = vec4<f32>(input[min(i + o.perm.x, last)], input[min(i + o.perm.y, last)], input[min(i + o.perm.z, last)], input[min(i + o.perm.w, last)]);
  return select(vec4<f32>(0.0), v, (ch < vec4<u32>(conv.channels)) & vec4<bool>(inside));
}

// 4 channels from c0 of tap `tap` (rows tap x C + c0 .. of the filter matrix).
fn kGroup(o: Origin, t: Taps, cols: Cols, acc_in: Block, tap: u32, c0: u32) -> Block {
  // Rows past this tap's channels meet zeros of A; past K they are clamped.
  let b0 = loadB(false, true, 0u, cols, tap * conv.channels + c0 + o.lane, conv.k, conv.filters);
  let b1 = rowSwapX(b0);
  let b2 = rowSwapY(b0);
  let b3 = rowSwapD(b0);
  var acc = acc_in;
  if (TM > 0u) { acc[0] = rowGroup(acc[0], loadA(o, t.start[0], t.inside[0], c0), b0, b1, b2, b3); }
  if (TM > 1u) { acc[1] = rowGroup(acc[1], loadA(o, t.start[1], t.inside[1], c0), b0, b1, b2, b3); }
  if (TM > 2u) { acc[2] = rowGroup(acc[2], loadA(o, t.start[2], t.inside[2], c0), b0, b1, b2, b3); }
  if (TM > 3u) { acc[3] = rowGroup(acc[3], loadA(o, t.start[3], t.inside[3], c0), b0, b1, b2, b3); }
  if (TM > 4u) { acc[4] = rowGroup(acc[4], loadA(o, t.start[4], t.inside[4], c0), b0, b1, b2, b3); }
  if (TM > 5u) { acc[5] = rowGroup(acc[5], loadA(o, t.start[5], t.inside[5], c0), b0, b1, b2, b3); }
  if (TM > 6u) { acc[6] = rowGroup(acc[6], loadA(o, t.start[6], t.inside[6], c0), b0, b1, b2, b3); }
  if (TM > 7u) { acc[7] = rowGroup(acc[7], loadA(o, t.start[7], t.inside[7], c0), b0, b1, b2, b3); }
  if (TM > 8u) { acc[8] = rowGroup(acc[8], loadA(o, t.start[8], t.inside[8], c0), b0, b1, b2, b3); }
  if (TM > 9u) { acc[9] = rowGroup(acc[9], loadA(o, t.start[9], t.inside[9], c0), b0, b1, b2, b3); }
  if (TM > 10u) { acc[10] = rowGroup(acc[10], loadA(o, t.start[10], t.inside[10], c0), b0, b1, b2, b3); }
  if (TM > 11u) { acc[11] = rowGroup(acc[11], loadA(o, t.start[11], t.inside[11], c0), b0, b1, b2, b3); }
  if (TM > 12u) { acc[12] = rowGroup(acc[12], loadA(o, t.start[12], t.inside[12], c0), b0, b1, b2, b3); }
  if (TM > 13u) { acc[13] = rowGroup(acc[13], loadA(o, t.start[13], t.inside[13], c0), b0, b1, b2, b3); }
  if (TM > 14u) { acc[14] = rowGroup(acc[14], loadA(o, t.start[14], t.inside[14], c0), b0, b1, b2, b3); }
  if (TM > 15u) { acc[15] = rowGroup(acc[15], loadA(o, t.start[15], t.inside[15], c0), b0, b1, b2, b3); }
  return acc;
}

// 16 channels from c0 of tap `tap` (vec4 path: C a multiple of 16).
fn group16(o: Origin, t: Taps, cols: Cols, acc: Block, tap: u32, c0: u32) -> Block {
  let c4i = c0 >> 2u;
  var av: A16;
  if (TM > 0u) { let i4 = (t.start[0] >> 2u) + c4i; av[0] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[0]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[0]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[0]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[0])); }
  if (TM > 1u) { let i4 = (t.start[1] >> 2u) + c4i; av[1] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[1]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[1]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[1]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[1])); }
  if (TM > 2u) { let i4 = (t.start[2] >> 2u) + c4i; av[2] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[2]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[2]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[2]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[2])); }
  if (TM > 3u) { let i4 = (t.start[3] >> 2u) + c4i; av[3] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[3]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[3]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[3]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[3])); }
  if (TM > 4u) { let i4 = (t.start[4] >> 2u) + c4i; av[4] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[4]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[4]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[4]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[4])); }
  if (TM > 5u) { let i4 = (t.start[5] >> 2u) + c4i; av[5] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[5]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[5]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[5]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[5])); }
  if (TM > 6u) { let i4 = (t.start[6] >> 2u) + c4i; av[6] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[6]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[6]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[6]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[6])); }
  if (TM > 7u) { let i4 = (t.start[7] >> 2u) + c4i; av[7] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[7]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[7]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[7]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[7])); }
  if (TM > 8u) { let i4 = (t.start[8] >> 2u) + c4i; av[8] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[8]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[8]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[8]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[8])); }
  if (TM > 9u) { let i4 = (t.start[9] >> 2u) + c4i; av[9] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[9]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[9]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[9]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[9])); }
  if (TM > 10u) { let i4 = (t.start[10] >> 2u) + c4i; av[10] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[10]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[10]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[10]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[10])); }
  if (TM > 11u) { let i4 = (t.start[11] >> 2u) + c4i; av[11] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[11]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[11]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[11]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[11])); }
  if (TM > 12u) { let i4 = (t.start[12] >> 2u) + c4i; av[12] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[12]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[12]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[12]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[12])); }
  if (TM > 13u) { let i4 = (t.start[13] >> 2u) + c4i; av[13] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[13]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[13]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[13]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[13])); }
  if (TM > 14u) { let i4 = (t.start[14] >> 2u) + c4i; av[14] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[14]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[14]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[14]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[14])); }
  if (TM > 15u) { let i4 = (t.start[15] >> 2u) + c4i; av[15] = array<vec4<f32>, 4>(select(vec4<f32>(0.0), input4[i4 + o.perm.x], t.inside[15]), select(vec4<f32>(0.0), input4[i4 + o.perm.y], t.inside[15]), select(vec4<f32>(0.0), input4[i4 + o.perm.z], t.inside[15]), select(vec4<f32>(0.0), input4[i4 + o.perm.w], t.inside[15])); }
  return block16(acc, av, (tap * conv.channels + c0 + 4u * o.lane) * conv.filters, cols, conv.filters);
}

fn block(aligned: bool, o: Origin) -> Block {
  let pixels = conv.batch * conv.outH * conv.outW;
  var px: Pixels;
  if (TM > 0u) { let p = pixel(o.row + 0u, pixels - 1u); px.image[0] = p.x; px.iy[0] = p.y; px.ix[0] = p.z; }
  if (TM > 1u) { let p = pixel(o.row + 1u, pixels - 1u); px.image[1] = p.x; px.iy[1] = p.y; px.ix[1] = p.z; }
  if (TM > 2u) { let p = pixel(o.row + 2u, pixels - 1u); px.image[2] = p.x; px.iy[2] = p.y; px.ix[2] = p.z; }
  if (TM > 3u) { let p = pixel(o.row + 3u, pixels - 1u); px.image[3] = p.x; px.iy[3] = p.y; px.ix[3] = p.z; }
  if (TM > 4u) { let p = pixel(o.row + 4u, pixels - 1u); px.image[4] = p.x; px.iy[4] = p.y; px.ix[4] = p.z; }
  if (TM > 5u) { let p = pixel(o.row + 5u, pixels - 1u); px.image[5] = p.x; px.iy[5] = p.y; px.ix[5] = p.z; }
  if (TM > 6u) { let p = pixel(o.row + 6u, pixels - 1u); px.image[6] = p.x; px.iy[6] = p.y; px.ix[6] = p.z; }
  if (TM > 7u) { let p = pixel(o.row + 7u, pixels - 1u); px.image[7] = p.x; px.iy[7] = p.y; px.ix[7] = p.z; }
  if (TM > 8u) { let p = pixel(o.row + 8u, pixels - 1u); px.image[8] = p.x; px.iy[8] = p.y; px.ix[8] = p.z; }
  if (TM > 9u) { let p = pixel(o.row + 9u, pixels - 1u); px.image[9] = p.x; px.iy[9] = p.y; px.ix[9] = p.z; }
  if (TM > 10u) { let p = pixel(o.row + 10u, pixels - 1u); px.image[10] = p.x; px.iy[10] = p.y; px.ix[10] = p.z; }
  if (TM > 11u) { let p = pixel(o.row + 11u, pixels - 1u); px.image[11] = p.x; px.iy[11] = p.y; px.ix[11] = p.z; }
  if (TM > 12u) { let p = pixel(o.row + 12u, pixels - 1u); px.image[12] = p.x; px.iy[12] = p.y; px.ix[12] = p.z; }
  if (TM > 13u) { let p = pixel(o.row + 13u, pixels - 1u); px.image[13] = p.x; px.iy[13] = p.y; px.ix[13] = p.z; }
  if (TM > 14u) { let p = pixel(o.row + 14u, pixels - 1u); px.image[14] = p.x; px.iy[14] = p.y; px.ix[14] = p.z; }
  if (TM > 15u) { let p = pixel(o.row + 15u, pixels - 1u); px.image[15] = p.x; px.iy[15] = p.y; px.ix[15] = p.z; }
  let cols = blockCols(aligned, o.col, conv.filters);
  var acc: Block;
  // One loop over the taps (r, s), not two: every loop level blends the accumulators once per trip.
  for (var tap = 0u; tap < conv.kernelH * conv.kernelW; tap++) {
    let r = tap / conv.kernelW;
    let t = taps(px, r, tap - r * conv.kernelW);
    if (aligned) {
      var ch = 0u;
      for (; ch + 16u * KGROUPS <= conv.channels; ch += 16u * KGROUPS) {
        acc = group16(o, t, cols, acc, tap, ch);
        if (KGROUPS > 1u) { acc = group16(o, t, cols, acc, tap, ch + 16u); }
      }
      if (KGROUPS > 1u) {
        for (; ch < conv.channels; ch += 16u) {
          acc = group16(o, t, cols, acc, tap, ch);
        }
      }
    } else {
      for (var ch = 0u; ch < conv.channels; ch += 4u) {
        acc = kGroup(o, t, cols, acc, tap, ch);
      }
    }
  }
  return acc;
}

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_invocation_id) sg: u32) {
  let o = origin(li, wg, sg);
  storeBlock4(o, 0u, block(true, o), conv.batch * conv.outH * conv.outW, conv.filters);
}

@compute @workgroup_size(WG_SIZE, 1, 1)
fn main_unaligned(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>, @builtin(subgroup_invocation_id) sg: u32) {
  let o = origin(li, wg, sg);
  storeBlock1(o, 0u, block(false, o), conv.batch * conv.outH * conv.outW, conv.filters);
}
