import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UpdateCheck } from './updates.rules.js';

// The release feed is the platform's, not a commune's: this table has no commune_id.

/** The last check of this feed URL, or null when it was never checked. */
export async function findUpdateCheck(db: Kysely<DB>, feedUrl: string): Promise<UpdateCheck | null> {
  const row = await db
    .selectFrom('securite_update_check')
    .select([
      'checked_at',
      'succeeded_at',
      'failing_since',
      'latest_version',
      'latest_url',
      'security_version',
      'error',
    ])
    .where('feed_url', '=', feedUrl)
    .executeTakeFirst();
  if (!row) return null;
  return {
    checkedAt: row.checked_at,
    succeededAt: row.succeeded_at,
    failingSince: row.failing_since,
    latestVersion: row.latest_version,
    latestUrl: row.latest_url,
    securityVersion: row.security_version,
    error: row.error,
  };
}

/** Records a successful read of the feed. */
export async function saveUpdateSuccess(
  db: Kysely<DB>,
  feedUrl: string,
  at: string,
  found: { latestVersion: string | null; latestUrl: string | null; securityVersion: string | null },
): Promise<void> {
  const values = {
    checked_at: at,
    succeeded_at: at,
    failing_since: null,
    latest_version: found.latestVersion,
    latest_url: found.latestUrl,
    security_version: found.securityVersion,
    error: null,
  };
  await db
    .insertInto('securite_update_check')
    .values({ feed_url: feedUrl, ...values })
    .onConflict((oc) => oc.column('feed_url').doUpdateSet(values))
    .execute();
}

/** Records a failed check; what the last success found is kept, and so is the start of the failures. */
export async function saveUpdateFailure(db: Kysely<DB>, feedUrl: string, at: string, error: string): Promise<void> {
  const previous = await findUpdateCheck(db, feedUrl);
  const values = {
    checked_at: at,
    failing_since: previous?.failingSince ?? at,
    error,
  };
  await db
    .insertInto('securite_update_check')
    .values({ feed_url: feedUrl, ...values })
    .onConflict((oc) => oc.column('feed_url').doUpdateSet(values))
    .execute();
}
