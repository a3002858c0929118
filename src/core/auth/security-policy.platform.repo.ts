import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AUDIT_RETENTION, NO_REQUIREMENT, type SecondFactorPolicy } from './security-policy.rules.js';

type Db = Kysely<DB>;

/**
 * Security settings, one row per commune and one platform row (commune_id null): the platform's
 * row is read for every commune, hence a platform repo. Every query names its commune explicitly.
 */

export interface PolicyRow extends SecondFactorPolicy {
  auditRetentionDays: number;
  updatedAt: string | null;
}

export async function findPolicy(db: Db, communeId: number | null): Promise<PolicyRow> {
  let q = db
    .selectFrom('security_policy')
    .select(['require_second_factor', 'grace_days', 'required_since', 'audit_retention_days', 'updated_at']);
  q = communeId === null ? q.where('commune_id', 'is', null) : q.where('commune_id', '=', communeId);
  const r = await q.executeTakeFirst();
  if (!r) return { ...NO_REQUIREMENT, auditRetentionDays: AUDIT_RETENTION.default, updatedAt: null };
  return {
    requireSecondFactor: r.require_second_factor === 1,
    graceDays: r.grace_days,
    requiredSince: r.required_since,
    auditRetentionDays: r.audit_retention_days ?? AUDIT_RETENTION.default,
    updatedAt: r.updated_at,
  };
}

export async function savePolicy(
  db: Db,
  communeId: number | null,
  v: SecondFactorPolicy & { auditRetentionDays?: number | undefined; now: string; by: number | null },
): Promise<void> {
  const values = {
    require_second_factor: v.requireSecondFactor ? 1 : 0,
    grace_days: v.graceDays,
    required_since: v.requiredSince,
    ...(v.auditRetentionDays !== undefined && { audit_retention_days: v.auditRetentionDays }),
    updated_at: v.now,
    updated_by: v.by,
  };
  let u = db.updateTable('security_policy').set(values);
  u = communeId === null ? u.where('commune_id', 'is', null) : u.where('commune_id', '=', communeId);
  const r = await u.executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    await db
      .insertInto('security_policy')
      .values({ commune_id: communeId, ...values })
      .execute();
  }
}
