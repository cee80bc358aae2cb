/** Types of scripts/builtin-kernels.mjs, for vitest.config.ts. */
export declare const BUILTIN_KERNELS_ID: 'flopscope:builtin-kernels';
export declare function builtinKernelsSource(dir?: string): string;
export declare const builtinKernelsEsbuild: { name: string; setup(build: unknown): void };
export declare function builtinKernelsVite(): {
  name: string;
  resolveId(id: string): string | null;
  load(id: string): string | null;
};
