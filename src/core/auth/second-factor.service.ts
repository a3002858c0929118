import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendAuditEvent } from '../audit/index.js';
import { addMinutes } from '../clock.js';
import { actorUserId, type CommuneCtx, type PlatformCtx } from '../context.js';
import { sha256Hex } from '../crypto.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { isThrottled, THROTTLE, TOO_MANY_ATTEMPTS } from './auth.rules.js';
import { openSession, type SignInInput } from './auth.service.js';
import * as members from './memberships.repo.js';
import * as passkeys from './passkeys.repo.js';
import { can } from './policy.js';
import * as sessions from './sessions.repo.js';
import * as throttle from './throttle.repo.js';
import * as totp from './totp.js';
import * as users from './users.platform.repo.js';

export const WRONG_CODE =
  'Ce code n’est pas valable. Saisissez le code à 6 chiffres affiché maintenant par votre application, ou un code de secours.';

/** Does this account ask for a second factor at sign-in? */
export async function hasSecondFactor(db: Kysely<DB>, userId: number): Promise<boolean> {
  if ((await totp.findTotp(db, userId))?.confirmed === true) return true;
  return (await passkeys.countPasskeys(db, [userId])).has(userId);
}

/** Does this account use the authenticator app (codes), as opposed to passkeys only? */
export async function hasTotp(db: Kysely<DB>, userId: number): Promise<boolean> {
  return (await totp.findTotp(db, userId))?.confirmed === true;
}

async function audit(ctx: PlatformCtx, action: string, userId: number, communeId: number | null): Promise<void> {
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      communeId,
      occurredAt: ctx.now(),
      action,
      actorUserId: actorUserId(ctx.actor),
      objectType: 'user',
      objectId: userId,
    }),
  );
}

/** Starts (or restarts) the enrolment of an authenticator app: a new secret, not active until confirmed. */
export async function startTotpEnrolment(
  ctx: PlatformCtx,
  userId: number,
  instanceSecret: string,
): Promise<{ qrDataUrl: string; manualKey: string }> {
  const user = await users.findUserById(ctx.db, userId);
  if (!user) throw notFound();
  if (await hasTotp(ctx.db, userId)) throw invalid('L’application d’authentification est déjà activée.');
  const enrolment = await totp.newEnrolment('Clocher', user.email);
  await totp.saveTotp(ctx.db, userId, totp.encryptSecret(instanceSecret, enrolment.secret), ctx.now().toISOString());
  return { qrDataUrl: enrolment.qrDataUrl, manualKey: enrolment.secret.replace(/(.{4})/g, '$1 ').trim() };
}

/** The pending enrolment's QR code and key (to show the page again after a wrong code). */
export async function pendingEnrolment(
  ctx: PlatformCtx,
  userId: number,
  instanceSecret: string,
): Promise<{ qrDataUrl: string; manualKey: string } | null> {
  const record = await totp.findTotp(ctx.db, userId);
  const user = await users.findUserById(ctx.db, userId);
  if (!record || record.confirmed || !user) return null;
  const enrolment = await totp.enrolmentFor(
    totp.decryptSecret(instanceSecret, record.secretEnc),
    'Clocher',
    user.email,
  );
  return { qrDataUrl: enrolment.qrDataUrl, manualKey: enrolment.secret.replace(/(.{4})/g, '$1 ').trim() };
}

/** Activates the second factor with a first code from the app; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(
  ctx: PlatformCtx,
  userId: number,
  instanceSecret: string,
  code: string,
): Promise<string[]> {
  const record = await totp.findTotp(ctx.db, userId);
  if (!record || record.confirmed) throw invalid('Aucune activation n’est en cours.');
  const step = await totp.verifyCode(totp.decryptSecret(instanceSecret, record.secretEnc), code, ctx.now());
  if (step === null) throw invalid(WRONG_CODE, { code: WRONG_CODE });
  const codes = totp.newRecoveryCodes();
  await totp.confirmTotp(ctx.db, userId, step, codes.map(totp.hashRecoveryCode), ctx.now().toISOString());
  await audit(ctx, 'auth.second_factor_enabled', userId, null);
  return codes;
}

/** The user turns the second factor off, proving it with a current code. */
export async function disableOwnTotp(
  ctx: PlatformCtx,
  userId: number,
  instanceSecret: string,
  code: string,
): Promise<void> {
  const record = await totp.findTotp(ctx.db, userId);
  if (!record?.confirmed) throw invalid('La double authentification n’est pas activée.');
  const ok = (await totp.verifyCode(totp.decryptSecret(instanceSecret, record.secretEnc), code, ctx.now())) !== null;
  if (!ok) throw invalid(WRONG_CODE, { code: WRONG_CODE });
  await totp.deleteTotp(ctx.db, userId);
  await audit(ctx, 'auth.second_factor_disabled', userId, null);
}

/** An administrator resets a member's second factor (lost phone): they enrol again at next sign-in. */
export async function resetMemberTotp(ctx: CommuneCtx, membershipId: number): Promise<void> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  const member = await members.findMember(new TenantScope(ctx.db, ctx.commune.id), membershipId);
  if (!member) throw notFound('Cet utilisateur n’existe pas dans cette commune.');
  await totp.deleteTotp(ctx.db, member.userId);
  await passkeys.deleteUserPasskeys(ctx.db, member.userId);
  await audit(ctx, 'auth.second_factor_reset', member.userId, ctx.commune.id);
}

/**
 * Second step of the sign-in: the code of the app (never twice the same) or an unused recovery
 * code. Wrong codes count with the password failures, so guessing is slowed down the same way.
 */
export async function completeSecondFactor(
  ctx: PlatformCtx,
  input: { pendingToken: string; code: string; instanceSecret: string } & Pick<
    SignInInput,
    'communeId' | 'userAgent' | 'previousToken'
  >,
): Promise<string> {
  const id = sha256Hex(input.pendingToken);
  const pending = /^[A-Za-z0-9_-]{20,100}$/.test(input.pendingToken) ? await sessions.findToken(ctx.db, id) : undefined;
  const now = ctx.now();
  if (pending?.purpose !== 'mfa' || pending.used_at !== null || Date.parse(pending.expires_at) <= now.getTime()) {
    throw new AppError('Unauthenticated', 'La vérification a expiré. Connectez-vous à nouveau.');
  }
  const user = await users.findUserById(ctx.db, pending.user_id);
  const record = await totp.findTotp(ctx.db, pending.user_id);
  if (!user || !record?.confirmed)
    throw new AppError('Unauthenticated', 'La vérification a expiré. Connectez-vous à nouveau.');
  const keys = { account: throttle.accountKey(user.email), ip: throttle.ipKey(ctx.ip) };
  const recent = await throttle.countRecentFailures(ctx.db, addMinutes(now, -THROTTLE.windowMinutes), keys);
  if (isThrottled(recent.account, recent.ip)) throw new AppError('RateLimited', TOO_MANY_ATTEMPTS);
  const step = await totp.verifyCode(totp.decryptSecret(input.instanceSecret, record.secretEnc), input.code, now);
  let accepted = step !== null && (await totp.useStep(ctx.db, user.id, step));
  if (!accepted) {
    const hash = totp.hashRecoveryCode(input.code);
    if (record.recoveryHashes.includes(hash)) {
      await totp.setRecoveryHashes(
        ctx.db,
        user.id,
        record.recoveryHashes.filter((h) => h !== hash),
      );
      await audit(ctx, 'auth.recovery_code_used', user.id, input.communeId);
      accepted = true;
    }
  }
  if (!accepted) {
    await throttle.recordFailure(ctx.db, now, keys);
    throw invalid(WRONG_CODE, { code: WRONG_CODE });
  }
  if (!(await sessions.useToken(ctx.db, id, now.toISOString()))) {
    throw new AppError('Unauthenticated', 'La vérification a expiré. Connectez-vous à nouveau.');
  }
  return openSession(ctx, user.id, input);
}

/** Which of these users have an active second factor (security overview). */
export async function usersWithSecondFactor(db: Kysely<DB>, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_totp')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('confirmed_at', 'is not', null)
    .execute();
  const withPasskey = await passkeys.countPasskeys(db, userIds);
  return new Set([...rows.map((r) => r.user_id), ...withPasskey]);
}
