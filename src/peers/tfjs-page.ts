/**
 * The TensorFlow.js peer page: tf.matMul on TF.js's WebGPU backend, in the same browser as the
 * runner page but on a page of its own (the runner page never loads TF.js). It multiplies the same
 * seeded inputs as flopscope's matmul kernels, returns the product for the core to check against
 * the same CPU reference, and is timed by the wall clock (src/peers/peer-executor.ts): a batch of
 * tf.matMul calls ended by reading back one element of the last product.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import { gemmShape } from '../api/problems/gemm.js';
import { exposeExecutor } from '../runner/expose.js';
import { createPeerExecutor } from './peer-executor.js';

exposeExecutor(
  createPeerExecutor({
    async init() {
      const ok = await tf.setBackend('webgpu');
      await tf.ready();
      if (!ok || tf.getBackend() !== 'webgpu')
        throw new Error('NoWebGpuError: TF.js could not start its WebGPU backend');
      return { library: '@tensorflow/tfjs-core', version: tf.version_core, backend: tf.getBackend() };
    },
    async build(program, inputs) {
      if (program.peer?.kernel !== 'tfjs-matmul')
        return {
          status: 'error',
          message: `the TF.js peer page runs tfjs-matmul, not ${program.peer?.kernel ?? program.label}`,
        };
      const { m, n, k, batch } = gemmShape(program.peer.shape);
      const a = tf.tensor3d(inputs.a!, [batch, m, k]);
      const b = tf.tensor3d(inputs.b!, [batch, k, n]);
      let last: tf.Tensor | null = null;
      return {
        /**
         * Runs `repeats` products and waits for the GPU: the last product's first element is read
         * back through TF.js (a 1-element slice: 4 bytes), which flushes TF.js's queued commands by
         * its own path. (Calling the backend's submitQueue() directly left later uploads unseen.)
         */
        async run(repeats) {
          for (let i = 1; i < repeats; i++) tf.matMul(a, b).dispose();
          last?.dispose();
          last = tf.matMul(a, b);
          const first = tf.slice(last, [0, 0, 0], [1, 1, 1]);
          await first.data();
          first.dispose();
        },
        output: async () => (await last!.data()) as Float32Array,
        dispose() {
          last?.dispose();
          a.dispose();
          b.dispose();
        },
      };
    },
  }),
);
