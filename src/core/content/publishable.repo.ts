import type { SelectQueryBuilder, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TenantScope } from '../tenancy/tenant-scope.js';
import type { PublicationStatus } from './publication.rules.js';
import type { PublishableItem } from './publishable.service.js';

/** The tables of publishable content: an address, a title, a publication state and timestamps. */
export type PublishableTable = {
  [K in keyof DB]: DB[K] extends {
    id: unknown;
    commune_id: number;
    slug: string;
    title: string;
    status: unknown;
    publish_at: string | null;
    created_at: string;
    updated_at: string;
  }
    ? K
    : never;
}[keyof DB];

/** The columns every publishable table has (each kind reads its own besides). */
export const PUBLISHABLE_COLUMNS = ['id', 'slug', 'title', 'status', 'publish_at', 'created_at', 'updated_at'] as const;

/** Those columns, as read. */
export interface PublishableRow {
  id: number;
  slug: string;
  title: string;
  status: PublicationStatus;
  publish_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What every stored publishable item has. */
export interface PublishableRecord extends PublishableItem {
  createdAt: string;
  updatedAt: string;
}

export const publishableRecordOf = (r: PublishableRow): PublishableRecord => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  status: r.status,
  publishAt: r.publish_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type Columns<T extends PublishableTable> = readonly (keyof DB[T] & string)[];

/** How one kind of publishable content is stored: its table, its columns and their mapping. */
export interface PublishableTableSpec<T extends PublishableTable, Row, Item, Fields> {
  table: T;
  /** The columns read for an item (mapped by `toItem`). */
  columns: Columns<T>;
  toItem(row: Row): Item;
  /** The editable fields as columns (written on insert and update). */
  toColumns(fields: Fields): Updateable<DB[T]>;
  /** The back-office list's order, newest first (then by id). */
  adminOrder: keyof DB[T] & string;
}

/**
 * The queries every kind of publishable content shares: find, list, write, change the publication
 * state, delete, and read the published items (status `publie`, publish_at reached). All through the
 * commune's TenantScope. The kind's own public lists start from `published`.
 */
export function publishableRepo<T extends PublishableTable, Row, Item, Fields>(
  spec: PublishableTableSpec<T, Row, Item, Fields>,
) {
  // Typed as any publishable table: the queries below only touch the columns they all have.
  const table: PublishableTable = spec.table;
  const columns = spec.columns as unknown as readonly 'id'[];
  const toItem = (r: unknown): Item => spec.toItem(r as Row);
  const toColumns = (f: Fields) => spec.toColumns(f) as object;
  const adminOrder = spec.adminOrder as 'updated_at';

  const published = (scope: TenantScope, nowIso: string) =>
    scope.selectFrom(table).where('status', '=', 'publie').where('publish_at', '<=', nowIso);

  return {
    /** Published items (as of `nowIso`), to select from: the start of the public queries. */
    published: published as unknown as (scope: TenantScope, nowIso: string) => SelectQueryBuilder<DB, T, object>,

    async find(scope: TenantScope, id: number): Promise<Item | undefined> {
      const r = await scope.selectFrom(table).select(columns).where('id', '=', id).executeTakeFirst();
      return r && toItem(r);
    },

    /** Every item of the commune (back-office). */
    async listAll(scope: TenantScope): Promise<Item[]> {
      const rows = await scope
        .selectFrom(table)
        .select(columns)
        .orderBy(adminOrder, 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toItem);
    },

    /** Slugs already taken that `base` could collide with (itself and base-N). */
    async slugsLike(scope: TenantScope, base: string, exceptId: number | null): Promise<Set<string>> {
      let q = scope
        .selectFrom(table)
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
      if (exceptId !== null) q = q.where('id', '!=', exceptId);
      return new Set((await q.execute()).map((r) => r.slug));
    },

    /** A published item by its address. */
    async findPublishedBySlug(scope: TenantScope, slug: string, nowIso: string): Promise<Item | undefined> {
      const r = await published(scope, nowIso).select(columns).where('slug', '=', slug).executeTakeFirst();
      return r && toItem(r);
    },

    /** Writes a new draft; returns its id. */
    async insert(scope: TenantScope, fields: Fields, nowIso: string): Promise<number> {
      const r = await scope
        .insertInto(table, {
          ...(toColumns(fields) as { slug: string; title: string }),
          status: 'brouillon',
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },

    async update(scope: TenantScope, id: number, fields: Fields, nowIso: string): Promise<void> {
      await scope
        .updateTable(table)
        .set({ ...toColumns(fields), updated_at: nowIso })
        .where('id', '=', id)
        .execute();
    },

    async setPublication(
      scope: TenantScope,
      id: number,
      p: { status: PublicationStatus; publishAt: string | null },
      nowIso: string,
    ): Promise<void> {
      await scope
        .updateTable(table)
        .set({ status: p.status, publish_at: p.publishAt, updated_at: nowIso })
        .where('id', '=', id)
        .execute();
    },

    async remove(scope: TenantScope, id: number): Promise<void> {
      await scope.deleteFrom(table).where('id', '=', id).execute();
    },

    /** Maps selected rows (of the kind's own public queries) to items. */
    toItem: spec.toItem,
  };
}
