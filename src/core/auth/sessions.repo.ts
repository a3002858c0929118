import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

export interface SessionRecord {
  id: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  reauthenticatedAt: string | null;
}

export async function insertSession(
  db: Db,
  v: { id: string; userId: number; now: string; expiresAt: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      id: v.id,
      user_id: v.userId,
      created_at: v.now,
      last_seen_at: v.now,
      expires_at: v.expiresAt,
      ip: v.ip,
      user_agent: v.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRecord | undefined> {
  const r = await db
    .selectFrom('user_session')
    .select(['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'reauthenticated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      userId: r.user_id,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      reauthenticatedAt: r.reauthenticated_at,
    }
  );
}

export async function markReauthenticated(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('user_session').set({ reauthenticated_at: now }).where('id', '=', id).execute();
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

/** Deletes sessions past their absolute expiry or idle for longer than `idleMinutes`. */
export async function deleteExpiredSessions(db: Db, now: Date, idleMinutes: number): Promise<number> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  const r = await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<', idleSince)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertToken(
  db: Db,
  v: { id: string; userId: number; communeId: number | null; purpose: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('user_token')
    .values({
      id: v.id,
      user_id: v.userId,
      commune_id: v.communeId,
      purpose: v.purpose,
      created_at: v.now,
      expires_at: v.expiresAt,
    })
    .execute();
}

export async function findToken(db: Db, id: string) {
  return db
    .selectFrom('user_token')
    .select(['id', 'user_id', 'commune_id', 'purpose', 'expires_at', 'used_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks a token used; false when it was already used (a second click, a race). */
export async function useToken(db: Db, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('user_token')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Was a token of this purpose issued to the user since `sinceIso`? (throttles reset mails) */
export async function hasRecentToken(db: Db, userId: number, purpose: string, sinceIso: string): Promise<boolean> {
  const r = await db
    .selectFrom('user_token')
    .select('id')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>=', sinceIso)
    .executeTakeFirst();
  return r !== undefined;
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
}

/** The open sessions of a user, latest activity first. */
export async function listUserSessions(db: Db, userId: number, nowIso: string): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom('user_session')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', nowIso)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, userAgent: r.user_agent }));
}

/** Ends one session of the user (never another user's). */
export async function deleteUserSession(db: Db, userId: number, id: string): Promise<boolean> {
  const r = await db.deleteFrom('user_session').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
