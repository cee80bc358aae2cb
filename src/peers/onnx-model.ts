/**
 * One-node ONNX models built in memory for the ONNX Runtime Web peer (src/peers/ort-page.ts):
 * the few protobuf messages of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto)
 * a graph of f32 tensors needs, encoded by hand, so that the page needs no .onnx file and no
 * protobuf library. Pure: runs in Node and in the page.
 */
import { convOutput, convShape } from '../api/problems/conv2d.js';
import { gemmShape } from '../api/problems/gemm.js';
import type { Shape } from '../api/types.js';

/**
 * ONNX IR version 8 (ONNX 1.10+) with default-domain opset 17: MatMul-13, Conv-11 and Transpose-13 are
 * current there.
 */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

/** TensorProto.DataType.FLOAT. */
const FLOAT = 1;
/** AttributeProto.AttributeType values. */
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/). */
const VARINT = 0;
const LENGTH_DELIMITED = 2;

/** Bytes of a protobuf message under construction. */
type Bytes = readonly number[] | Uint8Array;

/** A non-negative integer as a base-128 varint (int64 fields: ONNX dims and attributes here are never negative). */
export function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint: ${value} is not a non-negative safe integer`);
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}

const tag = (field: number, wireType: number): number[] => varint(field * 8 + wireType);
const intField = (field: number, value: number): number[] => [...tag(field, VARINT), ...varint(value)];
const bytesField = (field: number, body: Bytes): number[] => [
  ...tag(field, LENGTH_DELIMITED),
  ...varint(body.length),
  ...body,
];
const stringField = (field: number, text: string): number[] => bytesField(field, new TextEncoder().encode(text));

function concat(parts: readonly Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * ValueInfoProto of an f32 tensor with fixed dims: name (1), type (2) = TypeProto { tensor_type (1) = {
 * elem_type (1), shape (2) } }.
 */
function tensorValueInfo(name: string, dims: readonly number[]): number[] {
  const shape = dims.flatMap((dim) => bytesField(1, intField(1, dim)));
  const tensorType = [...intField(1, FLOAT), ...bytesField(2, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** An attribute of a NodeProto: name (1), i (3) or ints (8), type (20). */
export type OnnxAttribute = { name: string; int: number } | { name: string; ints: readonly number[] };

function attribute(attr: OnnxAttribute): number[] {
  if ('int' in attr) return [...stringField(1, attr.name), ...intField(3, attr.int), ...intField(20, ATTRIBUTE_INT)];
  // Packed repeated int64 (proto3 default; ONNX readers accept packed and unpacked).
  return [...stringField(1, attr.name), ...bytesField(8, attr.ints.flatMap(varint)), ...intField(20, ATTRIBUTE_INTS)];
}

/** One node of a graph. */
export interface OnnxNode {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly OnnxAttribute[];
}

/** A constant f32 tensor stored in the model (a weight). */
export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

/** A graph of f32 tensors with fixed shapes. */
export interface OnnxGraph {
  name: string;
  nodes: readonly OnnxNode[];
  inputs: readonly { name: string; dims: readonly number[] }[];
  outputs: readonly { name: string; dims: readonly number[] }[];
  initializers?: readonly OnnxInitializer[];
}

/** NodeProto: input (1), output (2), name (3), op_type (4), attribute (5). */
function node(n: OnnxNode, index: number): number[] {
  return [
    ...n.inputs.flatMap((name) => stringField(1, name)),
    ...n.outputs.flatMap((name) => stringField(2, name)),
    ...stringField(3, `${n.opType.toLowerCase()}${index}`),
    ...stringField(4, n.opType),
    ...(n.attributes ?? []).flatMap((attr) => bytesField(5, attribute(attr))),
  ];
}

/**
 * TensorProto: dims (1, packed), data_type (2), name (8), raw_data (9: little-endian f32, as every browser
 * host is).
 */
function initializer(init: OnnxInitializer): Uint8Array {
  const expected = init.dims.reduce((a, b) => a * b, 1);
  if (init.data.length !== expected)
    throw new Error(`initializer ${init.name}: ${init.data.length} values for dims ${init.dims.join('x')}`);
  const raw = new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength);
  return concat([
    bytesField(1, init.dims.flatMap(varint)),
    intField(2, FLOAT),
    stringField(8, init.name),
    tag(9, LENGTH_DELIMITED),
    varint(raw.length),
    raw,
  ]);
}

/**
 * ModelProto bytes: ir_version (1), producer_name (2), graph (7), opset_import (8) = { domain (1) '', version
 * (2) }.
 */
export function encodeModel(graph: OnnxGraph): Uint8Array {
  const initializers = (graph.initializers ?? []).map(initializer);
  const graphBytes = concat([
    ...graph.nodes.map((n, i) => bytesField(1, node(n, i))),
    stringField(2, graph.name),
    ...initializers.flatMap((bytes) => [tag(5, LENGTH_DELIMITED), varint(bytes.length), bytes]),
    ...graph.inputs.map((v) => bytesField(11, tensorValueInfo(v.name, v.dims))),
    ...graph.outputs.map((v) => bytesField(12, tensorValueInfo(v.name, v.dims))),
  ]);
  return concat([
    intField(1, ONNX_IR_VERSION),
    stringField(2, 'flopscope'),
    tag(7, LENGTH_DELIMITED),
    varint(graphBytes.length),
    graphBytes,
    bytesField(8, intField(2, ONNX_OPSET)),
  ]);
}

/**
 * C = A x B of a GEMM shape as one MatMul node: rank 2 for batch 1 (how a model multiplies a
 * matrix), rank 3 [batch, m, k] x [batch, k, n] otherwise, with flopscope's row-major layouts.
 */
export function matmulGraph(shape: Shape): OnnxGraph {
  const { m, n, k, batch } = gemmShape(shape);
  const dims = (rows: number, cols: number) => (batch === 1 ? [rows, cols] : [batch, rows, cols]);
  return {
    name: 'flopscope-matmul',
    nodes: [{ opType: 'MatMul', inputs: ['a', 'b'], outputs: ['c'] }],
    inputs: [
      { name: 'a', dims: dims(m, k) },
      { name: 'b', dims: dims(k, n) },
    ],
    outputs: [{ name: 'c', dims: dims(m, n) }],
  };
}

/** Filters [R,S,C,M] (flopscope's layout) as ONNX Conv weights [M,C,R,S]: a copy, made once. */
export function filtersToOihw(filter: Float32Array, shape: Shape): Float32Array {
  const { kernelH: r, kernelW: s, channels: c, filters: m } = convShape(shape);
  const out = new Float32Array(filter.length);
  for (let ri = 0; ri < r; ri++) {
    for (let si = 0; si < s; si++) {
      for (let ci = 0; ci < c; ci++) {
        for (let mi = 0; mi < m; mi++)
          out[((mi * c + ci) * r + ri) * s + si] = filter[((ri * s + si) * c + ci) * m + mi]!;
      }
    }
  }
  return out;
}

/**
 * A conv layer on NHWC data, flopscope's layout: input [N,H,W,C] -> Transpose to NCHW -> Conv
 * (weights [M,C,R,S], an initializer: `filtersOihw` from filtersToOihw) -> Transpose back to
 * output [N,E,F,M]. ONNX Conv is NCHW; on a session whose WebGPU EP prefers NHWC, ORT's layout
 * transformation moves the Conv to its NHWC form and wraps it in the inverse transposes, which
 * then cancel against these two, so the data is never transposed (the page checks which GPU
 * programs ran). No bias: flopscope's conv has none.
 */
export function convGraph(shape: Shape, filtersOihw: Float32Array): OnnxGraph {
  const { batch, height, width, channels, filters, kernelH, kernelW, stride, pad } = convShape(shape);
  const { outH, outW } = convOutput(shape);
  return {
    name: 'flopscope-conv',
    nodes: [
      {
        opType: 'Transpose',
        inputs: ['input'],
        outputs: ['input_nchw'],
        attributes: [{ name: 'perm', ints: [0, 3, 1, 2] }],
      },
      {
        opType: 'Conv',
        inputs: ['input_nchw', 'filter'],
        outputs: ['output_nchw'],
        attributes: [
          { name: 'kernel_shape', ints: [kernelH, kernelW] },
          { name: 'strides', ints: [stride, stride] },
          { name: 'pads', ints: [pad, pad, pad, pad] },
          { name: 'dilations', ints: [1, 1] },
          { name: 'group', int: 1 },
        ],
      },
      {
        opType: 'Transpose',
        inputs: ['output_nchw'],
        outputs: ['output'],
        attributes: [{ name: 'perm', ints: [0, 2, 3, 1] }],
      },
    ],
    inputs: [{ name: 'input', dims: [batch, height, width, channels] }],
    outputs: [{ name: 'output', dims: [batch, outH, outW, filters] }],
    initializers: [{ name: 'filter', dims: [filters, channels, kernelH, kernelW], data: filtersOihw }],
  };
}
