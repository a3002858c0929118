import cluster, { type Worker } from 'node:cluster';
import type { Log } from './core/context.js';

/**
 * Several web processes sharing one port (CLOCHER_WORKERS > 1): the primary process prepares the
 * database, then forks the workers, restarts one that dies, relays their notices to each other and
 * stops them all on SIGTERM. Worker 1 also runs the background work (mail outbox, jobs); jobs are
 * claimed by compare-and-set anyway, so a second runner would be harmless, only wasteful.
 */

/** What a worker tells its siblings: forget a commune's cached pages, or every commune's settings. */
export type PeerNotice = { type: 'clocher:forget-pages'; communeId: number } | { type: 'clocher:forget-communes' };

const isPeerNotice = (m: unknown): m is PeerNotice =>
  typeof m === 'object' &&
  m !== null &&
  ((m as PeerNotice).type === 'clocher:forget-pages' || (m as PeerNotice).type === 'clocher:forget-communes');

/** The index (1…n) of this worker, or undefined outside a cluster. */
export function workerIndex(): number | undefined {
  return cluster.isWorker ? Number(process.env.CLOCHER_WORKER_INDEX) : undefined;
}

/** In a worker: sends a notice to every sibling. Outside a cluster: nothing to tell. */
export function tellPeers(notice: PeerNotice): void {
  if (cluster.isWorker) process.send?.(notice);
}

/** In a worker: calls `handler` for every notice a sibling sends. */
export function onPeerNotice(handler: (notice: PeerNotice) => void): void {
  if (cluster.isWorker) process.on('message', (m) => isPeerNotice(m) && handler(m));
}

/** Restarts closer together than this, this many times, mean a worker cannot run: the primary gives up. */
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 5;

export interface Supervisor {
  stop(): Promise<void>;
}

/**
 * Forks `count` workers running this same entry point and resolves once all of them listen;
 * rejects if one exits before listening (a port in use, a bad configuration).
 */
export function startWorkers(count: number, log: Log): Promise<Supervisor> {
  let stopping = false;
  const restarts: number[] = [];
  const workers = new Map<number, Worker>();

  const fork = (index: number): Worker => {
    const worker = cluster.fork({ CLOCHER_WORKER_INDEX: String(index) });
    workers.set(index, worker);
    worker.on('message', (m) => {
      if (!isPeerNotice(m)) return;
      for (const other of workers.values()) if (other !== worker && other.isConnected()) other.send(m);
    });
    return worker;
  };

  return new Promise((resolve, reject) => {
    let listening = 0;
    let started = false;
    for (let i = 1; i <= count; i++) {
      const worker = fork(i);
      worker.once('listening', () => {
        listening++;
        if (listening === count && !started) {
          started = true;
          resolve({ stop });
        }
      });
    }
    cluster.on('exit', (worker, code, signal) => {
      const index = [...workers].find(([, w]) => w === worker)?.[0];
      if (index === undefined || stopping) return;
      if (!started) {
        stopping = true;
        for (const w of workers.values()) w.kill('SIGTERM');
        reject(new Error(`worker ${index} exited before listening (code ${code ?? signal})`));
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] ?? now) < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        log.fatal({ worker: index }, 'workers keep dying: stopping');
        void stop().then(() => process.exit(1));
        return;
      }
      log.error({ worker: index, code, signal }, 'worker died: starting it again');
      setTimeout(() => !stopping && fork(index), 1_000).unref();
    });
  });

  async function stop(): Promise<void> {
    stopping = true;
    await Promise.all(
      [...workers.values()].map(
        (w) =>
          new Promise<void>((done) => {
            if (w.isDead()) return done();
            w.once('exit', () => done());
            w.kill('SIGTERM');
          }),
      ),
    );
  }
}
