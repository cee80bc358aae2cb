/**
 * The loopback static server the runner page is loaded from: WebGPU needs a secure context,
 * and http://127.0.0.1 is one (file:// and about:blank are not). It serves only the files of
 * the bundled runner, by exact name, so no request can reach anything else on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  // WebAssembly.instantiateStreaming() accepts only this type (ONNX Runtime Web's .wasm).
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** A running static server and its URL. */
export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A file held in memory to be served, with its content type. */
export interface ServedFile {
  body: Buffer;
  type: string;
}

/** Reads every file of `dir` (not its subfolders) into memory, keyed by URL path; '/' is index.html. */
export function loadFiles(dir: string): Map<string, ServedFile> {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    throw new EnvironmentError(
      `the runner page is not built (${dir} is missing): run \`npm run build\` in the flopscope folder`,
    );
  }
  if (!names.includes('index.html')) {
    throw new EnvironmentError(
      `the runner page is not built (${join(dir, 'index.html')} is missing): run \`npm run build\``,
    );
  }
  const files = new Map<string, ServedFile>();
  for (const name of names) {
    files.set(`/${name}`, {
      body: readFileSync(join(dir, name)),
      type: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    });
  }
  files.set('/', files.get('/index.html')!);
  return files;
}

/** Serves the files of `dir` on 127.0.0.1 at a free port. */
export async function serveStatic(dir: string, host = '127.0.0.1'): Promise<StaticServer> {
  const files = loadFiles(dir);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = request.method === 'GET' || request.method === 'HEAD' ? files.get(path) : undefined;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': file.type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
