import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { VNode } from 'preact';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { scheduleJob } from '../jobs/index.js';
import { COMMUNE_CACHE_TTL_MS } from '../tenancy/resolver.js';
import { renderDocument } from './render.js';

/** Job that marks a scheduled change of public content (a publication date, an alert's end). */
export const CONTENT_CHANGE_JOB = 'content.change';

const MAX_PAGES_PER_COMMUNE = 1000;

interface CommuneEntry {
  version: number;
  /** Next scheduled change: pages rendered before it are stale from then on. */
  nextChangeAt: number;
  checkedAt: number;
  /**
   * Pages are stored only from then on: for a few seconds after a change, a process may still
   * hold the commune's previous settings (CommuneResolver cache), and must not freeze them.
   */
  storeAfter: number;
  pages: Map<string, { body: string; etag: string }>;
}

/**
 * Rendered public pages, per commune. A page stays until the commune's content changes: the
 * change bumps `commune.content_version` (seen by every process within `pollMs`, at once by this
 * one), and a scheduled publication is known in advance through its `content.change` job.
 */
export class PageCache {
  private readonly communes = new Map<number, CommuneEntry>();

  constructor(
    private readonly db: Database,
    readonly enabled: boolean,
    private readonly now: Clock = () => new Date(),
    private readonly pollMs = 1_000,
    private readonly settleMs = COMMUNE_CACHE_TTL_MS,
  ) {}

  private async entry(communeId: number, now: number): Promise<CommuneEntry> {
    let e = this.communes.get(communeId);
    if (e && now - e.checkedAt < this.pollMs && now < e.nextChangeAt) return e;
    const [row, next] = await Promise.all([
      this.db.selectFrom('commune').select('content_version').where('id', '=', communeId).executeTakeFirst(),
      this.db
        .selectFrom('job')
        .select((eb) => eb.fn.min<string>('run_at').as('at'))
        .where('name', '=', CONTENT_CHANGE_JOB)
        .where('commune_id', '=', communeId)
        .where('run_at', '>', new Date(now).toISOString())
        .executeTakeFirst(),
    ]);
    const version = row?.content_version ?? 0;
    const nextChangeAt = next?.at ? Date.parse(next.at) : Number.POSITIVE_INFINITY;
    if (!e || e.version !== version || now >= e.nextChangeAt) {
      e = { version, nextChangeAt, checkedAt: now, storeAfter: now + this.settleMs, pages: new Map() };
      this.communes.set(communeId, e);
    } else {
      e.checkedAt = now;
      e.nextChangeAt = nextChangeAt;
    }
    return e;
  }

  /**
   * Serves a public page from the cache, or renders, stores and serves it. Only for pages that
   * are the same for every reader (no form, no session). `key` defaults to the URL; a page whose
   * content depends on the date as well (the current week's menus) gives a key that says so.
   */
  async serve(
    req: FastifyRequest,
    reply: FastifyReply,
    communeId: number,
    render: () => Promise<VNode>,
    key: string = req.url,
  ): Promise<FastifyReply> {
    reply.header('cache-control', 'no-cache');
    if (!this.enabled) return reply.type('text/html; charset=utf-8').send(renderDocument(await render()));
    const e = await this.entry(communeId, this.now().getTime());
    let page = e.pages.get(key);
    if (!page) {
      const body = renderDocument(await render());
      const etag = `"${e.version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
      page = { body, etag };
      if (e.pages.size >= MAX_PAGES_PER_COMMUNE) e.pages.clear();
      if (this.now().getTime() >= e.storeAfter) e.pages.set(key, page);
    }
    reply.header('etag', page.etag);
    if (req.headers['if-none-match'] === page.etag) return reply.status(304).send();
    return reply.type('text/html; charset=utf-8').send(page.body);
  }

  /** Forgets this process's pages of a commune at once (the version bump tells the others). */
  forget(communeId: number): void {
    this.communes.delete(communeId);
  }
}

/** Marks the commune's public content as changed, in the transaction of the change. */
export async function bumpContentVersion(trx: Kysely<DB>, communeId: number): Promise<void> {
  await trx
    .updateTable('commune')
    .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
    .where('id', '=', communeId)
    .execute();
}

/** Announces a future change of public content (scheduled publication, end of an alert). */
export async function scheduleContentChange(trx: Kysely<DB>, communeId: number, at: Date, now: Date): Promise<void> {
  if (at.getTime() <= now.getTime()) return;
  await scheduleJob(
    trx,
    { name: CONTENT_CHANGE_JOB, runAt: at, communeId, dedupeKey: `content:${communeId}:${at.toISOString()}` },
    now,
  );
}
