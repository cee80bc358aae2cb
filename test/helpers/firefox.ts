/**
 * Whether the Firefox on this machine can run WebGPU: Firefox ESR 153 gives an adapter on
 * lavapipe; older release builds (Debian's ESR 140, say) refuse with "WebGPU is not yet available
 * in Release or late Beta builds". The reason to skip the tests that need it, or null to run them
 * (also when no Firefox is found: flopscope then installs one).
 */
import { spawnSync } from 'node:child_process';
import { findFirefox } from '../../src/host/firefox.js';

/** The oldest Firefox seen giving a WebGPU adapter here. */
const FIRST_WITH_WEBGPU = 153;

export function firefoxWithoutWebGpu(): string | null {
  const found = findFirefox();
  if (!found) return null;
  const out = spawnSync(found.path, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const major = Number(/(\d+)\.\d+/.exec(out)?.[1]);
  return Number.isFinite(major) && major < FIRST_WITH_WEBGPU
    ? `${out.trim()} has no WebGPU in release builds (needs Firefox ${FIRST_WITH_WEBGPU} or newer)`
    : null;
}
