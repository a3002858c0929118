import type { TenantScope } from '../tenancy/tenant-scope.js';

/** A file a commune owns: its metadata; the bytes are in the FileStore under `sha256`. */
export interface StoredFile {
  id: number;
  sha256: string;
  mime: string;
  size: number;
  originalName: string;
  createdAt: string;
  createdBy: number | null;
}

const columns = ['id', 'sha256', 'mime', 'size', 'original_name', 'created_at', 'created_by'] as const;

type StoredFileRow = {
  id: number;
  sha256: string;
  mime: string;
  size: number;
  original_name: string;
  created_at: string;
  created_by: number | null;
};

const toStoredFile = (r: StoredFileRow): StoredFile => ({
  id: r.id,
  sha256: r.sha256,
  mime: r.mime,
  size: r.size,
  originalName: r.original_name,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** Records that the scope's commune owns a copy of stored bytes. */
export async function insertStoredFile(
  scope: TenantScope,
  v: { sha256: string; mime: string; size: number; originalName: string; now: string; createdBy: number | null },
): Promise<StoredFile> {
  const row = await scope
    .insertInto('stored_file', {
      sha256: v.sha256,
      mime: v.mime,
      size: v.size,
      original_name: v.originalName,
      created_at: v.now,
      created_by: v.createdBy,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toStoredFile(row);
}

/** A file of the scope's commune, or undefined (another commune's file included). */
export async function findStoredFile(scope: TenantScope, id: number): Promise<StoredFile | undefined> {
  const row = await scope.selectFrom('stored_file').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toStoredFile(row);
}
