/**
 * env.host for a browser on a machine flopscope does not run on (a remote browser, or one that
 * opened `flopscope serve`): built from what the browser says (src/protocol/machine.ts), with
 * Node's names for OS and architecture so results from everywhere compare. Pure.
 */
import type { BrowserMachine } from '../protocol/machine.js';
import type { RunEnvironment } from './schema.js';

/** userAgentData platform names -> Node's process.platform names. */
const PLATFORMS: Record<string, string> = { linux: 'linux', macos: 'darwin', windows: 'win32', android: 'android', 'chrome os': 'chromeos', chromeos: 'chromeos' };

/** The OS from userAgentData's platform, else from navigator.platform ('Linux x86_64', 'MacIntel', 'Win32'). */
export function browserPlatform(machine: BrowserMachine): string {
  const ua = machine.uaPlatform?.trim().toLowerCase();
  if (ua) return PLATFORMS[ua] ?? ua;
  const legacy = machine.navigatorPlatform.toLowerCase();
  if (legacy.startsWith('mac')) return 'darwin';
  if (legacy.startsWith('win')) return 'win32';
  if (legacy.startsWith('linux')) return 'linux';
  if (legacy.startsWith('iphone') || legacy.startsWith('ipad')) return 'ios';
  return legacy || 'unknown';
}

/**
 * Node's arch name ('x64', 'arm64', 'ia32', 'arm') from userAgentData, else from navigator.platform;
 * 'unknown' when hidden.
 */
export function browserArch(machine: BrowserMachine): string {
  const architecture = machine.uaArchitecture?.toLowerCase() ?? '';
  const bitness = machine.uaBitness ?? '';
  if (architecture === 'x86') return bitness === '32' ? 'ia32' : 'x64';
  if (architecture === 'arm') return bitness === '32' ? 'arm' : 'arm64';
  const legacy = machine.navigatorPlatform.toLowerCase();
  if (/x86_64|amd64|win64|x64/.test(legacy)) return 'x64';
  if (/aarch64|arm64/.test(legacy)) return 'arm64';
  if (/i[3-6]86/.test(legacy)) return 'ia32';
  return 'unknown';
}

/** env.host as the browser describes its machine; `node` is the harness's Node.js version. */
export function hostFromBrowser(machine: BrowserMachine, node: string): RunEnvironment['host'] {
  return {
    platform: browserPlatform(machine),
    arch: browserArch(machine),
    // Browsers do not name the CPU; an Android device's model is the nearest thing they give.
    cpuModel: machine.uaModel ? `unknown (device ${machine.uaModel})` : 'unknown',
    logicalCores: machine.logicalCores,
    memoryBytes: machine.deviceMemoryGib !== null ? machine.deviceMemoryGib * 2 ** 30 : null,
    node,
    reportedBy: 'browser',
  };
}
