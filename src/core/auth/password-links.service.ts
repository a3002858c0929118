import { appendAuditEvent } from '../audit/index.js';
import { addMinutes } from '../clock.js';
import type { PlatformCtx } from '../context.js';
import { randomToken, sha256Hex } from '../crypto.js';
import { invalid, notFound } from '../errors.js';
import { enqueueMail } from '../mail/index.js';
import { normalizeEmail, passwordProblem, TOKEN_LIFETIME_MINUTES, type TokenPurpose } from './auth.rules.js';
import { hashPassword } from './passwords.js';
import * as sessions from './sessions.repo.js';
import * as throttle from './throttle.repo.js';
import * as users from './users.platform.repo.js';

/** Single-use links sent by e-mail: invitations and password resets. */

/** A single-use link token for a user (stored hashed). */
export async function issueToken(
  trx: PlatformCtx['db'],
  userId: number,
  communeId: number | null,
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const token = randomToken();
  await sessions.insertToken(trx, {
    id: sha256Hex(token),
    userId,
    communeId,
    purpose,
    now: now.toISOString(),
    expiresAt: addMinutes(now, TOKEN_LIFETIME_MINUTES[purpose]).toISOString(),
  });
  return token;
}

/** The account an invitation link is for, if the link is still valid. */
export async function findInvitation(
  ctx: Pick<PlatformCtx, 'db' | 'now'>,
  token: string,
  purpose: TokenPurpose = 'invitation',
): Promise<{ email: string; displayName: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const t = await sessions.findToken(ctx.db, sha256Hex(token));
  if (t?.purpose !== purpose || t.used_at !== null || Date.parse(t.expires_at) <= ctx.now().getTime()) {
    return null;
  }
  const user = await users.findUserById(ctx.db, t.user_id);
  return user ? { email: user.email, displayName: user.displayName } : null;
}

/**
 * Sets the password chosen through an invitation or reset link; the link then stops working. A
 * reset also ends every open session of the account.
 */
export async function acceptInvitation(
  ctx: PlatformCtx,
  token: string,
  password: string,
  purpose: TokenPurpose = 'invitation',
): Promise<void> {
  const link = await findInvitation(ctx, token, purpose);
  const problem = passwordProblem(password, { email: link?.email });
  if (problem) throw invalid(problem, { password: problem });
  if (!link) {
    throw notFound(
      purpose === 'reset'
        ? 'Ce lien n’est plus valable (il sert une fois, pendant une heure). Demandez-en un nouveau.'
        : 'Ce lien d’invitation n’est plus valable. Demandez à l’administrateur de vous inviter à nouveau.',
    );
  }
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const id = sha256Hex(token);
    const t = await sessions.findToken(trx, id);
    if (!t || !(await sessions.useToken(trx, id, ctx.now().toISOString()))) {
      throw notFound('Ce lien d’invitation a déjà été utilisé.');
    }
    await users.updateUser(trx, t.user_id, { passwordHash, now: ctx.now().toISOString() });
    if (purpose === 'reset') {
      await sessions.deleteUserSessions(trx, t.user_id);
      // The owner proved they hold the mailbox: the lock put on the account by guessers is lifted
      // for them (the guessers' addresses stay throttled).
      if (link) await throttle.clearAccountFailures(trx, throttle.accountKey(normalizeEmail(link.email)));
    }
    await appendAuditEvent(trx, {
      communeId: t.commune_id,
      occurredAt: ctx.now(),
      action: purpose === 'reset' ? 'user.password_reset_by_link' : 'user.invitation_accepted',
      actorUserId: t.user_id,
      objectType: 'user',
      objectId: t.user_id,
    });
  });
}

/**
 * Sends a single-use link (valid one hour) to choose a new password. The answer is the same
 * whether the address has an account or not; at most one mail every 5 minutes per account.
 */
export async function requestPasswordReset(
  ctx: PlatformCtx,
  input: { email: string; baseUrl: string; communeId: number | null; communeNom: string | null },
): Promise<void> {
  const user = await users.findUserByEmail(ctx.db, normalizeEmail(input.email));
  if (!user || user.disabled) return;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (await sessions.hasRecentToken(trx, user.id, 'reset', addMinutes(now, -5).toISOString())) return;
    const token = await issueToken(trx, user.id, input.communeId, 'reset', now);
    await enqueueMail(
      trx,
      {
        communeId: input.communeId,
        to: user.email,
        subject: 'Choisir un nouveau mot de passe',
        text: `Bonjour,\n\nUne demande de nouveau mot de passe a été faite pour votre compte${input.communeNom ? ` de l’administration du site de ${input.communeNom}` : ''}.\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :\n${input.baseUrl}/admin/mot-de-passe/${token}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.\n`,
      },
      now,
    );
    await appendAuditEvent(trx, {
      communeId: input.communeId,
      occurredAt: now,
      action: 'user.password_reset_requested',
      actorUserId: null,
      objectType: 'user',
      objectId: user.id,
      personal: { ip: ctx.ip ?? null },
    });
  });
}
