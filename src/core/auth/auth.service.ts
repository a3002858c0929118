import { appendAuditEvent } from '../audit/index.js';
import { addMinutes } from '../clock.js';
import { actorUserId, type CommuneCtx, type PlatformCtx } from '../context.js';
import { randomToken, sha256Hex } from '../crypto.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { enqueueMail } from '../mail/index.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import {
  isThrottled,
  normalizeEmail,
  passwordProblem,
  SESSION_ABSOLUTE_MINUTES,
  sessionIsValid,
  sessionNeedsTouch,
  THROTTLE,
  TOO_MANY_ATTEMPTS,
} from './auth.rules.js';
import { keepAnAdministrator, lockMemberships } from './members.service.js';
import * as members from './memberships.repo.js';
import { issueToken } from './password-links.service.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { can } from './policy.js';
import { ROLE_LABELS, type Role } from './roles.js';
import { hasSecondFactor } from './second-factor.service.js';
import * as sessions from './sessions.repo.js';
import * as throttle from './throttle.repo.js';
import * as users from './users.platform.repo.js';

export const SIGN_IN_FAILED = 'Adresse électronique ou mot de passe incorrect.';

export interface SignInInput {
  email: string;
  password: string;
  communeId: number | null;
  userAgent: string | null;
  /** The session token the browser already had, if any: it is ended (rotation at sign-in). */
  previousToken?: string | undefined;
}

/**
 * Checks the credentials and opens a new server-side session — or, for an account with a second
 * factor, returns a short-lived token for the second step (`secondFactor: true`, no session yet). A wrong e-mail, a wrong password
 * and a disabled account get the same message and take the same time.
 */
export async function signIn(
  ctx: PlatformCtx,
  input: SignInInput,
): Promise<{ token: string; userId: number; secondFactor: boolean }> {
  const email = normalizeEmail(input.email);
  const now = ctx.now();
  const keys = { account: throttle.accountKey(email), ip: throttle.ipKey(ctx.ip) };
  const recent = await throttle.countRecentFailures(ctx.db, addMinutes(now, -THROTTLE.windowMinutes), keys);
  if (isThrottled(recent.account, recent.ip)) {
    await ctx.db.transaction().execute((trx) =>
      appendAuditEvent(trx, {
        communeId: input.communeId,
        occurredAt: now,
        action: 'auth.sign_in_throttled',
        personal: { email, ip: ctx.ip ?? null },
      }),
    );
    throw new AppError('RateLimited', TOO_MANY_ATTEMPTS);
  }
  const user = await users.findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user?.passwordHash || !ok || user.disabled) {
    await ctx.db.transaction().execute(async (trx) => {
      await throttle.recordFailure(trx, now, keys);
      await appendAuditEvent(trx, {
        communeId: input.communeId,
        occurredAt: now,
        action: 'auth.sign_in_failed',
        actorUserId: null,
        objectType: 'user',
        objectId: user?.id ?? null,
        personal: { email, ip: ctx.ip ?? null },
      });
      // The owner learns that someone is guessing their password, once per window.
      if (user && recent.account + 1 === THROTTLE.perAccount) {
        await enqueueMail(
          trx,
          {
            communeId: input.communeId,
            to: user.email,
            subject: 'Tentatives de connexion à votre compte',
            text: `Bonjour,\n\n${THROTTLE.perAccount} tentatives de connexion avec un mauvais mot de passe ont visé votre compte en moins de ${THROTTLE.windowMinutes} minutes. Par sécurité, la connexion à ce compte est suspendue pendant ${THROTTLE.windowMinutes} minutes.\n\nSi ce n’était pas vous, quelqu’un essaie peut-être de deviner votre mot de passe : choisissez-en un long et unique, et prévenez l’administrateur de la commune.\n`,
          },
          now,
        );
      }
    });
    throw new AppError('Unauthenticated', SIGN_IN_FAILED);
  }
  if (await hasSecondFactor(ctx.db, user.id)) {
    // The password was right: the second factor is asked next, through a short single-use token.
    const pending = await ctx.db.transaction().execute((trx) => issueToken(trx, user.id, input.communeId, 'mfa', now));
    return { token: pending, userId: user.id, secondFactor: true };
  }
  return { token: await openSession(ctx, user.id, input), userId: user.id, secondFactor: false };
}

/** Opens a server-side session after a successful sign-in (rotating the previous one). */
export async function openSession(
  ctx: PlatformCtx,
  userId: number,
  input: Pick<SignInInput, 'communeId' | 'userAgent' | 'previousToken'>,
): Promise<string> {
  const now = ctx.now();
  const token = randomToken();
  await ctx.db.transaction().execute(async (trx) => {
    if (input.previousToken) await sessions.deleteSession(trx, sha256Hex(input.previousToken));
    await sessions.insertSession(trx, {
      id: sha256Hex(token),
      userId,
      now: now.toISOString(),
      expiresAt: addMinutes(now, SESSION_ABSOLUTE_MINUTES).toISOString(),
      ip: ctx.ip ?? null,
      userAgent: input.userAgent,
    });
    await users.updateUser(trx, userId, { lastSignInAt: now.toISOString(), now: now.toISOString() });
    await appendAuditEvent(trx, {
      communeId: input.communeId,
      occurredAt: now,
      action: 'auth.signed_in',
      actorUserId: userId,
      objectType: 'user',
      objectId: userId,
      personal: { ip: ctx.ip ?? null },
    });
  });
  return token;
}

/** Ends a session. */
export async function signOut(ctx: PlatformCtx, token: string, communeId: number | null): Promise<void> {
  const id = sha256Hex(token);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await sessions.findSession(trx, id);
    if (!s) return;
    await sessions.deleteSession(trx, id);
    await appendAuditEvent(trx, {
      communeId,
      occurredAt: ctx.now(),
      action: 'auth.signed_out',
      actorUserId: s.userId,
      objectType: 'user',
      objectId: s.userId,
      personal: { ip: ctx.ip ?? null },
    });
  });
}

export interface SessionUser {
  sessionId: string;
  user: users.UserRecord;
  /** Sign-in, or the last proof of identity for a sensitive action (ISO). */
  createdAt: string;
  reauthenticatedAt: string | null;
}

/** The user behind a session token, or null if the session is unknown, expired or the user disabled. */
export async function loadSession(ctx: Pick<PlatformCtx, 'db' | 'now'>, token: string): Promise<SessionUser | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const id = sha256Hex(token);
  const s = await sessions.findSession(ctx.db, id);
  const now = ctx.now();
  if (!s) return null;
  if (!sessionIsValid(s, now)) {
    await sessions.deleteSession(ctx.db, id);
    return null;
  }
  const user = await users.findUserById(ctx.db, s.userId);
  if (!user || user.disabled) return null;
  if (sessionNeedsTouch(s, now)) await sessions.touchSession(ctx.db, id, now.toISOString());
  return { sessionId: id, user, createdAt: s.createdAt, reauthenticatedAt: s.reauthenticatedAt };
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  password?: string | undefined;
  isOperator?: boolean;
}

/** Creates a platform account (CLI `clocher user add`). A duplicate e-mail is a Conflict. */
export async function createUser(ctx: PlatformCtx, input: CreateUserInput): Promise<number> {
  const email = normalizeEmail(input.email);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email });
    if (problem) throw invalid(problem, { password: problem });
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (await users.findUserByEmail(trx, email)) {
      throw conflict(`Un compte existe déjà pour ${email}.`, { email: 'Un compte existe déjà pour cette adresse.' });
    }
    const id = await users.insertUser(trx, {
      email,
      displayName: input.displayName.trim(),
      passwordHash,
      isOperator: input.isOperator ?? false,
      now: ctx.now().toISOString(),
    });
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'user.created',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'user',
      objectId: id,
      details: { operator: input.isOperator ?? false },
    });
    return id;
  });
}

/** Gives a user a role in a commune (CLI `clocher user add --commune`). */
export async function grantRole(ctx: CommuneCtx, userId: number, role: Role): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockMemberships(trx, ctx.commune.id);
    const scope = new TenantScope(trx, ctx.commune.id);
    const now = ctx.now().toISOString();
    const existing = await members.findMemberByUser(scope, userId);
    if (existing) {
      await keepAnAdministrator(scope, existing, { role, active: true });
      await members.updateMembership(scope, existing.membershipId, { role, active: true, now });
    } else await members.insertMembership(scope, userId, role, now);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'member.role_granted',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'user',
      objectId: userId,
      details: { role },
    });
  });
}

/** Sets a new password and ends every session of the user (CLI `clocher user reset-password`). */
export async function resetPassword(ctx: PlatformCtx, email: string, password: string): Promise<void> {
  const problem = passwordProblem(password, { email: normalizeEmail(email) });
  if (problem) throw invalid(problem, { password: problem });
  const user = await users.findUserByEmail(ctx.db, normalizeEmail(email));
  if (!user) throw notFound(`Aucun compte pour ${normalizeEmail(email)}.`);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, user.id, { passwordHash, now: ctx.now().toISOString() });
    await sessions.deleteUserSessions(trx, user.id);
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'user.password_reset',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'user',
      objectId: user.id,
    });
  });
}

export interface InviteInput {
  email: string;
  displayName: string;
  role: Role;
  /** Absolute origin of the commune's site, for the link in the mail. */
  baseUrl: string;
}

/**
 * An administrator invites someone to the commune's back-office: the account is created if the
 * person has none (a secrétaire may already serve another village), the role is granted, and an
 * invitation mail with a single-use link to choose a password is queued in the same transaction.
 */
export async function inviteMember(ctx: CommuneCtx, input: InviteInput): Promise<void> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  const email = normalizeEmail(input.email);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const now = ctx.now();
    let user = await users.findUserByEmail(trx, email);
    const userId =
      user?.id ??
      (await users.insertUser(trx, {
        email,
        displayName: input.displayName.trim(),
        passwordHash: null,
        isOperator: false,
        now: now.toISOString(),
      }));
    user ??= await users.findUserById(trx, userId);
    if (await members.findMemberByUser(scope, userId)) {
      throw conflict(`${email} fait déjà partie des utilisateurs de la commune.`, {
        email: 'Cette personne fait déjà partie des utilisateurs de la commune.',
      });
    }
    await members.insertMembership(scope, userId, input.role, now.toISOString());
    const needsPassword = !user?.passwordHash;
    let text = `Bonjour,\n\nVous avez été invité(e) à utiliser l’espace d’administration de la commune de ${ctx.commune.nom} avec le rôle « ${ROLE_LABELS[input.role]} ».\n\n`;
    if (needsPassword) {
      const token = await issueToken(trx, userId, ctx.commune.id, 'invitation', now);
      text += `Pour choisir votre mot de passe, ouvrez ce lien (valable 7 jours, une seule fois) :\n${input.baseUrl}/admin/invitation/${token}\n`;
    } else {
      text += `Connectez-vous avec votre compte habituel :\n${input.baseUrl}/admin/connexion\n`;
    }
    await enqueueMail(
      trx,
      {
        communeId: ctx.commune.id,
        to: email,
        subject: `Invitation à l’administration du site de ${ctx.commune.nom}`,
        text: `${text}\nSi vous n’attendiez pas ce message, ignorez-le.\n`,
      },
      now,
    );
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: 'member.invited',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'user',
      objectId: userId,
      details: { role: input.role },
    });
  });
}
