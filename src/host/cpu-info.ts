/**
 * What the host CPU is, for the CPU peak estimate of software adapters (src/specs/cpu.ts):
 * model, physical and logical cores, the highest clock we can find, and the ISA flags.
 * Linux first (/proc/cpuinfo, cpufreq); anything else falls back to Node's os.cpus().
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';

/** Where the clock figure came from, best first. */
export type ClockSource = 'cpufreq-max' | 'cpuinfo' | 'os.cpus';

/** The host CPU as far as the OS tells. */
export interface CpuInfo {
  model: string;
  physicalCores: number;
  logicalCores: number;
  clockGhz: number;
  clockSource: ClockSource;
  /** x86 `flags` or Arm `Features`, lower case; empty where the OS does not list them. */
  flags: string[];
}

/** What /proc/cpuinfo says, before any fallback; null where it says nothing. */
export interface ParsedCpuInfo {
  model: string | null;
  /** Distinct (physical id, core id) pairs; null when the file has no such fields (Arm, some VMs). */
  physicalCores: number | null;
  logicalCores: number;
  /** Highest `cpu MHz` over all processors, GHz. */
  cpuMhzGhz: number | null;
  /** The "@ 2.20GHz" in an Intel model name, GHz. */
  modelNameGhz: number | null;
  flags: string[];
}

/** Parses the text of /proc/cpuinfo (x86 or Arm layout); pure. */
export function parseCpuInfo(text: string): ParsedCpuInfo {
  const blocks = text
    .split(/\n\s*\n/)
    .map(parseBlock)
    .filter((fields) => fields.has('processor'));
  const first = blocks[0] ?? new Map<string, string>();
  // x86 has "model name" (its "model" is a number); Arm boards may have "Model" or "Hardware" lines.
  const model =
    [first.get('model name'), lineValue(text, 'Model'), lineValue(text, 'Hardware')].find(
      (value) => value !== undefined && value !== '' && !/^\d+$/.test(value),
    ) ?? null;

  const cores = new Set<string>();
  let everyBlockHasIds = blocks.length > 0;
  for (const fields of blocks) {
    const socket = fields.get('physical id');
    const core = fields.get('core id');
    if (socket === undefined || core === undefined) everyBlockHasIds = false;
    else cores.add(`${socket}/${core}`);
  }

  const mhz = blocks
    .map((fields) => Number(fields.get('cpu mhz')))
    .filter((value) => Number.isFinite(value) && value > 0);
  const nameGhz = model?.match(/@\s*([\d.]+)\s*GHz/i)?.[1];
  const flagsLine = first.get('flags') ?? first.get('features') ?? '';
  return {
    model,
    physicalCores: everyBlockHasIds ? cores.size : null,
    logicalCores: blocks.length,
    cpuMhzGhz: mhz.length > 0 ? Math.max(...mhz) / 1000 : null,
    modelNameGhz: nameGhz !== undefined && Number(nameGhz) > 0 ? Number(nameGhz) : null,
    flags: flagsLine
      .split(/\s+/)
      .filter((flag) => flag !== '')
      .map((flag) => flag.toLowerCase()),
  };
}

/** The value of the first `Key : value` line with exactly this key (case-sensitive). */
function lineValue(text: string, key: string): string | undefined {
  return new RegExp(`^${key}\\s*:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
}

/** Keys lower-cased: "model name", "cpu mhz", "physical id", "flags", "features"... */
function parseBlock(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (key !== '' && !fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
  }
  return fields;
}

/** Where readCpuInfo looks; tests point these at fixtures. */
export interface CpuInfoPaths {
  procCpuinfo?: string;
  cpufreqMaxKhz?: string;
}

/**
 * Reads the host CPU: cores from /proc/cpuinfo (else os.cpus().length), the clock from
 * cpufreq's cpuinfo_max_freq, else the larger of /proc/cpuinfo's `cpu MHz` and the model name's
 * "@ x GHz", else os.cpus()[0].speed.
 */
export async function readCpuInfo(paths: CpuInfoPaths = {}): Promise<CpuInfo> {
  const procText = await readOptional(paths.procCpuinfo ?? '/proc/cpuinfo');
  const parsed = procText === null ? null : parseCpuInfo(procText);
  const cpus = os.cpus();

  const maxKhz = Number(
    (await readOptional(paths.cpufreqMaxKhz ?? '/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq'))?.trim(),
  );
  const procGhz = Math.max(parsed?.cpuMhzGhz ?? 0, parsed?.modelNameGhz ?? 0);
  let clockGhz: number;
  let clockSource: ClockSource;
  if (Number.isFinite(maxKhz) && maxKhz > 0) {
    clockGhz = maxKhz / 1e6;
    clockSource = 'cpufreq-max';
  } else if (procGhz > 0) {
    clockGhz = procGhz;
    clockSource = 'cpuinfo';
  } else {
    clockGhz = (cpus[0]?.speed ?? 0) / 1000;
    clockSource = 'os.cpus';
  }

  const logicalCores = parsed !== null && parsed.logicalCores > 0 ? parsed.logicalCores : cpus.length;
  return {
    model: parsed?.model ?? cpus[0]?.model.trim() ?? 'unknown CPU',
    physicalCores: parsed?.physicalCores ?? logicalCores,
    logicalCores,
    clockGhz,
    clockSource,
    flags: parsed?.flags ?? [],
  };
}

/** A file's text, or null when it does not exist or cannot be read (not Linux, no cpufreq). */
async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
