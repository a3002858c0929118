import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendAuditEvent } from '../audit/index.js';
import { actorUserId, type CommuneCtx, type PlatformCtx } from '../context.js';
import { forbidden, invalid } from '../errors.js';
import { can } from './policy.js';
import { hasSecondFactor } from './second-factor.service.js';
import * as repo from './security-policy.platform.repo.js';
import {
  type EnrolmentStatus,
  enrolmentStatus,
  graceDaysProblem,
  nextRequiredSince,
  retentionProblem,
  secondFactorDeadline,
} from './security-policy.rules.js';

export type { PolicyRow } from './security-policy.platform.repo.js';

/** The commune's security settings (its administrators), with the platform's, which also apply. */
export async function getCommuneSecurityPolicy(
  ctx: CommuneCtx,
): Promise<{ commune: repo.PolicyRow; platform: repo.PolicyRow }> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  const [commune, platform] = await Promise.all([
    repo.findPolicy(ctx.db, ctx.commune.id),
    repo.findPolicy(ctx.db, null),
  ]);
  return { commune, platform };
}

/** Requires (or not) a second factor of every back-office account of the commune, after a grace period. */
export async function setCommuneSecondFactorPolicy(
  ctx: CommuneCtx,
  input: { requireSecondFactor: boolean; graceDays: number },
): Promise<void> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  const problem = graceDaysProblem(input.graceDays);
  if (problem) throw invalid(problem, { graceDays: problem });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findPolicy(trx, ctx.commune.id);
    const requiredSince = nextRequiredSince(before, input.requireSecondFactor, ctx.now());
    await repo.savePolicy(trx, ctx.commune.id, {
      ...input,
      requiredSince,
      now: ctx.now().toISOString(),
      by: actorUserId(ctx.actor),
    });
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'securite.policy_changed',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'security_policy',
      objectId: ctx.commune.id,
      details: { requireSecondFactor: input.requireSecondFactor, graceDays: input.graceDays },
    });
  });
}

/** The platform's security settings (operator). */
export async function getPlatformSecurityPolicy(ctx: PlatformCtx): Promise<repo.PolicyRow> {
  if (!can(ctx.actor, 'platform.manage')) throw forbidden();
  return repo.findPolicy(ctx.db, null);
}

/** The operator requires a second factor of every account of the platform, and sets the audit retention. */
export async function setPlatformSecurityPolicy(
  ctx: PlatformCtx,
  input: { requireSecondFactor: boolean; graceDays: number; auditRetentionDays: number },
): Promise<void> {
  if (!can(ctx.actor, 'platform.manage')) throw forbidden();
  const fields: Record<string, string> = {};
  const grace = graceDaysProblem(input.graceDays);
  if (grace) fields.graceDays = grace;
  const retention = retentionProblem(input.auditRetentionDays);
  if (retention) fields.auditRetentionDays = retention;
  const first = Object.values(fields)[0];
  if (first) throw invalid(first, fields);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findPolicy(trx, null);
    await repo.savePolicy(trx, null, {
      ...input,
      requiredSince: nextRequiredSince(before, input.requireSecondFactor, ctx.now()),
      now: ctx.now().toISOString(),
      by: actorUserId(ctx.actor),
    });
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'plateforme.security_policy_changed',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'security_policy',
      objectId: 'platform',
      details: { ...input, previousRetentionDays: before.auditRetentionDays },
    });
  });
}

/** How long audit events are kept (platform setting). */
export async function auditRetentionDays(db: Kysely<DB>): Promise<number> {
  return (await repo.findPolicy(db, null)).auditRetentionDays;
}

/**
 * Where this user stands with the required second factor, in this commune (or on the platform's
 * console when communeId is null): free, in the grace period, or blocked until they enrol.
 */
export async function secondFactorStatus(
  db: Kysely<DB>,
  user: { id: number; createdAt: string },
  communeId: number | null,
  now: Date,
): Promise<EnrolmentStatus> {
  const policies = [await repo.findPolicy(db, null)];
  if (communeId !== null) policies.push(await repo.findPolicy(db, communeId));
  const deadline = secondFactorDeadline(policies, user.createdAt);
  if (deadline === null) return { kind: 'free' };
  return enrolmentStatus(deadline, await hasSecondFactor(db, user.id), now);
}
