import fs from 'node:fs';
import type { Config } from '../../config.js';
import type { Clock } from '../../core/clock.js';
import type { CommuneCtx, Log } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import type { PeriodicJob } from '../../core/jobs/index.js';
import type { Database } from '../../db/database.js';
import { pendingMigrationCount } from '../../db/migrate.js';
import { canSeeSecurity } from './securite.service.js';
import { findUpdateCheck, saveUpdateFailure, saveUpdateSuccess } from './updates.platform.repo.js';
import { type FeedSummary, readFeed, type UpdateStatus, updateStatus } from './updates.rules.js';

const ROOT = new URL('../../../', import.meta.url);

let installed: { version: string; commit: string | null } | undefined;

/** The commit of a git checkout, read from .git without running git; null when there is none. */
function gitCommit(): string | null {
  try {
    const git = new URL('.git/', ROOT);
    const head = fs.readFileSync(new URL('HEAD', git), 'utf8').trim();
    let commit = head;
    if (head.startsWith('ref: ')) {
      const ref = head.slice(5);
      const loose = new URL(ref, git);
      commit = fs.existsSync(loose)
        ? fs.readFileSync(loose, 'utf8').trim()
        : (fs
            .readFileSync(new URL('packed-refs', git), 'utf8')
            .split('\n')
            .find((line) => line.endsWith(` ${ref}`))
            ?.slice(0, 40) ?? '');
    }
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit.slice(0, 12) : null;
  } catch {
    return null;
  }
}

/** The version that runs (package.json's, read once) and its build: CLOCHER_BUILD, else the git commit if any. */
export function runningVersion(build: string | undefined): { version: string; build: string | null } {
  installed ??= {
    version: (JSON.parse(fs.readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string }).version,
    commit: gitCommit(),
  };
  return { version: installed.version, build: build ?? installed.commit };
}

type FetchOutcome = { ok: true; summary: FeedSummary } | { ok: false; reason: string; detail: string };

const failure = (reason: string, error: unknown): FetchOutcome => ({
  ok: false,
  reason,
  detail: error instanceof Error ? error.message : String(error),
});

async function fetchFeed(url: string, timeoutMs: number, userAgent: string): Promise<FetchOutcome> {
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json', 'user-agent': userAgent },
    });
    if (!res.ok) {
      await res.body?.cancel();
      return failure(`le serveur des mises à jour a répondu par une erreur (code ${res.status})`, res.statusText);
    }
    const read = readFeed(await res.text());
    return read.ok ? read : failure(read.reason, 'invalid feed');
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return failure('le serveur des mises à jour n’a pas répondu à temps', error);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return failure('le serveur des mises à jour est injoignable', cause);
  }
}

/** Reads the release feed and records what it lists, or why it could not be read. */
export async function checkForUpdates(
  ctx: { db: Database; now: Clock; log: Log },
  config: Pick<Config, 'updateFeed' | 'build'>,
  timeoutMs = 15_000,
): Promise<void> {
  const feedUrl = config.updateFeed;
  if (!feedUrl) return;
  const running = runningVersion(config.build);
  const outcome = await fetchFeed(feedUrl, timeoutMs, `clocher/${running.version}`);
  const at = ctx.now().toISOString();
  if (!outcome.ok) {
    ctx.log.warn({ feed: feedUrl, err: outcome.detail }, 'update feed check failed');
    await saveUpdateFailure(ctx.db, feedUrl, at, outcome.reason);
    return;
  }
  const { latest, securityVersion } = outcome.summary;
  await saveUpdateSuccess(ctx.db, feedUrl, at, {
    latestVersion: latest?.version ?? null,
    latestUrl: latest?.url ?? null,
    securityVersion,
  });
}

/** Every six hours, when the operator has set a release feed (CLOCHER_UPDATE_FEED). */
export function updateCheckJobs(config: Pick<Config, 'updateFeed' | 'build'>): PeriodicJob[] {
  if (!config.updateFeed) return [];
  return [
    { name: 'securite.update_check', schedule: 'every 360 minutes', handler: (ctx) => checkForUpdates(ctx, config) },
  ];
}

export interface PlatformStatus {
  version: string;
  build: string | null;
  updates: UpdateStatus;
  /** Migrations of this version not applied to the database. */
  pendingMigrations: number;
}

/** The platform as the commune sees it on its security page: version, updates, database structure. */
export async function platformStatus(
  ctx: CommuneCtx,
  config: Pick<Config, 'updateFeed' | 'build'>,
): Promise<PlatformStatus> {
  if (!canSeeSecurity(ctx)) throw forbidden();
  const running = runningVersion(config.build);
  const check = config.updateFeed ? await findUpdateCheck(ctx.db, config.updateFeed) : null;
  return {
    ...running,
    updates: updateStatus(running.version, config.updateFeed !== undefined, check),
    pendingMigrations: await pendingMigrationCount(ctx.db),
  };
}
