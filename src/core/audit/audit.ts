import type { Kysely } from 'kysely';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AUDIT_LOCK_SPACE, chainOf, eventHash, GENESIS_HASH, personalDigest } from './audit.rules.js';

export interface AuditEventInput {
  communeId: number | null;
  occurredAt: Date;
  action: string;
  actorUserId?: number | null;
  objectType?: string | null;
  objectId?: string | number | null;
  /** Non-personal facts: hashed into the chain. */
  details?: Record<string, unknown>;
  /** Personal data (IP, e-mail typed…): stored beside the chain, only its digest is chained. */
  personal?: Record<string, unknown> | null;
}

/**
 * Appends an event to its commune's chain, inside the caller's transaction, so the event exists
 * exactly when the change it records does. The chain head is read and advanced under a lock
 * (advisory lock on PostgreSQL, the single writer on SQLite) so concurrent writers never fork it.
 */
export async function appendAuditEvent(trx: Kysely<DB>, event: AuditEventInput): Promise<void> {
  const chain = chainOf(event.communeId);
  await lockForTransaction(trx, AUDIT_LOCK_SPACE, event.communeId ?? 0);
  const head = await trx
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .executeTakeFirst();
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const personal = event.personal ? JSON.stringify(event.personal) : null;
  const part = {
    chain,
    seq,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorUserId: event.actorUserId ?? null,
    objectType: event.objectType ?? null,
    objectId: event.objectId == null ? null : String(event.objectId),
    details: JSON.stringify(event.details ?? {}),
    personalDigest: personalDigest(chain, seq, personal),
  };
  const hash = eventHash(prevHash, part);
  await trx
    .insertInto('audit_event')
    .values({
      chain,
      seq,
      commune_id: event.communeId,
      occurred_at: part.occurredAt,
      action: part.action,
      actor_user_id: part.actorUserId,
      object_type: part.objectType,
      object_id: part.objectId,
      details: part.details,
      personal,
      personal_digest: part.personalDigest,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  if (head) {
    await trx.updateTable('audit_chain').set({ seq, hash }).where('chain', '=', chain).execute();
  } else {
    await trx.insertInto('audit_chain').values({ chain, seq, hash }).execute();
  }
}

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  action: string;
  actorUserId: number | null;
  objectType: string | null;
  objectId: string | null;
  details: Record<string, unknown>;
}

/** The latest events of a commune's chain, newest first. */
export async function listAuditEvents(db: Kysely<DB>, communeId: number | null, limit = 50): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['seq', 'occurred_at', 'action', 'actor_user_id', 'object_type', 'object_id', 'details'])
    .where('chain', '=', chainOf(communeId))
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    occurredAt: r.occurred_at,
    action: r.action,
    actorUserId: r.actor_user_id,
    objectType: r.object_type,
    objectId: r.object_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

const isPurgeRecord = (r: { action: string; details: string }, checkpoint: { seq: number; hash: string }) => {
  if (r.action !== 'audit.purged') return false;
  const d = JSON.parse(r.details) as { throughSeq?: unknown; throughHash?: unknown };
  return d.throughSeq === checkpoint.seq && d.throughHash === checkpoint.hash;
};

/**
 * Recomputes a chain (from its checkpoint after a purge); returns the first sequence number that does not verify (edited, missing or
 * cut off at the end), or null.
 */
export async function verifyAuditChain(db: Kysely<DB>, communeId: number | null): Promise<number | null> {
  const chain = chainOf(communeId);
  const rows = await db.selectFrom('audit_event').selectAll().where('chain', '=', chain).orderBy('seq').execute();
  // After a purge the chain goes on from its checkpoint, which a later `audit.purged` event records.
  const checkpoint = await db
    .selectFrom('audit_checkpoint')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .executeTakeFirst();
  let prev = checkpoint?.hash ?? GENESIS_HASH;
  let expectedSeq = (checkpoint?.seq ?? 0) + 1;
  if (checkpoint && !rows.some((r) => isPurgeRecord(r, checkpoint))) return expectedSeq;
  for (const r of rows) {
    const digest = r.personal === null ? r.personal_digest : personalDigest(chain, r.seq, r.personal);
    const hash = eventHash(prev, {
      chain,
      seq: r.seq,
      occurredAt: r.occurred_at,
      action: r.action,
      actorUserId: r.actor_user_id,
      objectType: r.object_type,
      objectId: r.object_id,
      details: r.details,
      personalDigest: digest,
    });
    if (r.seq !== expectedSeq || r.prev_hash !== prev || r.hash !== hash) return r.seq;
    prev = r.hash;
    expectedSeq++;
  }
  // The head must match the last event: otherwise events were removed from the end of the chain.
  const head = await db.selectFrom('audit_chain').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) return expectedSeq;
  return null;
}
