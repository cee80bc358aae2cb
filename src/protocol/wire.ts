/**
 * Output values through a page: the base64 of their f32 bytes, so that NaN, infinities and every
 * bit of each value arrive as the page read them (JSON would turn NaN into null). Used by the
 * runner and peer pages to send, and by the host to receive.
 */

/** The base64 of `values`' bytes. */
export function encodeFloats(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The values whose bytes `base64` holds. */
export function decodeFloats(base64: string): Float32Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}
