/** Text form of `flopscope device`: browser, adapter, features and limits. */
import type { DeviceReport } from '../protocol/messages.js';

/** What `flopscope device` shows. */
export interface DeviceInfo extends DeviceReport {
  browser: { version: string; executable: string | null; source: string; flags: string[]; endpoint?: string };
}

/** Aligned `key  value` lines. */
function keyValues(rows: readonly [string, string][], indent = ''): string[] {
  const width = Math.max(...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${indent}${key.padEnd(width)}  ${value}`);
}

/** The report as text. */
export function formatDeviceReport(info: DeviceInfo): string {
  const { adapter } = info;
  const subgroups = adapter.subgroupMinSize !== undefined ? `${adapter.subgroupMinSize}..${adapter.subgroupMaxSize}` : 'not reported';
  const lines = [
    ...keyValues([
      [
        'Browser',
        info.browser.endpoint
          ? `${info.browser.version} (${info.browser.source}, at ${info.browser.endpoint})`
          : `${info.browser.version} (${info.browser.executable ?? 'no executable'}, found via ${info.browser.source})`,
      ],
      ['Flags', info.browser.flags.join(' ') || (info.browser.endpoint ? '(not told: the browser was started without --enable-automation)' : '')],
      ['Vendor', adapter.vendor || '(hidden)'],
      ['Architecture', adapter.architecture || '(hidden)'],
      ['Device', adapter.device || '(hidden)'],
      ['Description', adapter.description || '(hidden)'],
      ['Fallback', adapter.isFallbackAdapter ? 'yes (a software or fallback adapter)' : 'no'],
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
