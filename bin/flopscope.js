#!/usr/bin/env node
// Entry point: runs the bundled CLI that `npm ci` (prepare) or `npm run build` produces.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'flopscope: dist/cli.js is missing; run `npm run build` (or `npm ci`) in the flopscope folder first.\n',
  );
  process.exit(2);
}
await import(cli.href);
