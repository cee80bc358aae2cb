/** WGSL sources are imported as text (esbuild's text loader, the wgsl plugin in vitest.config.ts). */
declare module '*.wgsl' {
  const source: string;
  export default source;
}
