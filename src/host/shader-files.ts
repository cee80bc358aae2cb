/**
 * Reading a kernel's WGSL from disk, with what it imports, for the kernels of a user's config
 * (built-in shaders are read by the build). The linking itself is pure (src/shaders/).
 */
import { readFileSync } from 'node:fs';
import { shaderHash } from '../shaders/hash.js';

/** A shader file's source and its content hash. */
export function loadShaderFile(path: string): { code: string; hash: string } {
  const code = readFileSync(path, 'utf8');
  return { code, hash: shaderHash(code) };
}
