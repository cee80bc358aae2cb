/** The browser's name and version as results record it, from what the page can see. Pure. */

/** One entry of navigator.userAgentData's fullVersionList. */
export interface BrandVersion {
  brand: string;
  version: string;
}

/** Brands of userAgentData, best first, and the product name puppeteer's browser.version() uses for them. */
const BRANDS: readonly [string, string][] = [
  ['Microsoft Edge', 'Edge'],
  ['Opera', 'Opera'],
  ['Google Chrome', 'Chrome'],
  ['Chromium', 'Chrome'],
];

/**
 * `Chrome/156.0.8078.79`, the form of puppeteer's browser.version(): from userAgentData's full
 * version list where the browser has one (Chromium browsers), else from the user agent string
 * (Firefox, Safari; Chromium's reduced user agent hides all but the major version).
 */
export function browserVersion(brands: readonly BrandVersion[] | null, userAgent: string): string {
  for (const [brand, product] of BRANDS) {
    const found = brands?.find((entry) => entry.brand === brand);
    if (found) return `${product}/${found.version}`;
  }
  const edge = /\bEdg\/([\d.]+)/.exec(userAgent);
  if (edge) return `Edge/${edge[1]}`;
  const named = /\b(?:Headless)?(Firefox|Chrome)\/([\d.]+)/.exec(userAgent);
  if (named) return `${named[1]}/${named[2]}`;
  const safari = /\bVersion\/([\d.]+).*\bSafari\//.exec(userAgent);
  if (safari) return `Safari/${safari[1]}`;
  return 'unknown';
}
