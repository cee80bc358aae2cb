/** The page side of src/protocol/machine.ts: reads what the browser says about its machine. */
import type { BrowserMachine } from '../protocol/machine.js';

interface UserAgentData {
  getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>>;
}

/** What navigator says about the machine (high-entropy values only where the browser has userAgentData). */
export async function describeMachine(): Promise<BrowserMachine> {
  const nav = navigator as Navigator & { userAgentData?: UserAgentData; deviceMemory?: number };
  let values: Record<string, unknown> = {};
  try {
    values = (await nav.userAgentData?.getHighEntropyValues(['platform', 'architecture', 'bitness', 'model'])) ?? {};
  } catch {
    // Refused (not a secure context, or a privacy setting): navigator.platform still says something.
  }
  const text = (key: string) => (typeof values[key] === 'string' ? values[key] : null);
  return {
    uaPlatform: text('platform'),
    uaArchitecture: text('architecture'),
    uaBitness: text('bitness'),
    uaModel: text('model'),
    navigatorPlatform: nav.platform ?? '',
    logicalCores: nav.hardwareConcurrency ?? 0,
    deviceMemoryGib: typeof nav.deviceMemory === 'number' && nav.deviceMemory > 0 ? nav.deviceMemory : null,
  };
}
