/**
 * Where a command's results file goes: --out (checked writable before anything runs), or a name made of the
 * date and the adapter.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../measure/defaults.js';
import type { DeviceReport } from '../protocol/messages.js';
import { assertWritable } from '../host/results-files.js';

/** `results/2026-11-24T18-30-05-swiftshader-device-subzero.json`, unique in `dir`. */
export function defaultResultsPath(device: DeviceReport, now = new Date(), dir = RESULTS_DIR, suffix = ''): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const { description, vendor, architecture } = device.adapter;
  const adapter = (description || `${vendor} ${architecture}`.trim() || 'unnamed-adapter')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  let path = join(dir, `${stamp}-${adapter}${suffix}.json`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `${stamp}-${adapter}${suffix}-${n}.json`);
  return path;
}

/** Where results go: --out (checked writable now, before anything runs) or a default name once the adapter is known. */
export function resultsOut(out: string | undefined, suffix = ''): string | ((device: DeviceReport) => string) {
  if (out !== undefined) {
    assertWritable(out);
    return out;
  }
  return (device) => {
    const path = defaultResultsPath(device, new Date(), RESULTS_DIR, suffix);
    assertWritable(path);
    return path;
  };
}
