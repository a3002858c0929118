import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Cross-commune questions of data protection. The file store is shared by content hash, so bytes
 * may be removed only when no commune refers to them any more.
 */
export async function isBlobReferenced(db: Kysely<DB>, sha256: string): Promise<boolean> {
  const file = await db.selectFrom('stored_file').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  if (file) return true;
  // The media library keeps its variants by hash in a JSON column.
  const media = await db
    .selectFrom('media')
    .select('id')
    .where('files', 'like', `%${sha256}%`)
    .limit(1)
    .executeTakeFirst();
  return media !== undefined;
}

/** The communes the daily retention job goes through. */
export async function listCommuneIds(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('commune').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}
