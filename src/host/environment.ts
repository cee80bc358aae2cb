/** Facts about the harness and the host that every results file records. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

/** flopscope's version and, when it runs from a git checkout, the commit (with -dirty when modified). */
export function harnessIdentity(): { version: string; commit: string | null } {
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const git = (args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const head = git(['rev-parse', 'HEAD']);
  if (head.status !== 0) return { version, commit: null };
  const dirty = git(['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
  return { version, commit: head.stdout.trim() + (dirty ? '-dirty' : '') };
}

/** The machine the host runs on. */
export function hostIdentity(): {
  platform: string;
  arch: string;
  cpuModel: string;
  logicalCores: number;
  memoryBytes: number;
  node: string;
} {
  const cpu = cpus();
  return {
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    logicalCores: cpu.length,
    memoryBytes: totalmem(),
    node: process.version,
  };
}
