import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import type { Role } from './auth/roles.js';
import type { Clock } from './clock.js';
import type { Commune } from './tenancy/commune.js';

/** Who acts: a signed-in user (with their role in the current commune, if any) or the system. */
export type Actor =
  | { kind: 'user'; userId: number; displayName: string; isOperator: boolean; role: Role | null }
  | { kind: 'system'; label: string };

export const systemActor = (label: string): Actor => ({ kind: 'system', label });

export const actorUserId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

/** A pino logger (the request's, with its request id, or the process's). */
export type Log = FastifyBaseLogger;

/** What every service function receives: stateful things are built at the edge and passed in. */
export interface PlatformCtx {
  db: Database;
  now: Clock;
  log: Log;
  actor: Actor;
  ip?: string | null;
}

/** A service acting inside one commune. */
export interface CommuneCtx extends PlatformCtx {
  commune: Commune;
}
