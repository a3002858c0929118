import type { TenantScope } from '../../core/tenancy/index.js';
import type { Classification, MatiereItem, TypePjItem } from './classification.rules.js';

/** The commune's classification in force: the latest by date of version, or null before any import. */
export async function currentClassification(scope: TenantScope): Promise<Classification | null> {
  const r = await scope
    .selectFrom('acte_classification')
    .select(['date_version', 'items', 'types_pj'])
    .orderBy('date_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r
    ? {
        dateVersion: r.date_version,
        items: JSON.parse(r.items) as MatiereItem[],
        typesPj: JSON.parse(r.types_pj) as TypePjItem[],
      }
    : null;
}

export async function classificationVersions(
  scope: TenantScope,
): Promise<{ dateVersion: string; importedAt: string; count: number }[]> {
  const rows = await scope
    .selectFrom('acte_classification')
    .select(['date_version', 'imported_at', 'items'])
    .orderBy('date_version', 'desc')
    .execute();
  return rows.map((r) => ({
    dateVersion: r.date_version,
    importedAt: r.imported_at,
    count: (JSON.parse(r.items) as unknown[]).length,
  }));
}

export async function hasClassificationVersion(scope: TenantScope, dateVersion: string): Promise<boolean> {
  const r = await scope
    .selectFrom('acte_classification')
    .select('id')
    .where('date_version', '=', dateVersion)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertClassification(scope: TenantScope, c: Classification, now: string): Promise<void> {
  await scope
    .insertInto('acte_classification', {
      date_version: c.dateVersion,
      items: JSON.stringify(c.items),
      types_pj: JSON.stringify(c.typesPj),
      imported_at: now,
    })
    .execute();
}
