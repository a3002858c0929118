import { appendAuditEvent } from '../audit/index.js';
import { addMinutes } from '../clock.js';
import type { PlatformCtx } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { isThrottled, THROTTLE, TOO_MANY_ATTEMPTS } from './auth.rules.js';
import { verifyPassword } from './passwords.js';
import * as sessions from './sessions.repo.js';
import * as throttle from './throttle.repo.js';
import * as totp from './totp.js';
import * as users from './users.platform.repo.js';

export const WRONG_PASSWORD = 'Ce mot de passe n’est pas le bon.';
export const WRONG_REAUTH_CODE =
  'Ce code n’est pas valable : saisissez le code affiché maintenant par votre application.';

export interface ReauthInput {
  sessionId: string;
  userId: number;
  communeId: number | null;
  /** One of the two proofs: the password, or a code of the authenticator app. */
  password?: string | undefined;
  code?: string | undefined;
  instanceSecret: string;
}

/**
 * The signed-in user proves again who they are before a sensitive action; the proof is valid
 * REAUTH_MINUTES. Wrong answers count with the sign-in failures, so guessing is slowed the same way.
 */
export async function reauthenticate(ctx: PlatformCtx, input: ReauthInput): Promise<void> {
  const user = await users.findUserById(ctx.db, input.userId);
  if (!user || user.disabled) throw new AppError('Unauthenticated', 'Veuillez vous connecter.');
  const now = ctx.now();
  const keys = { account: throttle.accountKey(user.email), ip: throttle.ipKey(ctx.ip) };
  const recent = await throttle.countRecentFailures(ctx.db, addMinutes(now, -THROTTLE.windowMinutes), keys);
  if (isThrottled(recent.account, recent.ip)) throw new AppError('RateLimited', TOO_MANY_ATTEMPTS);
  let ok = false;
  let field = 'password';
  if (input.code !== undefined) {
    field = 'code';
    const record = await totp.findTotp(ctx.db, user.id);
    if (record?.confirmed) {
      const step = await totp.verifyCode(totp.decryptSecret(input.instanceSecret, record.secretEnc), input.code, now);
      ok = step !== null && (await totp.useStep(ctx.db, user.id, step));
    }
  } else if (input.password !== undefined && user.passwordHash) {
    ok = await verifyPassword(user.passwordHash, input.password);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (ok) await sessions.markReauthenticated(trx, input.sessionId, now.toISOString());
    else await throttle.recordFailure(trx, now, keys);
    await appendAuditEvent(trx, {
      communeId: input.communeId,
      occurredAt: now,
      action: ok ? 'auth.reauthenticated' : 'auth.reauthentication_failed',
      actorUserId: user.id,
      objectType: 'user',
      objectId: user.id,
      details: { method: field === 'code' ? 'totp' : 'password' },
      personal: { ip: ctx.ip ?? null },
    });
  });
  if (!ok) {
    const message = field === 'code' ? WRONG_REAUTH_CODE : WRONG_PASSWORD;
    throw invalid(message, { [field]: message });
  }
}

/** Marks the session as freshly proven (after a passkey assertion verified elsewhere). */
export async function markSessionReauthenticated(ctx: PlatformCtx, sessionId: string): Promise<void> {
  await sessions.markReauthenticated(ctx.db, sessionId, ctx.now().toISOString());
}
