import { defineConfig } from 'flopscope';

export default defineConfig({
  kernels: ['./kernels/*.ts'],
  suites: [
    {
      name: 'softmax',
      description: 'row-wise softmax at 256 and 1024 rows',
      kernels: ['softmax-rows'],
      sizes: [256, 1024],
    },
  ],
  defaultSuite: 'softmax',
});
