import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  pages: Map<string, CachedPage>;
}

interface CachedPage {
  body: string;
  etag: string;
  /**
   * The response as the application sent it (every header but the framing ones), recorded the
   * first time the page is sent: from then on the front door can replay it without the app.
   */
  response?: RecordedResponse;
}

/**
 * A page's answer ready to replay: its headers as flat [name, value, …] lists, content-length
 * included. Copying the headers into a new object at each request cost nearly a quarter of the
 * answers per second of a bare Node server; Node writes a ready list as it is.
 */
interface RecordedResponse {
  etag: string | undefined;
  ok: string[];
  /** The 304 answer's: the same but the body's type and length. */
  notModified: string[];
  body: Buffer;
}

/** Headers Node writes itself for each response: never replayed. */
const FRAMING_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Rendered public pages, per commune. A page stays until the commune's content changes: the
 * change bumps `commune.content_version` (seen by every process within `pollMs`, at once by this
 * one), and a scheduled publication is known in advance through its `content.change` job.
 */
export class PageCache {
  private readonly communes = new Map<number, CommuneEntry>();
  /** Pages being sent by the app, whose headers `recordResponse` keeps (keyed by the raw request). */
  private readonly sending = new WeakMap<IncomingMessage, CachedPage>();

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
    // Only a page stored under its own URL can be found again by the front door (`tryServe`).
    if (!page.response && key === req.url && e.pages.get(key) === page) this.sending.set(req.raw, page);
    reply.header('etag', page.etag);
    if (req.headers['if-none-match'] === page.etag) return reply.status(304).send();
    return reply.type('text/html; charset=utf-8').send(page.body);
  }

  /**
   * Called as the app sends a response (last `onSend` hook): a cached page being sent whole for
   * the first time keeps its headers, so that later requests can be answered by `tryServe`.
   */
  recordResponse(req: FastifyRequest, reply: FastifyReply): void {
    const page = this.sending.get(req.raw);
    if (!page) return;
    this.sending.delete(req.raw);
    if (reply.statusCode !== 200 || page.response) return;
    page.response = recordedResponse(reply.getHeaders(), Buffer.from(page.body));
  }

  /**
   * The front door, before the web framework: a GET of a page this process holds, still fresh
   * (its commune's version checked less than `pollMs` ago, no scheduled change passed), is
   * answered at once with the very bytes and headers the app sent for it. Anything else — an
   * unknown host, a page not cached, a version to check again — returns false and goes to the app.
   */
  tryServe(req: IncomingMessage, res: ServerResponse, communeId: number | undefined): boolean {
    if (!this.enabled || communeId === undefined || req.method !== 'GET' || req.url === undefined) return false;
    const e = this.communes.get(communeId);
    if (!e) return false;
    const now = this.now().getTime();
    if (now - e.checkedAt >= this.pollMs || now >= e.nextChangeAt) return false;
    const cached = e.pages.get(req.url)?.response;
    if (!cached) return false;
    if (cached.etag !== undefined && req.headers['if-none-match'] === cached.etag) {
      res.writeHead(304, cached.notModified);
      res.end();
      return true;
    }
    res.writeHead(200, cached.ok);
    res.end(cached.body);
    return true;
  }

  /** Told when this process forgets a commune's pages by itself (cluster.ts passes it on to its siblings). */
  onForget?: (communeId: number) => void;

  /**
   * Forgets this process's pages of a commune at once. The version bump tells the other processes
   * within `pollMs`; `onForget` may tell them sooner. `tell`: false when the news came from them.
   */
  forget(communeId: number, tell = true): void {
    this.communes.delete(communeId);
    if (tell) this.onForget?.(communeId);
  }
}

/** The headers the app sent for a page (but the framing ones), as the front door replays them. */
function recordedResponse(
  sent: Record<string, string | number | string[] | undefined>,
  body: Buffer,
): RecordedResponse {
  const ok: string[] = [];
  const notModified: string[] = [];
  for (const [key, value] of Object.entries(sent)) {
    const name = key.toLowerCase();
    if (value === undefined || FRAMING_HEADERS.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      ok.push(name, String(one));
      if (name !== 'content-type') notModified.push(name, String(one));
    }
  }
  ok.push('content-length', String(body.length));
  const etag = sent.etag;
  return { etag: typeof etag === 'string' ? etag : undefined, ok, notModified, body };
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
