/**
 * A content hash of shader source, so results can say that a kernel's code changed between two
 * runs: FNV-1a over the UTF-16 code units, 64 bits (BigInt), as 16 hex digits. Not for security;
 * for telling versions of a file apart it is plenty. Pure.
 */

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** `fnv1a64:` and the hash of `code`. */
export function shaderHash(code: string): string {
  let hash = OFFSET;
  for (let i = 0; i < code.length; i++) hash = ((hash ^ BigInt(code.charCodeAt(i))) * PRIME) & MASK;
  return `fnv1a64:${hash.toString(16).padStart(16, '0')}`;
}
