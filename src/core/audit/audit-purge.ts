import type { Kysely } from 'kysely';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { appendAuditEvent } from './audit.js';
import { AUDIT_LOCK_SPACE, chainOf } from './audit.rules.js';

/**
 * Removes a chain's events older than the retention (CNIL: 6 months to 1 year by default). Only a
 * prefix of the chain goes: the events up to the last one older than the cutoff. The hash of the
 * last removed event becomes the chain's checkpoint, and an `audit.purged` event appended in the
 * same transaction records it, so `clocher audit verify` still checks everything that remains.
 * Returns how many events were removed.
 */
export async function purgeAuditChain(
  db: Kysely<DB>,
  communeId: number | null,
  cutoff: Date,
  now: Date,
): Promise<number> {
  const chain = chainOf(communeId);
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, AUDIT_LOCK_SPACE, communeId ?? 0);
    const firstKept = await trx
      .selectFrom('audit_event')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('chain', '=', chain)
      .where('occurred_at', '>=', cutoff.toISOString())
      .executeTakeFirst();
    let last = trx
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .orderBy('seq', 'desc')
      .limit(1);
    if (firstKept?.seq != null) last = last.where('seq', '<', Number(firstKept.seq));
    const through = await last.executeTakeFirst();
    if (!through) return 0;
    const removed = await trx
      .deleteFrom('audit_event')
      .where('chain', '=', chain)
      .where('seq', '<=', through.seq)
      .executeTakeFirst();
    const checkpoint = { chain, seq: through.seq, hash: through.hash, purged_at: now.toISOString() };
    const updated = await trx
      .updateTable('audit_checkpoint')
      .set(checkpoint)
      .where('chain', '=', chain)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('audit_checkpoint').values(checkpoint).execute();
    await appendAuditEvent(trx, {
      communeId,
      occurredAt: now,
      action: 'audit.purged',
      objectType: 'audit_chain',
      objectId: chain,
      details: { throughSeq: through.seq, throughHash: through.hash, before: cutoff.toISOString() },
    });
    return Number(removed.numDeletedRows);
  });
}

/** Every chain that holds events: the platform's and each commune's. */
export async function auditChains(db: Kysely<DB>): Promise<(number | null)[]> {
  const rows = await db.selectFrom('audit_event').select('commune_id').distinct().execute();
  return [...new Set(rows.map((r) => r.commune_id))];
}

/** The daily purge: every chain, past `retentionDays`. */
export async function purgeExpiredAuditEvents(db: Kysely<DB>, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (const communeId of await auditChains(db)) total += await purgeAuditChain(db, communeId, cutoff, now);
  return total;
}
