import type { FastifyRequest } from 'fastify';
import { loadSession, type SessionUser } from '../auth/index.js';
import { listUserCommunes } from '../auth/users.platform.repo.js';
import type { Actor, CommuneCtx, PlatformCtx } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { RequestMemo } from '../request-memo.js';
import type { Commune } from '../tenancy/index.js';
import { cookieNames } from './cookies.js';

/** The session token sent by the browser, if any. */
export function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[cookieNames(req.server.deps.config.secure).session];
}

/** The signed-in user, loaded once per request from the server-side session. */
export async function currentUser(req: FastifyRequest): Promise<SessionUser | null> {
  if (req.sessionUser !== undefined) return req.sessionUser;
  const token = sessionToken(req);
  req.sessionUser = token ? await loadSession(req.server.deps, token) : null;
  return req.sessionUser;
}

const memos = new WeakMap<FastifyRequest, RequestMemo>();

/** Reads shared by the parts of this request's page (see RequestMemo). */
export function requestMemo(req: FastifyRequest): RequestMemo {
  let memo = memos.get(req);
  if (!memo) {
    memo = new RequestMemo();
    memos.set(req, memo);
  }
  return memo;
}

/** The commune of the request's host; 404 when the platform serves none on it. */
export function requireCommune(req: FastifyRequest): Commune {
  if (!req.commune) throw notFound('Aucune commune n’est servie à cette adresse.');
  return req.commune;
}

export function platformCtx(req: FastifyRequest, actor: Actor): PlatformCtx {
  return { db: req.server.deps.db, now: req.server.deps.now, log: req.log, actor, ip: req.ip };
}

export function communeCtx(req: FastifyRequest, actor: Actor, commune: Commune): CommuneCtx {
  return { ...platformCtx(req, actor), commune };
}

export interface BackofficeAccess {
  user: SessionUser['user'];
  actor: Extract<Actor, { kind: 'user' }>;
  commune: Commune;
  ctx: CommuneCtx;
}

/**
 * The back-office gate: a signed-in user with an active role in this commune (or the platform
 * operator). Anonymous visitors are sent to the sign-in page by the error handler.
 */
export async function requireBackoffice(req: FastifyRequest): Promise<BackofficeAccess> {
  const commune = requireCommune(req);
  const session = await currentUser(req);
  if (!session) throw new AppError('Unauthenticated', 'Veuillez vous connecter.');
  const memberships = await listUserCommunes(req.server.deps.db, session.user.id);
  const role = memberships.find((m) => m.communeId === commune.id)?.role ?? null;
  if (role === null && !session.user.isOperator) {
    throw forbidden(`Votre compte n’a pas accès à l’administration de ${commune.nom}.`);
  }
  const actor = {
    kind: 'user' as const,
    userId: session.user.id,
    displayName: session.user.displayName,
    isOperator: session.user.isOperator,
    role,
  };
  return { user: session.user, actor, commune, ctx: communeCtx(req, actor, commune) };
}

/** The operator console's gate. */
export async function requireOperator(
  req: FastifyRequest,
): Promise<{ actor: Actor; ctx: PlatformCtx; user: SessionUser['user'] }> {
  const session = await currentUser(req);
  if (!session) throw new AppError('Unauthenticated', 'Veuillez vous connecter.');
  if (!session.user.isOperator) throw forbidden('La console de la plateforme est réservée à son opérateur.');
  const actor: Actor = {
    kind: 'user',
    userId: session.user.id,
    displayName: session.user.displayName,
    isOperator: true,
    role: null,
  };
  return { actor, ctx: platformCtx(req, actor), user: session.user };
}
