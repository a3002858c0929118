import { sql } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import { containsInsensitive } from '../../db/dialect.js';
import type { DemarcheSettings } from './demarches.builtins.js';
import type { Status } from './demarches.rules.js';
import type { Answers, FieldDef } from './fields.rules.js';

export interface DemarcheType {
  id: number;
  slug: string;
  title: string;
  summary: string;
  revisionId: number;
  version: number;
  form: FieldDef[];
  settings: DemarcheSettings;
}

export interface Demande {
  id: number;
  typeId: number;
  typeSlug: string;
  typeTitle: string;
  reference: string;
  tokenHash: string;
  status: Status;
  canal: string;
  email: string;
  nom: string;
  prenom: string;
  adresse: string;
  answers: Answers;
  receivedAt: string;
  decisionDue: string | null;
  /** The agent in charge (user id), or null. */
  assigneeUserId: number | null;
  form: FieldDef[];
  settings: DemarcheSettings;
}

/** The types of the commune with their current revision. */
export async function listTypes(scope: TenantScope): Promise<DemarcheType[]> {
  const rows = await scope
    .selectFrom('demarche_type')
    .innerJoin('demarche_revision as r', (j) =>
      j.onRef('r.type_id', '=', 'demarche_type.id').onRef('r.version', '=', 'demarche_type.current_revision'),
    )
    .select([
      'demarche_type.id',
      'demarche_type.slug',
      'demarche_type.title',
      'demarche_type.summary',
      'r.id as revision_id',
      'r.version',
      'r.form',
      'r.settings',
    ])
    .orderBy('demarche_type.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    revisionId: r.revision_id,
    version: r.version,
    form: JSON.parse(r.form) as FieldDef[],
    settings: JSON.parse(r.settings) as DemarcheSettings,
  }));
}

export async function insertType(
  scope: TenantScope,
  t: { slug: string; title: string; summary: string; form: FieldDef[]; settings: DemarcheSettings; now: string },
): Promise<void> {
  const { id } = await scope
    .insertInto('demarche_type', {
      slug: t.slug,
      title: t.title,
      summary: t.summary,
      current_revision: 1,
      created_at: t.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await scope
    .insertInto('demarche_revision', {
      type_id: id,
      version: 1,
      form: JSON.stringify(t.form),
      settings: JSON.stringify(t.settings),
      created_at: t.now,
    })
    .execute();
}

/** The next number of the year's counter (the caller holds the lock). */
export async function nextNumber(scope: TenantScope, year: number): Promise<number> {
  // One statement in the usual case: the counter of the year exists.
  const row = await scope
    .updateTable('demande_compteur')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirst();
  if (row) return row.last;
  await scope.insertInto('demande_compteur', { year, last: 1 }).execute();
  return 1;
}

export interface NewDemande {
  typeId: number;
  revisionId: number;
  reference: string;
  tokenHash: string;
  canal: string;
  email: string;
  nom: string;
  prenom: string;
  adresse: string;
  answers: Answers;
  receivedAt: string;
  decisionDue: string | null;
}

export async function insertDemande(scope: TenantScope, d: NewDemande): Promise<number> {
  const row = await scope
    .insertInto('demande', {
      type_id: d.typeId,
      revision_id: d.revisionId,
      reference: d.reference,
      token_hash: d.tokenHash,
      status: 'recue',
      canal: d.canal,
      email: d.email,
      nom: d.nom,
      prenom: d.prenom,
      adresse: d.adresse,
      answers: JSON.stringify(d.answers),
      received_at: d.receivedAt,
      decision_due: d.decisionDue,
      updated_at: d.receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const demandeColumns = [
  'demande.id',
  'demande.type_id',
  'demande.reference',
  'demande.token_hash',
  'demande.status',
  'demande.canal',
  'demande.email',
  'demande.nom',
  'demande.prenom',
  'demande.adresse',
  'demande.answers',
  'demande.received_at',
  'demande.decision_due',
  'demande.assignee_user_id',
  't.slug',
  't.title',
  'r.form',
  'r.settings',
] as const;

export function demandeQuery(scope: TenantScope) {
  return scope
    .selectFrom('demande')
    .innerJoin('demarche_type as t', 't.id', 'demande.type_id')
    .innerJoin('demarche_revision as r', 'r.id', 'demande.revision_id')
    .select([...demandeColumns]);
}

type DemandeRow = Awaited<ReturnType<ReturnType<typeof demandeQuery>['executeTakeFirstOrThrow']>>;

export const toDemande = (r: DemandeRow): Demande => ({
  id: r.id,
  typeId: r.type_id,
  typeSlug: r.slug,
  typeTitle: r.title,
  reference: r.reference,
  tokenHash: r.token_hash,
  status: r.status as Status,
  canal: r.canal,
  email: r.email,
  nom: r.nom,
  prenom: r.prenom,
  adresse: r.adresse,
  answers: JSON.parse(r.answers) as Answers,
  receivedAt: r.received_at,
  decisionDue: r.decision_due,
  assigneeUserId: r.assignee_user_id,
  form: JSON.parse(r.form) as FieldDef[],
  settings: JSON.parse(r.settings) as DemarcheSettings,
});

export async function findDemande(scope: TenantScope, id: number): Promise<Demande | null> {
  const row = await demandeQuery(scope).where('demande.id', '=', id).executeTakeFirst();
  return row ? toDemande(row) : null;
}

export async function findDemandeByReference(scope: TenantScope, reference: string): Promise<Demande | null> {
  const row = await demandeQuery(scope).where('demande.reference', '=', reference).executeTakeFirst();
  return row ? toDemande(row) : null;
}

export interface DemandeFilter {
  type?: string | undefined;
  status?: Status | undefined;
  overdueBefore?: string | undefined;
  text?: string | undefined;
}

/** The commune's requests matching the filter, newest first. */
export async function listDemandes(scope: TenantScope, f: DemandeFilter, limit = 500): Promise<Demande[]> {
  let q = demandeQuery(scope);
  if (f.type) q = q.where('t.slug', '=', f.type);
  if (f.status) q = q.where('demande.status', '=', f.status);
  if (f.overdueBefore) {
    q = q
      .where('demande.decision_due', '<', f.overdueBefore)
      .where('demande.status', 'in', ['recue', 'instruction', 'complements']);
  }
  if (f.text) {
    const t = f.text;
    q = q.where((eb) =>
      eb.or([
        containsInsensitive('demande.reference', t),
        containsInsensitive('demande.nom', t),
        containsInsensitive('demande.email', t),
        containsInsensitive('demande.answers', t),
      ]),
    );
  }
  const rows = await q.orderBy('demande.received_at', 'desc').orderBy('demande.id', 'desc').limit(limit).execute();
  return rows.map(toDemande);
}

/** Number of requests by status. */
export async function countByStatus(scope: TenantScope): Promise<Record<string, number>> {
  const rows = await scope
    .selectFrom('demande')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Changes the status only if it is still `from` (compare-and-set); false when it moved meanwhile. */
export async function updateStatus(
  scope: TenantScope,
  id: number,
  from: Status,
  to: Status,
  decisionDue: string | null,
  now: string,
): Promise<boolean> {
  const res = await scope
    .updateTable('demande')
    .set({ status: to, decision_due: decisionDue, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
