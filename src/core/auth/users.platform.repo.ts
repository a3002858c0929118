import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Role } from './roles.js';

/**
 * Users are platform-wide (one account for a secrétaire shared by three villages); their role in
 * each commune lives in `membership`, reached through memberships.repo.ts.
 */
type Db = Kysely<DB>;

export interface UserRecord {
  id: number;
  email: string;
  displayName: string;
  passwordHash: string | null;
  isOperator: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

const userColumns = [
  'id',
  'email',
  'display_name',
  'password_hash',
  'is_operator',
  'disabled',
  'last_sign_in_at',
  'created_at',
] as const;

type UserRow = {
  id: number;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_operator: number;
  disabled: number;
  last_sign_in_at: string | null;
  created_at: string;
};

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  isOperator: r.is_operator === 1,
  disabled: r.disabled === 1,
  lastSignInAt: r.last_sign_in_at,
  createdAt: r.created_at,
});

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom('app_user').select(userColumns).where('email', '=', email).executeTakeFirst();
  return r && toUser(r);
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const r = await db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

export async function insertUser(
  db: Db,
  v: { email: string; displayName: string; passwordHash: string | null; isOperator: boolean; now: string },
): Promise<number> {
  const r = await db
    .insertInto('app_user')
    .values({
      email: v.email,
      display_name: v.displayName,
      password_hash: v.passwordHash,
      is_operator: v.isOperator ? 1 : 0,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(
  db: Db,
  id: number,
  v: Partial<{ displayName: string; passwordHash: string; disabled: boolean; lastSignInAt: string }> & { now: string },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      updated_at: v.now,
      ...(v.displayName !== undefined && { display_name: v.displayName }),
      ...(v.passwordHash !== undefined && { password_hash: v.passwordHash }),
      ...(v.disabled !== undefined && { disabled: v.disabled ? 1 : 0 }),
      ...(v.lastSignInAt !== undefined && { last_sign_in_at: v.lastSignInAt }),
    })
    .where('id', '=', id)
    .execute();
}

/** Active memberships of a user across communes (for the commune switcher and sign-in). */
export async function listUserCommunes(db: Db, userId: number): Promise<{ communeId: number; role: Role }[]> {
  const rows = await db
    .selectFrom('membership')
    .select(['commune_id', 'role'])
    .where('user_id', '=', userId)
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => ({ communeId: r.commune_id, role: r.role as Role }));
}
