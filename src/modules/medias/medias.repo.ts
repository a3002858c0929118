import type { TenantScope } from '../../core/tenancy/index.js';
import type { MediaFile } from './medias.rules.js';

export interface Media {
  id: number;
  kind: 'image' | 'document';
  title: string;
  alt: string;
  decorative: boolean;
  originalName: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  files: MediaFile[];
  sourceKey: string | null;
  createdAt: string;
}

const columns = [
  'id',
  'kind',
  'title',
  'alt',
  'decorative',
  'original_name',
  'mime',
  'size',
  'width',
  'height',
  'files',
  'source_key',
  'created_at',
] as const;

type Row = {
  id: number;
  kind: 'image' | 'document';
  title: string;
  alt: string;
  decorative: number;
  original_name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  files: string;
  source_key: string | null;
  created_at: string;
};

const toMedia = (r: Row): Media => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  alt: r.alt,
  decorative: r.decorative === 1,
  originalName: r.original_name,
  mime: r.mime,
  size: r.size,
  width: r.width,
  height: r.height,
  files: JSON.parse(r.files) as MediaFile[],
  sourceKey: r.source_key,
  createdAt: r.created_at,
});

export async function listMedia(scope: TenantScope, limit: number, offset: number): Promise<Media[]> {
  const rows = await scope
    .selectFrom('media')
    .select(columns)
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toMedia);
}

export async function countMedia(scope: TenantScope): Promise<number> {
  const r = await scope
    .selectFrom('media')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findMedia(scope: TenantScope, id: number): Promise<Media | undefined> {
  const r = await scope.selectFrom('media').select(columns).where('id', '=', id).executeTakeFirst();
  return r && toMedia(r);
}

export async function findMediaBySource(scope: TenantScope, sourceKey: string): Promise<Media | undefined> {
  const r = await scope.selectFrom('media').select(columns).where('source_key', '=', sourceKey).executeTakeFirst();
  return r && toMedia(r);
}

export async function insertMedia(
  scope: TenantScope,
  m: Omit<Media, 'id' | 'createdAt'> & { now: string; createdBy: number | null },
): Promise<number> {
  const r = await scope
    .insertInto('media', {
      kind: m.kind,
      title: m.title,
      alt: m.alt,
      decorative: m.decorative ? 1 : 0,
      original_name: m.originalName,
      mime: m.mime,
      size: m.size,
      width: m.width,
      height: m.height,
      files: JSON.stringify(m.files),
      source_key: m.sourceKey,
      created_at: m.now,
      created_by: m.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMediaText(
  scope: TenantScope,
  id: number,
  v: { title: string; alt: string; decorative: boolean },
): Promise<void> {
  await scope
    .updateTable('media')
    .set({ title: v.title, alt: v.alt, decorative: v.decorative ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function deleteMedia(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('media').where('id', '=', id).execute();
}
