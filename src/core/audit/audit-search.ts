import { type Kysely, sql } from 'kysely';
import { containsInsensitive } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { chainOf } from './audit.rules.js';

/** The back-office journal: a commune's own chain, searched and paginated. */

export interface AuditFilter {
  /** Prefix of the action, e.g. `auth.` or `member.updated`. */
  action?: string | undefined;
  /** Part of the actor's name or e-mail. */
  actor?: string | undefined;
  /** YYYY-MM-DD, inclusive, UTC days. */
  from?: string | undefined;
  to?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
}

export interface JournalEntry {
  seq: number;
  occurredAt: string;
  action: string;
  actorUserId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  objectType: string | null;
  objectId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

function filtered(db: Kysely<DB>, communeId: number, f: AuditFilter) {
  let q = db
    .selectFrom('audit_event')
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
    .where('audit_event.chain', '=', chainOf(communeId));
  if (f.action) {
    const pattern = `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`${sql.ref('audit_event.action')} like ${pattern} escape '\\'`);
  }
  if (f.actor) {
    const needle = f.actor;
    q = q.where((eb) =>
      eb.or([containsInsensitive('app_user.display_name', needle), containsInsensitive('app_user.email', needle)]),
    );
  }
  if (f.from) q = q.where('audit_event.occurred_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('audit_event.occurred_at', '<', nextDay(f.to));
  if (f.objectType) q = q.where('audit_event.object_type', '=', f.objectType);
  if (f.objectId) q = q.where('audit_event.object_id', '=', f.objectId);
  return q;
}

/** One page of the commune's events, newest first, with the total count. */
export async function searchAuditEvents(
  db: Kysely<DB>,
  communeId: number,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: JournalEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, communeId, filter)
      .select([
        'audit_event.seq',
        'audit_event.occurred_at',
        'audit_event.action',
        'audit_event.actor_user_id',
        'audit_event.object_type',
        'audit_event.object_id',
        'audit_event.details',
        'audit_event.personal',
        'app_user.display_name',
        'app_user.email',
      ])
      .orderBy('audit_event.seq', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, communeId, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    entries: rows.map((r) => {
      const personal = r.personal ? (JSON.parse(r.personal) as { ip?: unknown }) : {};
      return {
        seq: r.seq,
        occurredAt: r.occurred_at,
        action: r.action,
        actorUserId: r.actor_user_id,
        actorName: r.display_name,
        actorEmail: r.email,
        objectType: r.object_type,
        objectId: r.object_id,
        details: JSON.parse(r.details) as Record<string, unknown>,
        ip: typeof personal.ip === 'string' ? personal.ip : null,
      };
    }),
  };
}
