import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

/** Passkeys belong to a user (platform-wide, like the password); each works only on its host. */

export interface PasskeyRecord {
  id: number;
  userId: number;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  rpId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const columns = [
  'id',
  'user_id',
  'credential_id',
  'public_key',
  'counter',
  'transports',
  'rp_id',
  'name',
  'created_at',
  'last_used_at',
] as const;

type Row = {
  id: number;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  rp_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
};

const toRecord = (r: Row): PasskeyRecord => ({
  id: r.id,
  userId: r.user_id,
  credentialId: r.credential_id,
  publicKey: r.public_key,
  counter: r.counter,
  transports: JSON.parse(r.transports) as string[],
  rpId: r.rp_id,
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export async function listPasskeys(db: Db, userId: number): Promise<PasskeyRecord[]> {
  const rows = await db
    .selectFrom('webauthn_credential')
    .select(columns)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function countPasskeys(db: Db, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom('webauthn_credential').select('user_id').where('user_id', 'in', userIds).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function findPasskeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRecord | undefined> {
  const r = await db
    .selectFrom('webauthn_credential')
    .select(columns)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  return r && toRecord(r);
}

export async function insertPasskey(db: Db, v: Omit<PasskeyRecord, 'id' | 'lastUsedAt'>): Promise<number> {
  const r = await db
    .insertInto('webauthn_credential')
    .values({
      user_id: v.userId,
      credential_id: v.credentialId,
      public_key: v.publicKey,
      counter: v.counter,
      transports: JSON.stringify(v.transports),
      rp_id: v.rpId,
      name: v.name,
      created_at: v.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function usePasskey(db: Db, id: number, counter: number, now: string): Promise<void> {
  await db.updateTable('webauthn_credential').set({ counter, last_used_at: now }).where('id', '=', id).execute();
}

export async function deletePasskey(db: Db, userId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('webauthn_credential')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteUserPasskeys(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('webauthn_credential').where('user_id', '=', userId).execute();
}

export async function saveChallenge(db: Db, id: string, challenge: string, expiresAt: string): Promise<void> {
  await db.deleteFrom('webauthn_challenge').where('id', '=', id).execute();
  await db.insertInto('webauthn_challenge').values({ id, challenge, expires_at: expiresAt }).execute();
}

/** Takes a challenge once: it is deleted as it is read. */
export async function takeChallenge(db: Db, id: string, now: string): Promise<string | null> {
  const r = await db
    .selectFrom('webauthn_challenge')
    .select(['challenge', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  await db.deleteFrom('webauthn_challenge').where('id', '=', id).execute();
  return r.expires_at > now ? r.challenge : null;
}
