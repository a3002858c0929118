import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { DB, TenantTable } from '../../db/schema.js';

type Executor = Kysely<DB>;

/**
 * The schema as an update through the scope sees it: a tenant-owned row cannot be moved to another
 * commune (no `commune_id` to set), any other column can be set or filtered on.
 */
type ScopedUpdateDB = { [K in keyof DB]: K extends TenantTable ? Omit<DB[K], 'commune_id'> : DB[K] };

/**
 * The tenant-scoped door to tenant-owned tables. Every query built through it already carries
 * `commune_id = <this commune>` (select, update, delete) or sets it (insert), so a repo cannot
 * forget the filter. Repos of tenant-owned tables take a TenantScope, never the raw database;
 * the few cross-commune queries live in `*.platform.repo.ts` files.
 */
export class TenantScope {
  constructor(
    readonly db: Executor,
    readonly communeId: number,
  ) {}

  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<DB, T, object> {
    return this.db
      .selectFrom(table as TenantTable)
      .where(sql.ref(`${table}.commune_id`), '=', this.communeId) as unknown as SelectQueryBuilder<DB, T, object>;
  }

  /** Inserts rows of this commune: commune_id is set here and cannot be given by the caller. */
  insertInto<T extends TenantTable>(
    table: T,
    values: Omit<Insertable<DB[T]>, 'commune_id'> | Omit<Insertable<DB[T]>, 'commune_id'>[],
  ): InsertQueryBuilder<DB, T, InsertResult> {
    const rows = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, commune_id: this.communeId }));
    // biome-ignore lint/suspicious/noExplicitAny: the generic table type is re-established by the return type
    return (this.db.insertInto(table as TenantTable) as any).values(rows) as InsertQueryBuilder<DB, T, InsertResult>;
  }

  /** Updates rows of this commune; the type has no `commune_id` to set, so a row never changes commune. */
  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<ScopedUpdateDB, T, T, UpdateResult> {
    return this.db
      .updateTable(table as TenantTable)
      .where(sql.ref(`${table}.commune_id`), '=', this.communeId) as unknown as UpdateQueryBuilder<
      ScopedUpdateDB,
      T,
      T,
      UpdateResult
    >;
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<DB, T, DeleteResult> {
    return this.db
      .deleteFrom(table as TenantTable)
      .where(sql.ref(`${table}.commune_id`), '=', this.communeId) as unknown as DeleteQueryBuilder<DB, T, DeleteResult>;
  }

  /** The same scope inside a transaction. */
  withExecutor(db: Executor): TenantScope {
    return new TenantScope(db, this.communeId);
  }
}
