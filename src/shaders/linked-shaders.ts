/**
 * The linked shaders this bundle was built with, by code: a `.wgsl` import (the build's plugin,
 * src/host/shader-files.ts) registers its source map here, so whatever compiles that code can
 * map a compile error back to the files. Page-safe.
 */
import type { LinkedShader } from './source-map.js';

const byCode = new Map<string, LinkedShader>();

/** Registers a linked shader; returns its code (what a `.wgsl` import's default export is). */
export function registerLinkedShader(shader: LinkedShader): string {
  byCode.set(shader.code, shader);
  return shader.code;
}

/** The linked shader whose code this is, or undefined for code that was not registered. */
export function linkedShaderOf(code: string): LinkedShader | undefined {
  return byCode.get(code);
}
