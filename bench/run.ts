// `npm run bench`: public pages of the demo commune under load (home, an actualité, the agenda),
// served from the page cache, then the home page with the cache off, against nginx serving the
// same bytes from disk (the ceiling of this machine). Starts the real server as `npm start` does
// (compiled to dist/) on a fresh data dir, and stops everything it started, even on error or Ctrl-C.
//
//   npm run bench -- [--engine sqlite|postgres] [--duration 10] [--connections 32] [--threads 2]
//                    [--warmup 6] [--nginx-workers 1] [--tool auto|wrk|autocannon] [--workers auto]
//
// The cached pages are measured on one clocher process against one nginx worker (`--nginx-workers`),
// then on `--workers` processes (CLOCHER_WORKERS, default: one per core) against as many nginx
// workers; each clocher page is followed at once by the same bytes from nginx, so that a ratio is
// taken from two measures a few seconds apart. The page cache off: one process, then `--workers`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PG_ADMIN_URL, pgAdmin } from './fixtures.js';
import { chooseLoadTool, type LoadOptions, type LoadResult, measure, stopRunningLoad } from './load.js';
import {
  builtServer,
  type Child,
  ensureNginx,
  freePort,
  NGINX_PATH,
  nginxConfig,
  residentMemory,
  startChild,
  stopChild,
  waitForOk,
} from './processes.js';

const root = path.resolve(import.meta.dirname, '..');

interface Options extends LoadOptions {
  engine: 'sqlite' | 'postgres';
  warmupSeconds: number;
  nginxWorkers: string;
  /** Web processes for the second page-cache-off run. */
  workers: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'sqlite' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      threads: { type: 'string', default: '2' },
      // Longer than the page cache's settling time (5 s) so that measured pages come from it.
      warmup: { type: 'string', default: '6' },
      'nginx-workers': { type: 'string', default: '1' },
      tool: { type: 'string', default: 'auto' },
      workers: { type: 'string', default: 'auto' },
    },
  });
  const positive = (name: string, text: string) => {
    const n = Number(text.replace(/s$/, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got ${text})`);
    return n;
  };
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') {
    throw new Error(`--engine must be sqlite or postgres (got ${values.engine})`);
  }
  if (!/^(auto|\d+)$/.test(values['nginx-workers'])) throw new Error('--nginx-workers must be a number or auto');
  if (!/^(auto|\d+)$/.test(values.workers)) throw new Error('--workers must be a number or auto');
  return {
    engine: values.engine,
    tool: chooseLoadTool(values.tool),
    durationSeconds: positive('duration', values.duration),
    connections: positive('connections', values.connections),
    threads: positive('threads', values.threads),
    warmupSeconds: positive('warmup', values.warmup),
    nginxWorkers: values['nginx-workers'],
    workers: values.workers === 'auto' ? os.availableParallelism() : positive('workers', values.workers),
  };
}

/** Things to undo at the end, in reverse order. */
const cleanups: { label: string; run: () => Promise<void> | void }[] = [];

async function cleanUp(): Promise<void> {
  stopRunningLoad();
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step.run();
    } catch (error) {
      console.error(`bench: could not ${step.label}: ${(error as Error).message}`);
    }
  }
}

/** The bench's PostgreSQL database (`--engine postgres`), created empty by main. */
const PG_DATABASE = `clocher_bench_${process.pid}`;

async function startClocher(
  o: Options,
  dir: string,
  pageCache = true,
  workers = 1,
): Promise<{ child: Child; url: string }> {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('CLOCHER_')),
  );
  if (o.engine === 'postgres') {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${PG_DATABASE}`;
    env.CLOCHER_DATABASE_URL = url.toString();
  }
  const port = await freePort();
  Object.assign(env, {
    NODE_ENV: 'production',
    CLOCHER_DATA_DIR: path.join(dir, 'data'),
    CLOCHER_HOST: '127.0.0.1',
    CLOCHER_PORT: String(port),
    CLOCHER_LOG_LEVEL: 'warn',
    CLOCHER_DEMO: 'true',
    CLOCHER_PAGE_CACHE: pageCache ? 'true' : 'false',
    CLOCHER_WORKERS: String(workers),
  });
  const child = startChild('clocher', process.execPath, builtServer(root), { cwd: root, env });
  cleanups.push({ label: 'stop the clocher server', run: () => stopChild(child) });
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/readyz`, child);
  return { child, url };
}

interface Target {
  name: string;
  path: string;
  bytes: Buffer;
}

async function startNginx(dir: string, targets: Target[], workers: string): Promise<{ child: Child; url: string }> {
  ensureNginx();
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'www'), { recursive: true, mode: 0o755 });
  for (const t of targets) fs.writeFileSync(path.join(dir, 'www', `${t.name}.html`), t.bytes, { mode: 0o644 });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port, workers));
  const args = ['-p', dir, '-e', path.join(dir, 'nginx-error.log'), '-c', conf];
  const child = startChild('nginx', NGINX_PATH, args, { cwd: dir, env: process.env });
  // SIGQUIT: graceful stop of the master and its workers.
  cleanups.push({ label: 'stop nginx', run: () => stopChild(child, 'SIGQUIT') });
  const url = `http://127.0.0.1:${port}`;
  for (const t of targets) {
    await waitForOk(`${url}/${t.name}.html`, child, 10_000);
    const served = Buffer.from(await (await fetch(`${url}/${t.name}.html`)).arrayBuffer());
    if (!served.equals(t.bytes)) throw new Error(`nginx does not serve the exact bytes of ${t.path}`);
  }
  return { child, url };
}

async function warmUpAndMeasure(name: string, url: string, o: Options): Promise<LoadResult> {
  console.log(`${name}: warm-up ${o.warmupSeconds} s, then ${o.durationSeconds} s with ${o.connections} connections…`);
  await measure(url, { ...o, durationSeconds: o.warmupSeconds });
  const result = await measure(url, o);
  if (result.errors > 0) console.warn(`${name}: ${result.errors} errors or non-2xx answers during the run`);
  return result;
}

interface PageFigures {
  target: Target;
  clocher: LoadResult;
  nginx: LoadResult;
}

/** The cached pages measured with `processes` clocher processes against `nginxWorkers` nginx workers. */
interface CachedSetup {
  processes: number;
  nginxWorkers: string;
  pages: PageFigures[];
}

function printTable(
  o: Options,
  setups: CachedSetup[],
  uncached: LoadResult,
  uncachedWorkers: LoadResult | undefined,
  memory: ReturnType<typeof residentMemory>,
) {
  const f = (n: number, digits = 2) => n.toFixed(digits);
  console.log(
    `\nengine ${o.engine}, ${uncached.tool} ${o.threads} threads, ${o.connections} connections, ${o.durationSeconds} s ` +
      `per page; node ${process.version}, ${os.cpus().length} CPUs`,
  );
  const header = ['page', 'bytes', 'clocher req/s', 'p50 ms', 'p99 ms', 'nginx req/s', 'p50 ms', 'p99 ms', 'ratio'];
  for (const setup of setups) {
    const processes = setup.processes === 1 ? 'one clocher process' : `CLOCHER_WORKERS=${setup.processes}`;
    console.log(`\n  page cache on, ${processes} against nginx with ${setup.nginxWorkers} worker(s):`);
    const rows = setup.pages.map((p) => [
      p.target.path,
      String(p.target.bytes.length),
      f(p.clocher.requestsPerSecond, 0),
      f(p.clocher.p50Ms),
      f(p.clocher.p99Ms),
      f(p.nginx.requestsPerSecond, 0),
      f(p.nginx.p50Ms),
      f(p.nginx.p99Ms),
      f(p.clocher.requestsPerSecond / p.nginx.requestsPerSecond, 3),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    for (const r of [header, ...rows]) console.log(`  ${r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}`);
  }
  console.log(
    `\n  home page with the page cache off, one process: ${f(uncached.requestsPerSecond, 0)} req/s, p50 ${f(uncached.p50Ms)} ms, p99 ${f(uncached.p99Ms)} ms`,
  );
  if (uncachedWorkers) {
    console.log(
      `  home page with the page cache off, CLOCHER_WORKERS=${o.workers}: ${f(uncachedWorkers.requestsPerSecond, 0)} req/s, p50 ${f(uncachedWorkers.p50Ms)} ms, p99 ${f(uncachedWorkers.p99Ms)} ms`,
    );
  }
  console.log(
    `  clocher RSS after the cached run on one process: ${memory ? `${f(memory.rssMiB, 1)} MiB (peak ${f(memory.peakMiB, 1)} MiB)` : 'n/a'}`,
  );
  const errors = [
    ...setups.flatMap((s) => s.pages.flatMap((p) => [p.clocher.errors, p.nginx.errors])),
    uncached.errors,
    uncachedWorkers?.errors ?? 0,
  ].reduce((a, b) => a + b, 0);
  console.log(`  errors or non-2xx answers: ${errors}`);
}

async function fetchPage(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The home page, an actualité and the agenda, with the bytes the server sends for them. */
async function pickTargets(url: string): Promise<Target[]> {
  const list = (await fetchPage(`${url}/actualites`)).toString();
  const article = /href="(\/actualites\/[a-z0-9-]+)"/.exec(list)?.[1];
  if (!article) throw new Error('no actualité found on /actualites');
  const targets: Target[] = [];
  for (const [name, p] of [
    ['home', '/'],
    ['actualite', article],
    ['agenda', '/agenda'],
  ] as const) {
    targets.push({ name, path: p, bytes: await fetchPage(`${url}${p}`) });
  }
  return targets;
}

/**
 * The cached pages on `processes` clocher processes, each followed at once by nginx serving the
 * same bytes with `nginxWorkers` workers. Returns the figures and, for one process, its memory.
 */
async function measureCached(
  o: Options,
  dir: string,
  processes: number,
  nginxWorkers: string,
): Promise<{ setup: CachedSetup; memory: ReturnType<typeof residentMemory> }> {
  const clocher = await startClocher(o, dir, true, processes);
  const targets = await pickTargets(clocher.url);
  const nginxDir = path.join(dir, `nginx-${processes}`);
  // nginx's workers drop root privileges: they must be able to reach the pages from the temp dir.
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(nginxDir);
  const nginx = await startNginx(nginxDir, targets, nginxWorkers);
  const pages: PageFigures[] = [];
  for (const t of targets) {
    const label = processes === 1 ? 'clocher' : `clocher (${processes} workers)`;
    const clocherResult = await warmUpAndMeasure(`${label} ${t.path}`, `${clocher.url}${t.path}`, o);
    const nginxResult = await warmUpAndMeasure(
      `nginx (${nginxWorkers} worker(s)) ${t.path}`,
      `${nginx.url}/${t.name}.html`,
      o,
    );
    pages.push({ target: t, clocher: clocherResult, nginx: nginxResult });
  }
  const memory = processes === 1 ? residentMemory(clocher.child.proc.pid) : undefined;
  await stopChild(nginx.child, 'SIGQUIT');
  await stopChild(clocher.child);
  return { setup: { processes, nginxWorkers, pages }, memory };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-'));
  cleanups.push({ label: `remove ${dir}`, run: () => fs.rmSync(dir, { recursive: true, force: true }) });
  console.log(`bench: engine ${o.engine}, load tool ${o.tool}, temp dir ${dir}`);

  if (o.engine === 'postgres') {
    await pgAdmin(`drop database if exists ${PG_DATABASE} with (force)`);
    await pgAdmin(`create database ${PG_DATABASE}`);
    cleanups.push({
      label: `drop database ${PG_DATABASE}`,
      run: () => pgAdmin(`drop database if exists ${PG_DATABASE} with (force)`),
    });
  }
  // A first start creates the database and seeds the demo commune: the measured servers start on it
  // as a production server does, without the seeding's memory in their figures.
  await stopChild((await startClocher(o, dir)).child);
  const single = await measureCached(o, dir, 1, o.nginxWorkers);
  const setups = [single.setup];
  if (o.workers > 1) setups.push((await measureCached(o, dir, o.workers, String(o.workers))).setup);

  const uncachedServer = await startClocher(o, dir, false);
  const uncached = await warmUpAndMeasure('clocher / (page cache off)', `${uncachedServer.url}/`, o);
  await stopChild(uncachedServer.child);
  let uncachedWorkers: LoadResult | undefined;
  if (o.workers > 1) {
    const server = await startClocher(o, dir, false, o.workers);
    uncachedWorkers = await warmUpAndMeasure(`clocher / (page cache off, ${o.workers} workers)`, `${server.url}/`, o);
    await stopChild(server.child);
  }
  printTable(o, setups, uncached, uncachedWorkers, single.memory);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`bench: ${signal}, stopping everything`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  if (!interrupted) console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
