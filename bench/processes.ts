import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The processes a benchmark starts, and how it stops them (always, even after an error). */

/** A port free right now on 127.0.0.1 (the kernel picks it; we release it for the child to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A child whose last output lines are kept, to explain a failure. */
export interface Child {
  name: string;
  proc: ChildProcess;
  tail(): string;
  exited: Promise<number | null>;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const proc = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    proc.on('exit', (code) => resolve(code));
    proc.on('error', (error) => {
      lines.push(`spawn error: ${error.message}`);
      resolve(-1);
    });
  });
  return { name, proc, tail: () => lines.join('\n'), exited };
}

/** Sends `signal`, then SIGKILL if the child is still there after `graceMs`. */
export async function stopChild(
  child: Child | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 5000,
): Promise<void> {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill(signal);
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'late') {
    child.proc.kill('SIGKILL');
    await child.exited;
  }
}

/** Polls `url` until it answers 200, the child exits, or the time is up. */
export async function waitForOk(url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited before answering ${url}:\n${child.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${child.tail()}`);
}

/** Resident memory of a process (VmRSS and its peak VmHWM), in MiB; undefined when /proc is absent. */
export function residentMemory(pid: number | undefined): { rssMiB: number; peakMiB: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

let built = false;

/**
 * The server's command line as `npm start` runs it: compiles src/ to dist/ (scripts/build.mjs) the
 * first time it is asked, so that a benchmark measures the code as it stands.
 */
export function builtServer(root: string): string[] {
  if (!built) {
    const run = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) throw new Error('could not compile the server (node scripts/build.mjs)');
    built = true;
  }
  return ['dist/server.js'];
}

export const NGINX_PATH = '/usr/sbin/nginx';

/** nginx, installed from Debian when it is missing (the benchmark's reference point). */
export function ensureNginx(): void {
  if (fs.existsSync(NGINX_PATH)) return;
  console.log('nginx is not installed: apt-get install -y nginx');
  const run = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { stdio: 'inherit' });
  if (run.status !== 0 || !fs.existsSync(NGINX_PATH)) throw new Error('could not install nginx');
}

/** A minimal nginx serving one file at `/`, with every path it writes inside `dir`. */
export function nginxConfig(dir: string, port: number, workers: string): string {
  const p = (name: string) => path.join(dir, name);
  return `daemon off;
worker_processes ${workers};
pid ${p('nginx.pid')};
error_log ${p('nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${p('client_body')};
  proxy_temp_path ${p('proxy')};
  fastcgi_temp_path ${p('fastcgi')};
  uwsgi_temp_path ${p('uwsgi')};
  scgi_temp_path ${p('scgi')};
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${p('www')};
    default_type text/html;
    location = / {
      add_header cache-control "no-cache";
      try_files /index.html =404;
    }
    location / {
      add_header cache-control "no-cache";
    }
  }
}
`;
}
