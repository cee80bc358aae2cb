/**
 * flopscope drives a system Chromium (see src/host/browser.ts), so `npm ci` must not
 * need puppeteer's own browser download: it fails on machines without internet access.
 * Set PUPPETEER_SKIP_DOWNLOAD=false to get puppeteer's browser anyway.
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: process.env.PUPPETEER_SKIP_DOWNLOAD !== 'false',
};
