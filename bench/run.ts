// `npm run bench`: the public home page of the demo commune under load, against nginx serving the
// same bytes from disk (the ceiling of this machine). Starts the real server (`node --import tsx
// src/server.ts`) on a fresh data dir, and stops everything it started, even on error or Ctrl-C.
//
//   npm run bench -- [--engine sqlite|postgres] [--duration 10] [--connections 32] [--threads 2]
//                    [--warmup 3] [--nginx-workers 1] [--tool auto|wrk|autocannon]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chooseLoadTool, type LoadOptions, type LoadResult, measure, stopRunningLoad } from './load.js';
import {
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
const PG_ADMIN_URL = process.env.CLOCHER_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Options extends LoadOptions {
  engine: 'sqlite' | 'postgres';
  warmupSeconds: number;
  nginxWorkers: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'sqlite' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      threads: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '3' },
      'nginx-workers': { type: 'string', default: '1' },
      tool: { type: 'string', default: 'auto' },
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
  return {
    engine: values.engine,
    tool: chooseLoadTool(values.tool),
    durationSeconds: positive('duration', values.duration),
    connections: positive('connections', values.connections),
    threads: positive('threads', values.threads),
    warmupSeconds: positive('warmup', values.warmup),
    nginxWorkers: values['nginx-workers'],
  };
}

async function pgAdmin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
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

async function startClocher(o: Options, dir: string): Promise<{ child: Child; url: string }> {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('CLOCHER_')),
  );
  if (o.engine === 'postgres') {
    const name = `clocher_bench_${process.pid}`;
    await pgAdmin(`drop database if exists ${name} with (force)`);
    await pgAdmin(`create database ${name}`);
    cleanups.push({
      label: `drop database ${name}`,
      run: () => pgAdmin(`drop database if exists ${name} with (force)`),
    });
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
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
  });
  const child = startChild('clocher', process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env });
  cleanups.push({ label: 'stop the clocher server', run: () => stopChild(child) });
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/readyz`, child);
  return { child, url };
}

async function startNginx(o: Options, dir: string, page: Buffer): Promise<string> {
  ensureNginx();
  // Workers drop root privileges: they must be able to read the page.
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'www'), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'www', 'index.html'), page, { mode: 0o644 });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port, o.nginxWorkers));
  const args = ['-p', dir, '-e', path.join(dir, 'nginx-error.log'), '-c', conf];
  const child = startChild('nginx', NGINX_PATH, args, { cwd: dir, env: process.env });
  // SIGQUIT: graceful stop of the master and its workers.
  cleanups.push({ label: 'stop nginx', run: () => stopChild(child, 'SIGQUIT') });
  const url = `http://127.0.0.1:${port}/`;
  await waitForOk(url, child, 10_000);
  const served = Buffer.from(await (await fetch(url)).arrayBuffer());
  if (!served.equals(page)) throw new Error('nginx does not serve the exact bytes of the home page');
  return url;
}

async function warmUpAndMeasure(name: string, url: string, o: Options): Promise<LoadResult> {
  console.log(`${name}: warm-up ${o.warmupSeconds} s, then ${o.durationSeconds} s with ${o.connections} connections…`);
  await measure(url, { ...o, durationSeconds: o.warmupSeconds });
  const result = await measure(url, o);
  if (result.errors > 0) console.warn(`${name}: ${result.errors} errors or non-2xx answers during the run`);
  return result;
}

function printTable(o: Options, clocher: LoadResult, nginx: LoadResult, memory: ReturnType<typeof residentMemory>) {
  const f = (n: number, digits = 2) => n.toFixed(digits);
  const rows: [string, string][] = [
    ['clocher req/s', f(clocher.requestsPerSecond, 0)],
    ['clocher p50 (ms)', f(clocher.p50Ms)],
    ['clocher p99 (ms)', f(clocher.p99Ms)],
    ['nginx req/s', f(nginx.requestsPerSecond, 0)],
    ['nginx p50 (ms)', f(nginx.p50Ms)],
    ['nginx p99 (ms)', f(nginx.p99Ms)],
    ['ratio clocher/nginx (req/s)', f(clocher.requestsPerSecond / nginx.requestsPerSecond, 3)],
    ['clocher RSS after run (MiB)', memory ? f(memory.rssMiB, 1) : 'n/a'],
    ['clocher peak RSS (MiB)', memory ? f(memory.peakMiB, 1) : 'n/a'],
    ['errors (clocher / nginx)', `${clocher.errors} / ${nginx.errors}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(
    `\nGET / — engine ${o.engine}, ${clocher.tool} ${o.threads} threads, ${o.connections} connections, ` +
      `${o.durationSeconds} s; nginx ${o.nginxWorkers} worker(s); node ${process.version}, ${os.cpus().length} CPUs`,
  );
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v.padStart(10)}`);
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-'));
  cleanups.push({ label: `remove ${dir}`, run: () => fs.rmSync(dir, { recursive: true, force: true }) });
  console.log(`bench: engine ${o.engine}, load tool ${o.tool}, temp dir ${dir}`);

  const clocher = await startClocher(o, dir);
  const home = await fetch(`${clocher.url}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}:\n${clocher.child.tail()}`);
  const page = Buffer.from(await home.arrayBuffer());
  console.log(`bench: home page ${page.length} bytes`);

  const clocherResult = await warmUpAndMeasure('clocher', `${clocher.url}/`, o);
  const memory = residentMemory(clocher.child.proc.pid);
  await stopChild(clocher.child);

  const nginxUrl = await startNginx(o, dir, page);
  const nginxResult = await warmUpAndMeasure('nginx', nginxUrl, o);
  printTable(o, clocherResult, nginxResult, memory);
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
