import type { TenantScope } from '../tenancy/tenant-scope.js';
import type { RevisionSummary } from './revisions.repo.js';

export interface RevisionWithAuthor extends RevisionSummary {
  /** The author's name as the commune knows them, or null (system, or no longer a member). */
  authorName: string | null;
}

/** Adds the authors' names (members of this commune only) to a list of revisions. */
export async function withRevisionAuthors(
  scope: TenantScope,
  revisions: RevisionSummary[],
): Promise<RevisionWithAuthor[]> {
  const ids = [...new Set(revisions.map((r) => r.authorUserId).filter((id): id is number => id !== null))];
  const names = new Map<number, string>();
  if (ids.length > 0) {
    const rows = await scope
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .select(['app_user.id as id', 'app_user.display_name as name'])
      .where('app_user.id', 'in', ids)
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return revisions.map((r) => ({
    ...r,
    authorName: r.authorUserId === null ? null : (names.get(r.authorUserId) ?? null),
  }));
}
