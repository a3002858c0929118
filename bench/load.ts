import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';

/** Load generation: wrk when installed (it costs the machine less), autocannon otherwise. */

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadOptions {
  tool: LoadTool;
  durationSeconds: number;
  connections: number;
  /** wrk threads (autocannon: worker threads above 1). */
  threads: number;
}

export interface LoadResult {
  tool: LoadTool;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors, timeouts and non-2xx/3xx answers: any of them makes the figures suspect. */
  errors: number;
}

export const WRK_PATH = '/usr/bin/wrk';

/** The tool asked for, or wrk when it is installed. */
export function chooseLoadTool(wanted: string | undefined): LoadTool {
  if (wanted === 'wrk' || wanted === 'autocannon') return wanted;
  if (wanted !== undefined && wanted !== 'auto')
    throw new Error(`--tool must be wrk, autocannon or auto (got ${wanted})`);
  return fs.existsSync(WRK_PATH) ? 'wrk' : 'autocannon';
}

export async function measure(url: string, options: LoadOptions): Promise<LoadResult> {
  return options.tool === 'wrk' ? runWrk(url, options) : runAutocannon(url, options);
}

/** wrk prints durations as 812.00us, 1.52ms, 2.01s or 1.00m. */
export function durationToMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk duration: ${text}`);
  const value = Number(m[1]);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return value * factor;
}

/** Reads the summary of `wrk --latency`. */
export function parseWrk(output: string): Omit<LoadResult, 'tool'> {
  const pick = (re: RegExp, what: string): string => {
    const m = re.exec(output);
    if (!m?.[1]) throw new Error(`wrk output has no ${what}:\n${output}`);
    return m[1];
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors =
    (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + Number(non2xx?.[1] ?? 0);
  return {
    requestsPerSecond: Number(pick(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')),
    p50Ms: durationToMs(pick(/^\s+50%\s+(\S+)/m, '50% latency')),
    p99Ms: durationToMs(pick(/^\s+99%\s+(\S+)/m, '99% latency')),
    requests: Number(pick(/(\d+) requests in/, 'request count')),
    errors,
  };
}

const running = new Set<ChildProcess>();

/** Stops a wrk still running (after an error or a Ctrl-C of the benchmark). */
export function stopRunningLoad(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

function runWrk(url: string, o: LoadOptions): Promise<LoadResult> {
  const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.durationSeconds}s`, '--latency', url];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      try {
        resolve({ tool: 'wrk', ...parseWrk(out) });
      } catch (error) {
        reject(error);
      }
    });
  });
}

async function runAutocannon(url: string, o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: o.connections,
    duration: o.durationSeconds,
    ...(o.threads > 1 && { workers: o.threads }),
  });
  return {
    tool: 'autocannon',
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}
