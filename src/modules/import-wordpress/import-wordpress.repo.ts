import type { TenantScope } from '../../core/tenancy/index.js';

/** What an earlier import of a WordPress item created. */
export interface ImportedItem {
  wpId: number;
  kind: 'actualite' | 'page';
  localId: number;
  slug: string;
  hash: string;
}

/** The items of a WordPress site already imported into the commune, by WordPress id. */
export async function importedItems(scope: TenantScope, site: string): Promise<Map<number, ImportedItem>> {
  const rows = await scope
    .selectFrom('wordpress_import_item')
    .select(['wp_id', 'kind', 'local_id', 'slug', 'hash'])
    .where('site', '=', site)
    .execute();
  return new Map(
    rows.map((r) => [r.wp_id, { wpId: r.wp_id, kind: r.kind, localId: r.local_id, slug: r.slug, hash: r.hash }]),
  );
}

/** Records (or moves) what a WordPress item became. */
export async function saveImportedItem(
  scope: TenantScope,
  site: string,
  item: ImportedItem,
  now: string,
): Promise<void> {
  const updated = await scope
    .updateTable('wordpress_import_item')
    .set({ kind: item.kind, local_id: item.localId, slug: item.slug, hash: item.hash, imported_at: now })
    .where('site', '=', site)
    .where('wp_id', '=', item.wpId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await scope
    .insertInto('wordpress_import_item', {
      site,
      wp_id: item.wpId,
      kind: item.kind,
      local_id: item.localId,
      slug: item.slug,
      hash: item.hash,
      imported_at: now,
    })
    .execute();
}
