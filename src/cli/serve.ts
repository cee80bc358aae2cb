/** `flopscope serve`: any browser runs a suite from a served page, and its results come back here as results JSON. */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { EnvironmentError, UsageError } from '../errors.js';
import { harnessIdentity } from '../host/environment.js';
import { startServe } from '../host/serve-server.js';
import { SUITES } from '../suites/suites.js';
import { builtinConfig, loadConfig, type LoadedConfig } from '../host/config-loader.js';
import { bundleUserKernels, userShaders } from '../host/serve-kernels.js';
import { allSuites, defaultSuiteName, findWorkload, planCases } from '../measure/plan.js';
import type { ServePlan, ServeSuite } from '../protocol/serve.js';
import type { Results } from '../results/schema.js';
import { assertWritable } from '../host/results-files.js';
import { parseDurationMs, parseNames, parseSizes } from './arguments.js';
import {
  DEFAULT_SEED,
  DEFAULT_TIMING,
  MAX_CHECKED_ELEMENTS,
  RESULTS_DIR,
  SERVE_HOST,
  SERVE_PORT,
} from '../measure/defaults.js';
import { defaultResultsPath } from './results-path.js';
import { withConfigOption } from './measurement.js';
import { logLine, writeStdout } from './output.js';

/** The query keys GET /plan takes. */
const PLAN_KEYS = new Set(['suite', 'kernel', 'sizes', 'peak', 'maxTime']);

/** GET /plan?suite=quick&sizes=64&peak=0&maxTime=300ms as a checked plan; a UsageError (400) for anything off. */
export function planFromQuery(query: URLSearchParams, config: LoadedConfig = builtinConfig()): ServePlan {
  for (const key of query.keys()) {
    if (!PLAN_KEYS.has(key)) throw new UsageError(`unknown plan parameter "${key}": use ${[...PLAN_KEYS].join(', ')}`);
  }
  const suite = query.get('suite') || undefined;
  const kernels = query.has('kernel') ? parseNames(query.getAll('kernel')) : undefined;
  const sizes = query.get('sizes') ? parseSizes(query.getAll('sizes')) : undefined;
  const peak = query.get('peak') ?? '1';
  if (peak !== '0' && peak !== '1')
    throw new UsageError(`peak=${peak}: give peak=1 to measure the peaks first, peak=0 not to`);
  const maxTime = query.get('maxTime');
  if (findWorkload(suite)) {
    throw new UsageError(
      `${suite} is a model workload, which the serve page does not run yet: pick one of ${SUITES.map((s) => s.name).join(', ')}, or run it with \`flopscope run --suite ${suite}\``,
    );
  }
  const cases = planCases({ suite, kernels, sizes }, config);
  const shaders = userShaders(config);
  return {
    suite: kernels && !suite ? null : (suite ?? defaultSuiteName(config)),
    sizes: sizes ?? null,
    cases: cases.map(({ kernel, shape, params }) => ({ kernel: kernel.name, shape, params })),
    timing: { ...DEFAULT_TIMING, ...(maxTime ? { maxTimeMs: parseDurationMs(maxTime, 'maxTime') } : {}) },
    seed: DEFAULT_SEED,
    maxCheckedElements: MAX_CHECKED_ELEMENTS,
    measurePeak: peak === '1',
    ...(Object.keys(shaders ?? {}).length > 0 ? { shaders } : {}),
    harness: harnessIdentity(),
    node: process.version,
  };
}

/** The suites the page offers: the config's default first, then the rest (model workloads are not run by the page). */
export function serveSuites(config: LoadedConfig): ServeSuite[] {
  const suites = allSuites(config).map(({ name, description }) => ({ name, description }));
  const first = defaultSuiteName(config);
  return [...suites.filter((s) => s.name === first), ...suites.filter((s) => s.name !== first)];
}

/**
 * results/<date>-<adapter>-serve.json: the host's name for posted results (only the adapter's [a-z0-9-] slug
 * comes from them).
 */
export function servedResultsPath(results: Results, dir: string, now = new Date()): string {
  const { env } = results;
  return defaultResultsPath(
    {
      userAgent: env.browser.userAgent,
      adapter: env.adapter,
      features: env.features,
      limits: env.limits,
      timestampQuery: env.features.includes('timestamp-query'),
    },
    now,
    dir,
    '-serve',
  );
}

/** Resolves on Ctrl-C or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Registers `serve` on a yargs instance. */
export function registerServe<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'serve',
    'serve the runner to any browser: it picks a suite, shows progress and results, and posts them back here',
    (y) =>
      withConfigOption(y)
        .option('port', { type: 'number', default: SERVE_PORT, describe: 'port to listen on (0: a free one)' })
        .option('host', {
          type: 'string',
          default: SERVE_HOST,
          describe: 'address to bind; anything but loopback opens it to the network (see docs/serve.md)',
        })
        .option('out-dir', {
          type: 'string',
          default: RESULTS_DIR,
          describe: 'folder the posted results are written to',
        })
        .example('$0 serve', 'prints http://127.0.0.1:PORT/?token=...: open it in a browser with WebGPU')
        .example(
          '$0 serve --host 0.0.0.0 --port 8377',
          'for a browser on another machine (it needs a secure context: docs/serve.md)',
        ),
    async (args) => {
      if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
        throw new UsageError(`--port ${args.port} is not a port: give a whole number from 0 (any free port) to 65535`);
      const outDir = args['out-dir'];
      assertWritable(join(outDir, 'serve.json'));
      const config = await loadConfig({ path: args.config });
      const bundle = await bundleUserKernels(config);
      let handle;
      try {
        handle = await startServe({
          host: args.host,
          port: args.port,
          plan: (query) => planFromQuery(query, config),
          suites: () => serveSuites(config),
          ...(bundle
            ? {
                extraFiles: new Map([
                  ['/user-kernels.js', { body: Buffer.from(bundle), type: 'text/javascript; charset=utf-8' }],
                ]),
              }
            : {}),
          resultsPath: (results) => servedResultsPath(results, outDir),
          log: logLine,
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!code || !/^E[A-Z]+$/.test(code)) throw error;
        throw new EnvironmentError(
          `cannot listen on ${args.host}:${args.port} (${code}): choose another --port, or a --host this machine has`,
        );
      }
      await writeStdout(`${handle.url}\n`);
      logLine(`flopscope serve: open the URL above in a browser with WebGPU; results go to ${outDir}/. Ctrl-C stops.`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(args.host)) {
        logLine(
          `flopscope serve: listening on ${args.host}: from another machine use this machine's address; over plain http that page is not a secure context, so WebGPU needs an SSH tunnel (ssh -L ${new URL(handle.origin).port}:localhost:${new URL(handle.origin).port}) or the browser flag --unsafely-treat-insecure-origin-as-secure=http://<address>:${new URL(handle.origin).port} (docs/serve.md)`,
        );
      }
      await untilStopped();
      await handle.close();
    },
  );
}
