/**
 * The server of `flopscope serve`: hands any browser the serve page (suite picker, live progress,
 * results table), gives it plans (GET /plan), and takes its results back (POST /results), which
 * are validated with the results schema and written as results JSON under a name it chooses.
 *
 * What keeps it safe to leave running: it binds 127.0.0.1 unless told otherwise; it serves only
 * the page's own files, held in memory by exact name, so no path (`/../`, `%2e%2e`, `%2f`,
 * backslashes) reaches the disk; on loopback it answers only requests whose Host is loopback (a
 * DNS-rebinding page cannot read it); results are accepted only with the per-session token
 * printed on the console (Authorization: Bearer), only as JSON, only up to a size limit; and
 * nothing is written until a body has passed every check.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname } from 'node:path';
import { isExpectedError } from '../errors.js';
import {
  MAX_RESULTS_BYTES,
  type PostedResults,
  type ServeError,
  type ServePlan,
  type ServeSuite,
} from '../protocol/serve.js';
import { formatRunTable } from '../report/table.js';
import { parseResults } from '../results/read.js';
import type { Results } from '../results/schema.js';
import { writeJsonAtomic } from './results-files.js';
import { serveDir } from './paths.js';
import { loadFiles } from './static-server.js';

/** How the server is set up. */
export interface ServeOptions {
  /** Address to bind: 127.0.0.1 by default; anything else exposes the server to the network. */
  host?: string;
  /** Port; 0 picks a free one. */
  port?: number;
  /** GET /suites: what the page offers (the built-in suites and the config's), default first. */
  suites?: () => ServeSuite[];
  /** GET /plan's query as a plan; a UsageError becomes a 400 carrying its message. */
  plan(query: URLSearchParams): ServePlan;
  /** Where accepted results go; must not exist yet (the server never overwrites). */
  resultsPath(results: Results): string;
  /** Told about each accepted or refused post. */
  log(line: string): void;
  /** The token results must carry; a fresh random one when not given. */
  token?: string;
  maxBodyBytes?: number;
  /** The page's files (default: dist/serve). */
  dir?: string;
  /** More files to serve, by URL path (the user's kernels' bundle, /user-kernels.js). */
  extraFiles?: ReadonlyMap<string, { body: Buffer; type: string }>;
}

/** A running serve server. */
export interface ServeHandle {
  /** The address to open, with the token: http://127.0.0.1:PORT/?token=... */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Headers of every answer: nothing cached, sniffed, framed or referred (the page's URL holds the token). */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/** A refusal: status and the reason given to the client. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: ServePlan | PostedResults | ServeError | ServeSuite[],
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra });
  response.end(JSON.stringify(body) + '\n');
}

/** True when the Authorization header carries exactly `token` (compared in constant time). */
function hasToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([0-9A-Za-z_-]{1,256})$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads the body, refusing (413) past `limit` bytes, by Content-Length or as it streams. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new Refusal(413, `the body is ${declared} bytes; at most ${limit} are accepted`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new Refusal(413, `the body is over ${limit} bytes, the most accepted`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!refused) reject(error);
    });
  });
}

/** Starts the server; resolves once it listens. */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limit = options.maxBodyBytes ?? MAX_RESULTS_BYTES;
  const files = new Map([...loadFiles(options.dir ?? serveDir()), ...(options.extraFiles ?? [])]);
  const loopbackOnly = LOOPBACK.has(host);

  const postResults = async (request: IncomingMessage): Promise<PostedResults> => {
    if (!hasToken(request.headers.authorization, token))
      throw new Refusal(403, 'missing or wrong token: open the URL that `flopscope serve` printed, with its ?token=');
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json')
      throw new Refusal(415, `results must be posted as application/json, not ${type || 'no content type'}`);
    const body = await readBody(request, limit);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new Refusal(400, `the body is not JSON (${(error as Error).message})`);
    }
    let results: Results;
    try {
      results = parseResults(json, 'the posted results');
    } catch (error) {
      if (isExpectedError(error)) throw new Refusal(400, error.message);
      throw error;
    }
    const path = options.resultsPath(results);
    if (existsSync(path)) throw new Refusal(409, 'a results file of that name exists already: post again');
    mkdirSync(dirname(path), { recursive: true });
    writeJsonAtomic(path, results);
    options.log(
      `flopscope serve: results of ${results.cases.length} cases on ${results.env.adapter.description || results.env.adapter.vendor || 'an adapter'} written to ${path}`,
    );
    return { file: basename(path), table: formatRunTable(results) };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (loopbackOnly && !LOOPBACK.has(hostHeader))
      throw new Refusal(403, 'this server answers only requests to 127.0.0.1 or localhost');
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://serve.invalid');
    } catch {
      throw new Refusal(400, 'malformed request URL');
    }
    const method = request.method ?? 'GET';
    if (url.pathname === '/results') {
      if (method !== 'POST') throw new Refusal(405, 'POST results here');
      sendJson(response, 201, await postResults(request));
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') throw new Refusal(405, `${method} is not served here`);
    if (url.pathname === '/suites') {
      sendJson(response, 200, options.suites?.() ?? []);
      return;
    }
    if (url.pathname === '/plan') {
      try {
        sendJson(response, 200, options.plan(url.searchParams));
      } catch (error) {
        if (isExpectedError(error)) throw new Refusal(400, error.message);
        throw error;
      }
      return;
    }
    // Exact names only: a path that does not name one of the page's files is not found.
    const file = files.get(url.pathname);
    if (!file) throw new Refusal(404, 'not found');
    response.writeHead(200, { ...COMMON_HEADERS, 'content-type': file.type });
    response.end(method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const refusal = error instanceof Refusal ? error : new Refusal(500, 'internal error');
      if (!(error instanceof Refusal))
        options.log(`flopscope serve: internal error: ${(error as Error).stack ?? String(error)}`);
      else if (request.url?.startsWith('/results'))
        options.log(`flopscope serve: refused a post (${refusal.status}): ${refusal.message}`);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // A refused body is not read further: close the connection rather than drain it.
      sendJson(
        response,
        refusal.status,
        { error: refusal.message },
        request.method === 'POST' ? { connection: 'close' } : {},
      );
      if (request.method === 'POST') request.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard address is opened here as loopback; other machines use this machine's name or address.
  const shownHost =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
