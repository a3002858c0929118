import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { appendAuditEvent } from '../audit/index.js';
import { addMinutes } from '../clock.js';
import { actorUserId, type PlatformCtx } from '../context.js';
import { sha256Hex } from '../crypto.js';
import { AppError, invalid, notFound } from '../errors.js';
import { loadWebAuthn } from '../lazy-libs.js';
import { isThrottled, THROTTLE, TOO_MANY_ATTEMPTS } from './auth.rules.js';
import { openSession, type SignInInput } from './auth.service.js';
import * as repo from './passkeys.repo.js';
import * as sessions from './sessions.repo.js';
import * as throttle from './throttle.repo.js';
import * as totp from './totp.js';
import * as users from './users.platform.repo.js';

/**
 * Passkeys (WebAuthn) as a second factor, beside the authenticator app. A passkey is bound to the
 * host it was created on (the relying party id), so each commune's site has its own.
 */

export interface RelyingParty {
  /** The host name, without port. */
  id: string;
  /** The exact origin the browser reports, e.g. https://www.bellerive.fr */
  origin: string;
}

export type { PasskeyRecord } from './passkeys.repo.js';
export { listPasskeys } from './passkeys.repo.js';

export const PASSKEY_REFUSED = 'La clé d’accès n’a pas pu être vérifiée. Réessayez, ou utilisez un autre moyen.';
const CHALLENGE_MINUTES = 5;

const challengeKey = (purpose: 'register' | 'mfa' | 'reauth', token: string) => sha256Hex(`${purpose}:${token}`);
const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
const toB64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');

async function audit(ctx: PlatformCtx, action: string, userId: number, communeId: number | null, details = {}) {
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      communeId,
      occurredAt: ctx.now(),
      action,
      actorUserId: actorUserId(ctx.actor) ?? userId,
      objectType: 'user',
      objectId: userId,
      details,
    }),
  );
}

/** Options for the browser to create a passkey for the signed-in user (challenge kept 5 minutes). */
export async function passkeyRegistrationOptions(
  ctx: PlatformCtx,
  input: { userId: number; sessionToken: string; rp: RelyingParty },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const user = await users.findUserById(ctx.db, input.userId);
  if (!user) throw notFound();
  const existing = (await repo.listPasskeys(ctx.db, user.id)).filter((p) => p.rpId === input.rp.id);
  const { generateRegistrationOptions } = await loadWebAuthn();
  const options = await generateRegistrationOptions({
    rpName: 'Clocher',
    rpID: input.rp.id,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(`clocher-user-${user.id}`),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const expires = addMinutes(ctx.now(), CHALLENGE_MINUTES).toISOString();
  await repo.saveChallenge(ctx.db, challengeKey('register', input.sessionToken), options.challenge, expires);
  return options;
}

/** Verifies the browser's new passkey and keeps its public key; the user now has a second factor. */
export async function registerPasskey(
  ctx: PlatformCtx,
  input: { userId: number; sessionToken: string; rp: RelyingParty; response: unknown; name: string },
): Promise<number> {
  const now = ctx.now();
  const challenge = await repo.takeChallenge(ctx.db, challengeKey('register', input.sessionToken), now.toISOString());
  if (!challenge) throw invalid('L’enregistrement de la clé a expiré. Recommencez.');
  const { verifyRegistrationResponse } = await loadWebAuthn();
  let verification: VerifiedRegistrationResponse;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    ctx.log.info({ err: error }, 'passkey registration refused');
    throw invalid(PASSKEY_REFUSED);
  }
  if (!verification.verified) throw invalid(PASSKEY_REFUSED);
  const { credential } = verification.registrationInfo;
  if (await repo.findPasskeyByCredentialId(ctx.db, credential.id))
    throw invalid('Cette clé d’accès est déjà enregistrée.');
  const name = input.name.trim().slice(0, 60) || 'Clé d’accès';
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertPasskey(trx, {
      userId: input.userId,
      credentialId: credential.id,
      publicKey: toB64(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      rpId: input.rp.id,
      name,
      createdAt: now.toISOString(),
    });
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: now,
      action: 'auth.passkey_added',
      actorUserId: input.userId,
      objectType: 'user',
      objectId: input.userId,
      details: { passkeyId: id, rpId: input.rp.id },
    });
    return id;
  });
}

/** The user removes one of their passkeys. */
export async function removePasskey(ctx: PlatformCtx, userId: number, passkeyId: number): Promise<void> {
  if (!(await repo.deletePasskey(ctx.db, userId, passkeyId))) throw notFound('Cette clé d’accès n’existe plus.');
  await audit(ctx, 'auth.passkey_removed', userId, null, { passkeyId });
}

async function assertionOptions(
  ctx: PlatformCtx,
  userId: number,
  key: string,
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = (await repo.listPasskeys(ctx.db, userId)).filter((p) => p.rpId === rp.id);
  if (passkeys.length === 0) return null;
  const { generateAuthenticationOptions } = await loadWebAuthn();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: 'preferred',
  });
  await repo.saveChallenge(ctx.db, key, options.challenge, addMinutes(ctx.now(), CHALLENGE_MINUTES).toISOString());
  return options;
}

/** Checks an assertion against the user's passkey; advances its counter. False when it does not verify. */
async function verifyAssertion(
  ctx: PlatformCtx,
  userId: number,
  key: string,
  rp: RelyingParty,
  response: unknown,
): Promise<boolean> {
  const now = ctx.now().toISOString();
  const challenge = await repo.takeChallenge(ctx.db, key, now);
  const id = (response as { id?: unknown } | null)?.id;
  if (!challenge || typeof id !== 'string') return false;
  const passkey = await repo.findPasskeyByCredentialId(ctx.db, id);
  if (!passkey || passkey.userId !== userId || passkey.rpId !== rp.id) return false;
  const { verifyAuthenticationResponse } = await loadWebAuthn();
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: fromB64(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as never,
      },
      requireUserVerification: false,
    });
    if (!result.verified) return false;
    await repo.usePasskey(ctx.db, passkey.id, result.authenticationInfo.newCounter, now);
    return true;
  } catch (error) {
    ctx.log.info({ err: error }, 'passkey assertion refused');
    return false;
  }
}

const EXPIRED = 'La vérification a expiré. Connectez-vous à nouveau.';

async function pendingUser(ctx: PlatformCtx, pendingToken: string) {
  const pending = /^[A-Za-z0-9_-]{20,100}$/.test(pendingToken)
    ? await sessions.findToken(ctx.db, sha256Hex(pendingToken))
    : undefined;
  if (pending?.purpose !== 'mfa' || pending.used_at !== null || Date.parse(pending.expires_at) <= ctx.now().getTime()) {
    throw new AppError('Unauthenticated', EXPIRED);
  }
  const user = await users.findUserById(ctx.db, pending.user_id);
  if (!user || user.disabled) throw new AppError('Unauthenticated', EXPIRED);
  return user;
}

/** Options to sign in with a passkey, at the second step; null when the user has none on this site. */
export async function passkeySignInOptions(
  ctx: PlatformCtx,
  input: { pendingToken: string; rp: RelyingParty },
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const user = await pendingUser(ctx, input.pendingToken);
  return assertionOptions(ctx, user.id, challengeKey('mfa', input.pendingToken), input.rp);
}

/** Which second factors this pending sign-in's user can use here (to offer the right forms). */
export async function pendingSecondFactors(
  ctx: PlatformCtx,
  pendingToken: string,
  rp: RelyingParty,
): Promise<{ passkey: boolean; totp: boolean }> {
  try {
    const user = await pendingUser(ctx, pendingToken);
    return {
      passkey: (await repo.listPasskeys(ctx.db, user.id)).some((p) => p.rpId === rp.id),
      totp: (await totp.findTotp(ctx.db, user.id))?.confirmed === true,
    };
  } catch {
    return { passkey: false, totp: true };
  }
}

/** Second step of the sign-in with a passkey; failures count with the password failures. */
export async function completePasskeySignIn(
  ctx: PlatformCtx,
  input: { pendingToken: string; rp: RelyingParty; response: unknown } & Pick<
    SignInInput,
    'communeId' | 'userAgent' | 'previousToken'
  >,
): Promise<string> {
  const user = await pendingUser(ctx, input.pendingToken);
  const now = ctx.now();
  const keys = { account: throttle.accountKey(user.email), ip: throttle.ipKey(ctx.ip) };
  const recent = await throttle.countRecentFailures(ctx.db, addMinutes(now, -THROTTLE.windowMinutes), keys);
  if (isThrottled(recent.account, recent.ip)) throw new AppError('RateLimited', TOO_MANY_ATTEMPTS);
  const ok = await verifyAssertion(ctx, user.id, challengeKey('mfa', input.pendingToken), input.rp, input.response);
  if (!ok) {
    await throttle.recordFailure(ctx.db, now, keys);
    await audit(ctx, 'auth.passkey_refused', user.id, input.communeId);
    throw invalid(PASSKEY_REFUSED);
  }
  if (!(await sessions.useToken(ctx.db, sha256Hex(input.pendingToken), now.toISOString()))) {
    throw new AppError('Unauthenticated', EXPIRED);
  }
  return openSession(ctx, user.id, input);
}

/** Options to prove one's identity again with a passkey before a sensitive action. */
export async function passkeyReauthOptions(
  ctx: PlatformCtx,
  input: { userId: number; sessionToken: string; rp: RelyingParty },
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  return assertionOptions(ctx, input.userId, challengeKey('reauth', input.sessionToken), input.rp);
}

/** Re-authentication with a passkey: marks the session as freshly proven. */
export async function reauthenticateWithPasskey(
  ctx: PlatformCtx,
  input: { userId: number; sessionToken: string; communeId: number | null; rp: RelyingParty; response: unknown },
): Promise<void> {
  const ok = await verifyAssertion(
    ctx,
    input.userId,
    challengeKey('reauth', input.sessionToken),
    input.rp,
    input.response,
  );
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (ok) await sessions.markReauthenticated(trx, sha256Hex(input.sessionToken), now.toISOString());
    await appendAuditEvent(trx, {
      communeId: input.communeId,
      occurredAt: now,
      action: ok ? 'auth.reauthenticated' : 'auth.reauthentication_failed',
      actorUserId: input.userId,
      objectType: 'user',
      objectId: input.userId,
      details: { method: 'passkey' },
      personal: { ip: ctx.ip ?? null },
    });
  });
  if (!ok) throw invalid(PASSKEY_REFUSED);
}
