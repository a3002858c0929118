import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sha256Hex } from '../crypto.js';

type Db = Kysely<DB>;

// Hashes, not the e-mail or the address: the table only needs to count, for a day at most.
export const accountKey = (email: string): string => sha256Hex(`account:${email}`);
export const ipKey = (ip: string | null | undefined): string => sha256Hex(`ip:${ip ?? 'unknown'}`);

export async function countRecentFailures(
  db: Db,
  since: Date,
  keys: { account: string; ip: string },
): Promise<{ account: number; ip: number }> {
  const sinceIso = since.toISOString();
  const [account, ip] = await Promise.all([
    db
      .selectFrom('sign_in_failure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_key', '=', keys.account)
      .where('at', '>=', sinceIso)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sign_in_failure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip_key', '=', keys.ip)
      .where('at', '>=', sinceIso)
      .executeTakeFirstOrThrow(),
  ]);
  return { account: Number(account.n), ip: Number(ip.n) };
}

export async function recordFailure(db: Db, at: Date, keys: { account: string; ip: string }): Promise<void> {
  await db
    .insertInto('sign_in_failure')
    .values({ at: at.toISOString(), account_key: keys.account, ip_key: keys.ip })
    .execute();
}

export async function purgeFailures(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('sign_in_failure').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Forgets an account's failures: its owner proved they hold the mailbox (password reset by link). */
export async function clearAccountFailures(db: Db, account: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('account_key', '=', account).execute();
}
