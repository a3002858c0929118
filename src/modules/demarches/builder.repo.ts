import { sql } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import type { DemarcheSettings } from './demarches.builtins.js';
import type { FieldDef } from './fields.rules.js';

/** The builder's view of a type: its published version (0 when never published) and its draft. */
export interface TypeAdmin {
  id: number;
  slug: string;
  title: string;
  summary: string;
  version: number;
  published: { form: FieldDef[]; settings: DemarcheSettings } | null;
  draft: Draft | null;
  /** Requests made on each version of the form. */
  demandes: number;
}

export interface Draft {
  title: string;
  summary: string;
  form: FieldDef[];
  settings: DemarcheSettings;
}

function typeQuery(scope: TenantScope) {
  return scope
    .selectFrom('demarche_type')
    .leftJoin('demarche_revision as r', (j) =>
      j.onRef('r.type_id', '=', 'demarche_type.id').onRef('r.version', '=', 'demarche_type.current_revision'),
    )
    .select((eb) => [
      'demarche_type.id',
      'demarche_type.slug',
      'demarche_type.title',
      'demarche_type.summary',
      'demarche_type.current_revision',
      'demarche_type.draft',
      'r.form',
      'r.settings',
      eb
        .selectFrom('demande')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('demande.type_id', '=', 'demarche_type.id')
        .as('demandes'),
    ]);
}

type TypeRow = Awaited<ReturnType<ReturnType<typeof typeQuery>['executeTakeFirstOrThrow']>>;

const toTypeAdmin = (r: TypeRow): TypeAdmin => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  version: r.current_revision,
  published:
    r.form !== null && r.settings !== null
      ? { form: JSON.parse(r.form) as FieldDef[], settings: JSON.parse(r.settings) as DemarcheSettings }
      : null,
  draft: r.draft === null ? null : (JSON.parse(r.draft) as Draft),
  demandes: Number(r.demandes ?? 0),
});

export async function listTypesAdmin(scope: TenantScope): Promise<TypeAdmin[]> {
  return (await typeQuery(scope).orderBy('demarche_type.id').execute()).map(toTypeAdmin);
}

export async function findTypeAdmin(scope: TenantScope, id: number): Promise<TypeAdmin | null> {
  const row = await typeQuery(scope).where('demarche_type.id', '=', id).executeTakeFirst();
  return row ? toTypeAdmin(row) : null;
}

export async function findTypeIdBySlug(scope: TenantScope, slug: string): Promise<number | null> {
  const row = await scope.selectFrom('demarche_type').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

/** A new type, not yet published: only its draft. */
export async function insertDraftType(scope: TenantScope, slug: string, draft: Draft, now: string): Promise<number> {
  const row = await scope
    .insertInto('demarche_type', {
      slug,
      title: draft.title,
      summary: draft.summary,
      current_revision: 0,
      draft: JSON.stringify(draft),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function saveDraft(scope: TenantScope, id: number, draft: Draft | null): Promise<void> {
  await scope
    .updateTable('demarche_type')
    .set({ draft: draft === null ? null : JSON.stringify(draft) })
    .where('id', '=', id)
    .execute();
}

/**
 * Publishes a new revision (version `from + 1`) only if the type is still at `from`
 * (compare-and-set); the draft is cleared. False when someone published meanwhile.
 */
export async function publishRevision(
  scope: TenantScope,
  id: number,
  from: number,
  draft: Draft,
  now: string,
): Promise<boolean> {
  const res = await scope
    .updateTable('demarche_type')
    .set({ current_revision: from + 1, title: draft.title, summary: draft.summary, draft: null })
    .where('id', '=', id)
    .where('current_revision', '=', from)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await scope
    .insertInto('demarche_revision', {
      type_id: id,
      version: from + 1,
      form: JSON.stringify(draft.form),
      settings: JSON.stringify(draft.settings),
      created_at: now,
    })
    .execute();
  return true;
}
