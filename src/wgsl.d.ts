/**
 * WGSL sources are imported linked (src/host/wgsl-plugin.ts: the esbuild plugin of the bundles and
 * the vite plugin in vitest.config.ts): the default export is the linked code.
 */
declare module '*.wgsl' {
  const source: string;
  export default source;
  /** The linked code with its map back to the files it came from. */
  export const linked: import('./shaders/source-map.js').LinkedShader;
}
