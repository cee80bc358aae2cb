/**
 * WGSL sources are imported linked (src/host/wgsl-plugin.ts: the esbuild plugin of the bundles and
 * the vite plugin in vitest.config.ts): the default export is the linked code.
 */
declare module '*.wgsl' {
  const source: string;
  export default source;
  /** The linked code with its map back to the files it came from. */
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module declaration cannot import at the top
  export const linked: import('./shaders/source-map.js').LinkedShader;
}

/** A `.wgsl` file's text as it is on disk, not linked (a fragment joined to others by its importer). */
declare module '*.wgsl?raw' {
  const source: string;
  export default source;
}
