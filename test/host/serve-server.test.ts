/**
 * The serve server over HTTP, without a browser: what it serves, the plans it gives, the results
 * it takes, and everything it refuses (wrong token, oversized or malformed bodies, paths out of
 * its folder), each refusal leaving nothing written.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromQuery, servedResultsPath } from '../../src/cli/serve.js';
import { caseRecord } from '../../src/results/derive.js';
import { getKernel } from '../../src/kernels/index.js';
import { startServe, type ServeHandle } from '../../src/host/serve-server.js';
import { planCases } from '../../src/measure/plan.js';
import type { ServePlan } from '../../src/protocol/serve.js';
import type { Results } from '../../src/results/schema.js';
import { tempDir } from '../helpers/cli.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

/** A results file with one measured matmul case, as the serve page posts it. */
function postedResults(): Results {
  const results = emptyResults();
  results.env.browser = {
    version: 'Chrome/156.0.8078.79',
    userAgent: 'test',
    executable: null,
    source: 'serve',
    flags: [],
    endpoint: 'http://127.0.0.1:1',
  };
  results.env.host = {
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'unknown',
    logicalCores: 2,
    memoryBytes: null,
    node: 'v20',
    reportedBy: 'browser',
  };
  const kernel = getKernel('matmul-naive');
  results.cases.push(
    caseRecord(kernel, kernel.shapeFromSize(64), kernel.defaultParams, 'benchmark', okOutcome([2, 2.1, 1.9]), {
      measured: results.peaks.measured,
      reference: null,
    }),
  );
  return results;
}

/** A raw request on a socket: the path goes out byte for byte, as no HTTP client would send it. */
function rawGet(origin: string, path: string, host = new URL(origin).host): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        body: text.slice(text.indexOf('\r\n\r\n') + 4),
      }),
    );
    socket.on('error', reject);
  });
}

/** POST /results with the given token (null: no Authorization header) and body. */
async function post(
  handle: ServeHandle,
  body: string,
  token: string | null = handle.token,
  type = 'application/json',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': type };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${handle.origin}/results`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('flopscope serve over HTTP', () => {
  const outDir = tempDir();
  const log: string[] = [];
  let handle: ServeHandle;

  beforeAll(async () => {
    handle = await startServe({
      plan: planFromQuery,
      resultsPath: (results) => servedResultsPath(results, outDir),
      log: (line) => log.push(line),
    });
  });
  afterAll(async () => {
    await handle?.close();
  });

  describe('serving', () => {
    it('listens on loopback and prints a URL with a fresh 32-character token', () => {
      expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
      expect(handle.url).toBe(`${handle.origin}/?token=${handle.token}`);
    });

    it('serves the page with headers that keep the token in it', async () => {
      const response = await fetch(`${handle.origin}/?token=${handle.token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<script type="module" src="/serve.js">');
      expect((await fetch(`${handle.origin}/serve.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    });

    it('gives a checked plan: the quick suite at 64 without peaks, 300 ms a case', async () => {
      const response = await fetch(`${handle.origin}/plan?suite=quick&sizes=64&peak=0&maxTime=300ms`);
      expect(response.status).toBe(200);
      const plan = (await response.json()) as ServePlan;
      expect(plan).toMatchObject({ suite: 'quick', sizes: [64], measurePeak: false, seed: 1, node: process.version });
      // The quick suite's kernels, each at 64x64x64 in its tuned configuration, as `run --suite quick --sizes
      // 64` plans them.
      expect(plan.cases).toEqual(
        planCases({ suite: 'quick', sizes: [64] }).map(({ kernel, shape, params }) => ({
          kernel: kernel.name,
          shape,
          params,
        })),
      );
      expect(plan.cases).toContainEqual({
        kernel: 'matmul-naive',
        shape: { m: 64, n: 64, k: 64, batch: 1 },
        params: { WG_X: 16, WG_Y: 16 },
      });
      expect(plan.cases.every((c) => c.shape.m === 64 && c.shape.n === 64 && c.shape.k === 64)).toBe(true);
      expect(plan.timing.maxTimeMs).toBe(300);
      expect(plan.harness.version).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it.each([
      ['suite=nope', /unknown suite "nope"/],
      ['sizes=-3', /is not a positive whole number/],
      ['peak=maybe', /peak=maybe/],
      ['maxTime=soon', /is not a duration/],
      ['frob=1', /unknown plan parameter "frob"/],
      ['suite=bert-base', /bert-base is a model workload, which the serve page does not run yet/],
    ])('refuses the plan %s with a 400 saying why', async (query, reason) => {
      const response = await fetch(`${handle.origin}/plan?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(reason);
    });

    it('answers 405 to methods it does not take', async () => {
      expect((await fetch(`${handle.origin}/results`)).status).toBe(405);
      expect((await fetch(`${handle.origin}/`, { method: 'PUT', body: 'x' })).status).toBe(405);
      expect((await fetch(`${handle.origin}/plan`, { method: 'DELETE' })).status).toBe(405);
    });

    it('answers only requests addressed to loopback (no DNS rebinding)', async () => {
      expect((await rawGet(handle.origin, '/', 'attacker.example:80')).status).toBe(403);
      expect((await rawGet(handle.origin, '/', `localhost:${new URL(handle.origin).port}`)).status).toBe(200);
    });
  });

  describe('never a file outside its folder', () => {
    // dist/serve's neighbours: the CLI bundle and the runner one folder up, package.json three up.
    const traversals = [
      '/../cli.js',
      '/../../package.json',
      '/../../../../../../etc/passwd',
      '/%2e%2e/cli.js',
      '/%2E%2E/%2E%2E/package.json',
      '/.%2e/.%2e/package.json',
      '/..%2fcli.js',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/%252e%252e/%252e%252e/package.json',
      '/..%252fcli.js',
      '/..\\..\\package.json',
      '/%5c..%5c..%5cpackage.json',
      '/serve.js/../../cli.js',
      '/runner/runner.js',
      '/../runner/runner.js',
      '//etc/passwd',
      '/index.html%00.js',
      'http://127.0.0.1/../../package.json',
    ];
    it.each(traversals)('%s is not found', async (path) => {
      const response = await rawGet(handle.origin, path);
      expect([400, 404]).toContain(response.status);
      expect(response.body).not.toMatch(/"name": "flopscope"|root:x:0|createRunner|#!\/usr\/bin\/env node/);
    });
  });

  describe('posted results', () => {
    it('writes valid results under a name of its own and answers with their table', async () => {
      const before = readdirSync(outDir);
      const results = postedResults();
      const { status, json } = await post(handle, JSON.stringify(results));
      expect(status, JSON.stringify(json)).toBe(201);
      expect(json.file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-swiftshader-device-subzero-serve\.json$/);
      expect(json.table).toMatch(/matmul-naive\s.*64x64x64.*\bok\b/);
      expect(readdirSync(outDir)).toEqual([...before, json.file].sort());
      expect(JSON.parse(readFileSync(join(outDir, json.file as string), 'utf8'))).toEqual(results);
      expect(log.at(-1)).toMatch(/results of 1 cases on SwiftShader Device \(Subzero\) written to/);
    });

    it('never takes its name from the results: a path in the adapter name stays a slug in the folder', async () => {
      const before = readdirSync(outDir);
      const results = postedResults();
      results.env.adapter.description = '../../../tmp/evil/../x';
      const { status, json } = await post(handle, JSON.stringify(results));
      expect(status).toBe(201);
      expect(json.file).toMatch(/^[\w-]+-tmp-evil-x-serve\.json$/);
      expect(readdirSync(outDir)).toEqual([...before, json.file].sort());
    });
  });

  describe('refused posts leave nothing written', () => {
    const refusalDir = tempDir();
    let refusing: ServeHandle;
    beforeAll(async () => {
      refusing = await startServe({
        plan: planFromQuery,
        resultsPath: (results) => servedResultsPath(results, refusalDir),
        log: () => undefined,
        maxBodyBytes: 64 * 1024,
      });
    });
    afterAll(async () => {
      expect(readdirSync(refusalDir)).toEqual([]);
      await refusing?.close();
    });
    const valid = () => JSON.stringify(postedResults());

    it('refuses a wrong token with 403', async () => {
      const { status, json } = await post(refusing, valid(), 'A'.repeat(32));
      expect(status).toBe(403);
      expect(json.error).toMatch(/missing or wrong token/);
    });

    it('refuses a missing token, a token of the wrong length and a token in the URL', async () => {
      expect((await post(refusing, valid(), null)).status).toBe(403);
      expect((await post(refusing, valid(), refusing.token.slice(0, -1))).status).toBe(403);
      expect((await post(refusing, valid(), `${refusing.token}x`)).status).toBe(403);
      const inUrl = await fetch(`${refusing.origin}/results?token=${refusing.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: valid(),
      });
      expect(inUrl.status).toBe(403);
    });

    it("refuses another server's token", async () => {
      expect((await post(refusing, valid(), handle.token)).status).toBe(403);
    });

    it('refuses a body over the limit by its Content-Length with 413', async () => {
      const { status, json } = await post(refusing, ' '.repeat(64 * 1024 + 1));
      expect(status).toBe(413);
      expect(json.error).toMatch(/at most 65536 are accepted/);
    });

    it('refuses a chunked body once it passes the limit with 413', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(refusing.origin);
        const request = httpRequest(
          {
            host: hostname,
            port,
            method: 'POST',
            path: '/results',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${refusing.token}` },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        // No Content-Length: 80 KiB in 8 KiB chunks, past the 64 KiB limit.
        for (let i = 0; i < 10; i++) request.write(Buffer.alloc(8 * 1024, 0x20));
        request.end();
      });
      expect(status).toBe(413);
    });

    it('refuses the default 16 MiB limit plus one byte', async () => {
      const { status } = await post(handle, ' '.repeat(16 * 2 ** 20 + 1));
      expect(status).toBe(413);
    });

    it.each([
      ['truncated JSON', '{"schema": "flopscope/results@1", "cases": [', /the body is not JSON/],
      ['an empty body', '', /the body is not JSON/],
      ['JSON that is not results', '{"hello": "world"}', /not a flopscope results file/],
      ['results of another schema version', '{"schema": "flopscope/results@9"}', /has schema flopscope\/results@9/],
    ])('refuses %s with 400', async (_, body, reason) => {
      const { status, json } = await post(refusing, body);
      expect(status).toBe(400);
      expect(json.error).toMatch(reason);
    });

    it('refuses results that break the schema with 400 naming where', async () => {
      const results = postedResults() as unknown as { cases: { gflops: unknown }[] };
      results.cases[0]!.gflops = 'fast';
      const { status, json } = await post(refusing, JSON.stringify(results));
      expect(status).toBe(400);
      expect(json.error).toMatch(/at cases\.0\.gflops/);
    });

    it('refuses a body that is not declared JSON with 415 (no cross-site form can post here)', async () => {
      expect((await post(refusing, valid(), refusing.token, 'text/plain')).status).toBe(415);
      expect((await post(refusing, valid(), refusing.token, 'application/x-www-form-urlencoded')).status).toBe(415);
    });
  });
});
