/**
 * What a browser says about the machine it runs on, for a browser flopscope did not launch (a
 * remote one, or one that opened `flopscope serve`): the raw navigator values, validated here
 * and turned into the results' env.host by src/results/machine.ts.
 */
import { z } from 'zod';

/** navigator.userAgentData's high-entropy values (Chromium, secure contexts), navigator.platform, cores and memory. */
export const BrowserMachineSchema = z.object({
  /**
   * userAgentData: 'Linux', 'macOS', 'Windows', 'Android', 'Chrome OS'; null where the browser has no
   * userAgentData.
   */
  uaPlatform: z.string().nullable(),
  /** 'x86' or 'arm', and '64' or '32'; empty where hidden. */
  uaArchitecture: z.string().nullable(),
  uaBitness: z.string().nullable(),
  /** The device model (Android phones and tablets); empty elsewhere. */
  uaModel: z.string().nullable(),
  /** navigator.platform: 'Linux x86_64', 'MacIntel', 'Win32', ... */
  navigatorPlatform: z.string(),
  /** navigator.hardwareConcurrency. */
  logicalCores: z.number().int().nonnegative(),
  /** navigator.deviceMemory (GiB, rounded by the browser); null where the browser has none. */
  deviceMemoryGib: z.number().positive().nullable(),
});
export type BrowserMachine = z.infer<typeof BrowserMachineSchema>;
