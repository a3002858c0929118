import type { TenantScope } from '../tenancy/tenant-scope.js';

export interface RevisionSummary {
  id: number;
  createdAt: string;
  authorUserId: number | null;
}

/** Keeps a snapshot of an entity's editable fields (in the transaction of the save). */
export async function saveRevision(
  scope: TenantScope,
  v: { entityType: string; entityId: number; authorUserId: number | null; data: unknown; now: Date },
): Promise<number> {
  const r = await scope
    .insertInto('revision', {
      entity_type: v.entityType,
      entity_id: v.entityId,
      author_user_id: v.authorUserId,
      created_at: v.now.toISOString(),
      data: JSON.stringify(v.data),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Revisions of an entity, newest first. */
export async function listRevisions(
  scope: TenantScope,
  entityType: string,
  entityId: number,
): Promise<RevisionSummary[]> {
  const rows = await scope
    .selectFrom('revision')
    .select(['id', 'created_at', 'author_user_id'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, authorUserId: r.author_user_id }));
}

/** One revision's snapshot, only if it belongs to that entity of this commune. */
export async function getRevisionData(
  scope: TenantScope,
  entityType: string,
  entityId: number,
  revisionId: number,
): Promise<unknown | undefined> {
  const r = await scope
    .selectFrom('revision')
    .select('data')
    .where('id', '=', revisionId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return r ? (JSON.parse(r.data) as unknown) : undefined;
}
