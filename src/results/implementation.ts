/**
 * Which WebGPU implementation a run measured: the browser (or runtime) and the WebGPU library
 * inside it. Chromium-family browsers and dawn.node run Dawn (with Tint); Firefox runs wgpu
 * (with naga); Safari runs WebKit's own. The same WGSL can be fast on one and slow on another, so
 * runs are compared, and reported side by side, per implementation. Results written before
 * env.browser.name and .webgpu existed are read from their version and user agent. Pure.
 */
import type { Results, RunEnvironment } from './schema.js';

/** A browser's identity as results record it. */
type BrowserFields = Pick<RunEnvironment['browser'], 'version' | 'userAgent' | 'source'> & { name?: string | undefined; webgpu?: string | undefined };

/** The WebGPU libraries flopscope tells apart. */
export type WebGpuImplementation = 'Dawn' | 'wgpu' | 'WebKit' | 'unknown';

/** Browser names, as results record them, and the WebGPU library each runs. */
const WEBGPU_OF: Readonly<Record<string, WebGpuImplementation>> = {
  Chrome: 'Dawn',
  Chromium: 'Dawn',
  Edge: 'Dawn',
  Opera: 'Dawn',
  'dawn.node': 'Dawn',
  Firefox: 'wgpu',
  Deno: 'wgpu',
  Safari: 'WebKit',
};

/** The browser's name: 'Chrome', 'Firefox', 'Edge', 'Safari', 'dawn.node', ... ('unknown' when nothing tells). */
export function browserName(browser: BrowserFields): string {
  if (browser.name) return browser.name;
  if (browser.source === 'dawn-node' || /^dawn\.node\b/.test(browser.version)) return 'dawn.node';
  const product = /^(?:Headless)?([A-Za-z]+)\//.exec(browser.version)?.[1]?.toLowerCase();
  const known: Record<string, string> = { chrome: 'Chrome', chromium: 'Chrome', edge: 'Edge', opera: 'Opera', firefox: 'Firefox', safari: 'Safari' };
  if (product && known[product]) return known[product];
  const ua = browser.userAgent;
  if (/\bFirefox\//.test(ua)) return 'Firefox';
  if (/\bEdg\//.test(ua)) return 'Edge';
  if (/\b(?:Headless)?Chrome\//.test(ua)) return 'Chrome';
  if (/\bVersion\/[\d.]+.*\bSafari\//.test(ua)) return 'Safari';
  return 'unknown';
}

/** The WebGPU library of a browser name. */
export function webgpuOf(name: string): WebGpuImplementation {
  return WEBGPU_OF[name] ?? 'unknown';
}

/** The browser fields with `name` and `webgpu` filled in (as new results record them). */
export function withImplementation<T extends BrowserFields>(browser: T): T & { name: string; webgpu: string } {
  const name = browserName(browser);
  return { ...browser, name, webgpu: browser.webgpu ?? webgpuOf(name) };
}

/** A run's implementation: browser and WebGPU library, and the label reports show. */
export interface Implementation {
  browser: string;
  webgpu: string;
  /** 'Firefox (wgpu)', 'Chrome (Dawn)', 'dawn.node (Dawn)'. */
  label: string;
}

/** The implementation a run measured. */
export function implementationOf(results: Pick<Results, 'env'>): Implementation {
  const filled = withImplementation(results.env.browser);
  return { browser: filled.name, webgpu: filled.webgpu, label: `${filled.name} (${filled.webgpu})` };
}

/**
 * The key runs must share to be compared without --allow-different-implementations: the WebGPU
 * library ('Dawn', 'wgpu'). Chrome and dawn.node share Dawn; Firefox and Chrome do not.
 */
export function implementationKey(results: Pick<Results, 'env'>): string {
  return implementationOf(results).webgpu;
}
