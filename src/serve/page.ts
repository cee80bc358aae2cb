/**
 * The page `flopscope serve` hands to a browser: pick a suite, run it here on this browser's
 * WebGPU with the same runner and the same measuring loop as `flopscope run`
 * (src/runner/cases.ts, src/measure/run.ts), watch each case go by, and post the results back
 * to the host, which validates and writes them and answers with their table.
 *
 * The state is on <body data-state>: idle, running, posted or failed (tests wait on it).
 */
import { isKernel } from '../api/define-kernel.js';
import { KernelRegistry } from '../api/registry.js';
import type { KernelDescriptor } from '../api/types.js';
import { BUILTIN_KERNELS, BUILTIN_REGISTRY } from '../kernels/index.js';
import type { MeasureHooks } from '../measure/measure-cases.js';
import { measureRun, type RunContext } from '../measure/measure-run.js';
import type { PlannedCase } from '../measure/plan.js';
import type { Runner } from '../measure/runner.js';
import type { ProgressEvent } from '../protocol/messages.js';
import type { PostedResults, ServeError, ServePlan, ServeSuite } from '../protocol/serve.js';
import { headlineFigure } from '../report/figures.js';
import { hostFromBrowser } from '../results/machine.js';
import type { Results } from '../results/schema.js';
import { createExecutor } from '../runner/executor.js';
import { describeMachine } from '../runner/machine.js';
import { browserVersion, type BrandVersion } from './browser-version.js';

const TOKEN_KEY = 'flopscope-serve-token';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the serve page has no #${id}`);
  return found as T;
}

function setState(state: 'idle' | 'running' | 'posted' | 'failed'): void {
  document.body.dataset.state = state;
}

function say(id: string, text: string): void {
  element(id).textContent = text;
}

/**
 * The token from ?token= (kept for this tab in sessionStorage, then taken out of the address
 * bar so it is not bookmarked or shared by accident), or null when the page was opened without it.
 */
function takeToken(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Why this page cannot run WebGPU here, or null when it can try. */
function webGpuProblem(): string | null {
  if (!window.isSecureContext) {
    return `this page is not a secure context (${location.origin}), so the browser hides WebGPU: open it as http://127.0.0.1 or http://localhost (an SSH tunnel does that for another machine), or start the browser with --unsafely-treat-insecure-origin-as-secure=${location.origin} (see docs/serve.md)`;
  }
  if (!('gpu' in navigator))
    return 'this browser has no WebGPU (navigator.gpu): use Chrome or Edge 113 or newer, or Safari 26, or enable WebGPU in the browser settings';
  return null;
}

async function fullVersionList(): Promise<BrandVersion[] | null> {
  const data = (
    navigator as Navigator & {
      userAgentData?: { getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: BrandVersion[] }> };
    }
  ).userAgentData;
  try {
    return (await data?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? null;
  } catch {
    return null;
  }
}

/** GET /plan for what the form asks; throws with the host's reason on a 4xx. */
async function fetchPlan(form: { suite: string; sizes: string; peak: boolean; maxTime: string }): Promise<ServePlan> {
  const query = new URLSearchParams({ suite: form.suite, peak: form.peak ? '1' : '0', maxTime: form.maxTime });
  if (form.sizes.trim()) query.set('sizes', form.sizes.trim());
  const response = await fetch(`/plan?${query}`);
  const body = (await response.json()) as ServePlan | ServeError;
  if (!response.ok) throw new Error((body as ServeError).error);
  return body as ServePlan;
}

/** The Runner over this page's own executor: no trip through a protocol, and no peer pages. */
async function pageRunner(onProgress: (event: ProgressEvent) => void, node: string): Promise<Runner> {
  const executor = createExecutor(onProgress);
  const device = await executor.init();
  return {
    device,
    browser: {
      version: browserVersion(await fullVersionList(), navigator.userAgent),
      userAgent: device.userAgent,
      executable: null,
      source: 'serve',
      flags: [],
      endpoint: location.origin,
    },
    machine: hostFromBrowser(await describeMachine(), node),
    prepare: (program) =>
      program.peer
        ? Promise.resolve({
            ok: false,
            failure: {
              status: 'unsupported',
              message: `${program.peer.kernel} runs on its own page (${program.peer.page}), which the serve page does not open: run it with \`flopscope run\``,
            },
          })
        : executor.prepare(program),
    time: (handle, timing) => executor.time(handle, timing),
    timeInterleaved: (handles, timing) => executor.timeInterleaved(handles, timing),
    release: (handle) => executor.release(handle),
    close: async () => undefined,
  };
}

/**
 * The kernels the plan names: the built-in ones, and the user's when the plan has their shaders:
 * their modules from /user-kernels.js (bundled by the host), each shader put in place as the
 * host read it.
 */
async function kernelsOf(plan: ServePlan): Promise<KernelRegistry> {
  if (!plan.shaders) return BUILTIN_REGISTRY;
  const modules = (await import(/* @vite-ignore */ new URL('/user-kernels.js', location.origin).href)) as Record<
    string,
    Record<string, unknown>
  >;
  const user: KernelDescriptor[] = [];
  for (const module of Object.values(modules)) {
    for (const value of Object.values(module)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (!isKernel(item) || user.includes(item)) continue;
        const shader = plan.shaders[item.name];
        if (!shader) continue;
        item.shader = shader.code;
        item.source = {
          file: shader.file,
          pending: null,
          hash: shader.hash ?? undefined,
          module: shader.module ?? undefined,
        };
        user.push(item);
      }
    }
  }
  return new KernelRegistry(BUILTIN_KERNELS, user);
}

/**
 * Runs the plan on this browser's adapter, through the same core as `flopscope run`, and returns the complete
 * results.
 */
async function runInPage(plan: ServePlan, onProgress: (event: ProgressEvent) => void): Promise<Results> {
  const runner = await pageRunner(onProgress, plan.node);
  const { device } = runner;
  say(
    'adapter',
    `Adapter: ${device.adapter.description || `${device.adapter.vendor} ${device.adapter.architecture}`}; ${runner.browser.version}`,
  );
  const list = element<HTMLOListElement>('cases');
  let current = '';
  const hooks: MeasureHooks = {
    caseStarted: (index, total, label) => {
      current = `[${index}/${total}] ${label}`;
      say('status', `${current} ...`);
    },
    caseProgress: onProgress,
    caseFinished: (record) => {
      const item = document.createElement('li');
      item.className = record.status;
      const config = Object.entries(record.params)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      item.textContent = `${current} ${config}: ${record.status === 'ok' ? headlineFigure(record) : `${record.status.toUpperCase()}: ${record.message ?? ''}`}`;
      list.append(item);
    },
    save: () => undefined,
    log: (line) => say('status', line),
  };
  const registry = await kernelsOf(plan);
  const cases: PlannedCase[] = plan.cases.map((c) => ({
    kernel: registry.get(c.kernel),
    shape: c.shape,
    params: c.params,
  }));
  // The CPU behind a software adapter is unknown to a page: no CPU estimate (the results say why).
  const context: RunContext = { harness: plan.harness, host: runner.machine!, cpu: null };
  return measureRun(
    runner,
    {
      cases,
      suite: { name: plan.suite, sizes: plan.sizes },
      timing: plan.timing,
      seed: plan.seed,
      maxCheckedElements: plan.maxCheckedElements,
      measurePeak: plan.measurePeak,
      peakRequest: {},
    },
    context,
    hooks,
  );
}

/** POST /results; the host's answer, or an error with its reason. */
async function post(results: Results, token: string): Promise<PostedResults> {
  const response = await fetch('/results', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(results),
  });
  const body = (await response.json()) as PostedResults | ServeError;
  if (!response.ok) throw new Error(`the host refused the results (${response.status}): ${(body as ServeError).error}`);
  return body as PostedResults;
}

async function start(): Promise<void> {
  const token = takeToken();
  const suite = element<HTMLSelectElement>('suite');
  // The host's suites (built in, and its config's), its default first.
  const suites = (await (await fetch('/suites')).json()) as ServeSuite[];
  for (const entry of suites) suite.append(new Option(`${entry.name}: ${entry.description}`, entry.name));
  const button = element<HTMLButtonElement>('run');
  const problem =
    webGpuProblem() ??
    (token
      ? null
      : 'this page was opened without its token: open the URL that `flopscope serve` printed (it ends in ?token=...)');
  if (problem) {
    say('problem', problem);
    button.disabled = true;
    setState('failed');
    return;
  }
  setState('idle');
  element<HTMLFormElement>('form').addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    setState('running');
    element('cases').replaceChildren();
    say('problem', '');
    say('saved', '');
    say('table', '');
    const form = {
      suite: suite.value,
      sizes: element<HTMLInputElement>('sizes').value,
      peak: element<HTMLInputElement>('peak').checked,
      maxTime: element<HTMLSelectElement>('max-time').value,
    };
    void (async () => {
      try {
        const plan = await fetchPlan(form);
        const results = await runInPage(plan, (progress) =>
          say('phase', `${progress.phase}${progress.samples !== undefined ? ` (${progress.samples} samples)` : ''}`),
        );
        say('status', `Measured ${results.cases.length} cases; sending them to the host...`);
        say('phase', '');
        const saved = await post(results, token!);
        say('status', `Done: ${results.cases.length} cases.`);
        say('saved', `Saved by the host as ${saved.file}.`);
        say('table', saved.table);
        setState('posted');
      } catch (error) {
        say('problem', (error as Error).message ?? String(error));
        setState('failed');
      } finally {
        button.disabled = false;
      }
    })();
  });
}

void start();
