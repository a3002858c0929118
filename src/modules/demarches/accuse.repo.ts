import type { TenantScope } from '../../core/tenancy/index.js';

/** The stored PDF of a request's accusé de réception. */

/** The stored file of the accusé, or null while it has not been produced. */
export async function findAccuseFile(scope: TenantScope, demandeId: number): Promise<{ sha256: string } | null> {
  const row = await scope
    .selectFrom('demande')
    .innerJoin('stored_file as f', 'f.id', 'demande.accuse_file_id')
    .select(['f.sha256'])
    .where('demande.id', '=', demandeId)
    .executeTakeFirst();
  return row ?? null;
}

/** Records the accusé's file only if none is recorded yet (compare-and-set); false when one was. */
export async function setAccuseFile(scope: TenantScope, demandeId: number, fileId: number): Promise<boolean> {
  const res = await scope
    .updateTable('demande')
    .set({ accuse_file_id: fileId })
    .where('id', '=', demandeId)
    .where('accuse_file_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Forgets a file row that lost the race above (the bytes may be shared: they stay). */
export async function deleteStoredFileRow(scope: TenantScope, fileId: number): Promise<void> {
  await scope.deleteFrom('stored_file').where('id', '=', fileId).execute();
}
