/** Text form of `flopscope device`: browser, adapter, features and limits. */
import type { DeviceReport } from '../protocol/messages.js';
import type { AdapterInference } from '../specs/unnamed-adapter.js';

/** What `flopscope device` shows. */
export interface DeviceInfo extends DeviceReport {
  browser: {
    version: string;
    executable: string | null;
    source: string;
    flags: string[];
    endpoint?: string;
    name?: string;
    webgpu?: string;
    prefs?: Record<string, string | number | boolean>;
    protocol?: string;
  };
  /** What was inferred about an adapter that reports no name (src/specs/unnamed-adapter.ts). */
  adapterInferred?: AdapterInference;
}

/** Aligned `key  value` lines. */
function keyValues(rows: readonly [string, string][], indent = ''): string[] {
  const width = Math.max(...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${indent}${key.padEnd(width)}  ${value}`);
}

/** The report as text. */
export function formatDeviceReport(info: DeviceInfo): string {
  const { adapter } = info;
  const subgroups =
    adapter.subgroupMinSize !== undefined ? `${adapter.subgroupMinSize}..${adapter.subgroupMaxSize}` : 'not reported';
  const lines = [
    ...keyValues([
      [
        'Browser',
        info.browser.endpoint
          ? `${info.browser.version} (${info.browser.source}, at ${info.browser.endpoint})`
          : `${info.browser.version} (${info.browser.executable ?? 'no executable'}, found via ${info.browser.source})`,
      ],
      ...(info.browser.webgpu
        ? ([
            [
              'WebGPU',
              `${info.browser.webgpu}${info.browser.protocol ? ` (driven over ${info.browser.protocol === 'webdriver-bidi' ? 'WebDriver BiDi' : 'CDP'})` : ''}`,
            ],
          ] as [string, string][])
        : []),
      [
        'Flags',
        info.browser.flags.join(' ') ||
          (info.browser.endpoint ? '(not told: the browser was started without --enable-automation)' : ''),
      ],
      ...(info.browser.prefs
        ? ([
            [
              'Prefs',
              Object.entries(info.browser.prefs)
                .map(([key, value]) => `${key}=${value}`)
                .join(' '),
            ],
          ] as [string, string][])
        : []),
      ['Vendor', adapter.vendor || '(hidden)'],
      ['Architecture', adapter.architecture || '(hidden)'],
      ['Device', adapter.device || '(hidden)'],
      ['Description', adapter.description || '(hidden)'],
      ['Fallback', adapter.isFallbackAdapter ? 'yes (a software or fallback adapter)' : 'no'],
      ...(info.adapterInferred
        ? ([['Inferred', `${info.adapterInferred.name} (${info.adapterInferred.how})`]] as [string, string][])
        : []),
      ['Subgroup size', subgroups],
      ['GPU timestamps', info.timestampQuery ? 'yes (timestamp-query)' : 'no: times come from the wall clock'],
    ]),
    '',
    `Features (${info.features.length}):`,
    ...info.features.map((feature) => `  ${feature}`),
    '',
    'Limits:',
    ...keyValues(
      Object.entries(info.limits)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => [key, String(value)]),
      '  ',
    ),
  ];
  return lines.join('\n');
}
