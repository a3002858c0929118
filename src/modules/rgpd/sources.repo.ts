import { sql } from 'kysely';
import { randomToken, sha256Hex } from '../../core/crypto.js';
import type { TenantScope } from '../../core/tenancy/index.js';
import { containsInsensitive } from '../../db/dialect.js';
import { DEMANDE_FINAL_STATUSES } from './rgpd.rules.js';

/**
 * The personal data the other modules keep, as data protection sees it: found by e-mail address,
 * exported, anonymized. Data protection cuts across the modules (RGPD art. 30, 15, 17, 5(1)(e)),
 * so this file reads their tables, always through the commune's scope, and only changes the
 * personal columns: the rows, their history and statistics stay.
 */

// ——— Démarche types and requests ———

export interface TypeRow {
  slug: string;
  title: string;
  summary: string;
  form: { name: string; type: string; label: string }[];
  settings: { service?: { nom?: string }; conservationMois?: number };
}

export async function listDemarcheTypes(scope: TenantScope): Promise<TypeRow[]> {
  const rows = await scope
    .selectFrom('demarche_type')
    .innerJoin('demarche_revision as r', (j) =>
      j.onRef('r.type_id', '=', 'demarche_type.id').onRef('r.version', '=', 'demarche_type.current_revision'),
    )
    .select(['demarche_type.slug', 'demarche_type.title', 'demarche_type.summary', 'r.form', 'r.settings'])
    .orderBy('demarche_type.id')
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    form: JSON.parse(r.form) as TypeRow['form'],
    settings: JSON.parse(r.settings) as TypeRow['settings'],
  }));
}

export interface ClosedDemande {
  id: number;
  reference: string;
  slug: string;
  /** When it reached its final status (its last change). */
  closedAt: string;
}

/** Closed requests still holding personal data and on no bordereau yet. */
export async function listClosedDemandes(scope: TenantScope): Promise<ClosedDemande[]> {
  const rows = await scope
    .selectFrom('demande')
    .innerJoin('demarche_type as t', 't.id', 'demande.type_id')
    .select(['demande.id', 'demande.reference', 't.slug', 'demande.updated_at'])
    .where('demande.status', 'in', [...DEMANDE_FINAL_STATUSES])
    .where('demande.email', '<>', '')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('rgpd_elimination as e')
            .select('e.id')
            .whereRef('e.commune_id', '=', 'demande.commune_id')
            .where('e.objet_type', '=', 'demande')
            .whereRef('e.objet_id', '=', 'demande.id'),
        ),
      ),
    )
    .orderBy('demande.id')
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, slug: r.slug, closedAt: r.updated_at }));
}

export interface PersonDemande {
  id: number;
  reference: string;
  slug: string;
  typeTitle: string;
  status: string;
  canal: string;
  receivedAt: string;
  updatedAt: string;
  nom: string;
  prenom: string;
  email: string;
  adresse: string;
  answers: Record<string, unknown>;
  evenements: { kind: string; body: string; author: string; createdAt: string }[];
  pieces: { field: string; name: string; mime: string; size: number }[];
}

/** The requests made with an e-mail address (normalized: lower case). */
export async function findDemandesByEmail(scope: TenantScope, email: string): Promise<PersonDemande[]> {
  const rows = await scope
    .selectFrom('demande')
    .innerJoin('demarche_type as t', 't.id', 'demande.type_id')
    .select([
      'demande.id',
      'demande.reference',
      't.slug',
      't.title',
      'demande.status',
      'demande.canal',
      'demande.received_at',
      'demande.updated_at',
      'demande.nom',
      'demande.prenom',
      'demande.email',
      'demande.adresse',
      'demande.answers',
    ])
    .where(sql`lower(demande.email)`, '=', email)
    .orderBy('demande.id')
    .execute();
  const out: PersonDemande[] = [];
  for (const r of rows) {
    const evenements = await scope
      .selectFrom('demande_evenement')
      .select(['kind', 'body', 'author', 'created_at'])
      .where('demande_id', '=', r.id)
      .where('kind', '<>', 'note')
      .orderBy('id')
      .execute();
    const pieces = await scope
      .selectFrom('demande_piece')
      .innerJoin('stored_file as f', 'f.id', 'demande_piece.file_id')
      .select(['demande_piece.field', 'f.original_name', 'f.mime', 'f.size'])
      .where('demande_piece.demande_id', '=', r.id)
      .execute();
    out.push({
      id: r.id,
      reference: r.reference,
      slug: r.slug,
      typeTitle: r.title,
      status: r.status,
      canal: r.canal,
      receivedAt: r.received_at,
      updatedAt: r.updated_at,
      nom: r.nom,
      prenom: r.prenom,
      email: r.email,
      adresse: r.adresse,
      answers: JSON.parse(r.answers) as Record<string, unknown>,
      evenements: evenements.map((e) => ({ kind: e.kind, body: e.body, author: e.author, createdAt: e.created_at })),
      pieces: pieces.map((p) => ({ field: p.field, name: p.original_name, mime: p.mime, size: p.size })),
    });
  }
  return out;
}

/**
 * Drops the personal data of requests: identity, answers, messages, pieces; their follow-up links
 * stop working. Type, status, channel and dates stay for the statistics. Returns the content hashes
 * of the files whose rows were removed (the caller removes the bytes once unreferenced).
 */
export async function anonymizeDemandes(scope: TenantScope, ids: number[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await scope
      .updateTable('demande')
      // Nobody knows the secret behind this digest: the follow-up link no longer opens anything.
      .set({ email: '', nom: '', prenom: '', adresse: '', answers: '{}', token_hash: sha256Hex(randomToken()) })
      .where('id', 'in', chunk)
      .execute();
    // Messages and motifs may quote the requester: only the kind, the statuses and the dates stay.
    await scope.updateTable('demande_evenement').set({ body: '' }).where('demande_id', 'in', chunk).execute();
    const pieces = await scope
      .selectFrom('demande_piece')
      .innerJoin('stored_file as f', 'f.id', 'demande_piece.file_id')
      .select(['demande_piece.file_id', 'f.sha256'])
      .where('demande_piece.demande_id', 'in', chunk)
      .execute();
    if (pieces.length === 0) continue;
    await scope.deleteFrom('demande_piece').where('demande_id', 'in', chunk).execute();
    // A piece's stored_file row is its own (one row per upload): it goes with the piece.
    await scope
      .deleteFrom('stored_file')
      .where(
        'id',
        'in',
        pieces.map((p) => p.file_id),
      )
      .execute();
    hashes.push(...pieces.map((p) => p.sha256));
  }
  return [...new Set(hashes)];
}

// ——— Alert subscriptions ———

export async function listStalePending(
  scope: TenantScope,
  before: string,
): Promise<{ id: number; createdAt: string }[]> {
  const rows = await scope
    .selectFrom('alerte_abonne')
    .select(['id', 'created_at'])
    .where('status', '=', 'en_attente')
    .where('created_at', '<', before)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
}

export async function findAbonnes(
  scope: TenantScope,
  email: string,
): Promise<{ id: number; email: string; status: string; createdAt: string; confirmedAt: string | null }[]> {
  const rows = await scope
    .selectFrom('alerte_abonne')
    .select(['id', 'email', 'status', 'created_at', 'confirmed_at'])
    .where('email', '=', email)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    status: r.status,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
  }));
}

export async function deleteAbonnes(scope: TenantScope, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await scope.deleteFrom('alerte_jeton').where('abonne_id', 'in', ids).execute();
  await scope.deleteFrom('alerte_abonne').where('id', 'in', ids).execute();
}

// ——— Mails sent by the platform (copies kept by the outbox) ———

// mail_outbox.commune_id may be null (platform mails), so the table is not a TenantTable: the
// commune filter is written here, on every query.

export async function listOldMails(scope: TenantScope, before: string): Promise<{ id: number; at: string }[]> {
  const rows = await scope.db
    .selectFrom('mail_outbox')
    .select(['id', 'created_at'])
    .where('commune_id', '=', scope.communeId)
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '<', before)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.created_at }));
}

export async function findMails(
  scope: TenantScope,
  email: string,
): Promise<{ id: number; subject: string; textBody: string; status: string; createdAt: string }[]> {
  const rows = await scope.db
    .selectFrom('mail_outbox')
    .select(['id', 'subject', 'text_body', 'status', 'created_at'])
    .where('commune_id', '=', scope.communeId)
    .where(sql`lower(to_address)`, '=', email)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    textBody: r.text_body,
    status: r.status,
    createdAt: r.created_at,
  }));
}

export async function deleteMails(scope: TenantScope, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await scope.db
      .deleteFrom('mail_outbox')
      .where('commune_id', '=', scope.communeId)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

// ——— The audit log's personal part (outside the hashed chain) ———

export async function findAuditPersonal(
  scope: TenantScope,
  email: string,
): Promise<{ id: number; seq: number; action: string; occurredAt: string; personal: Record<string, unknown> }[]> {
  const rows = await scope.db
    .selectFrom('audit_event')
    .select(['id', 'seq', 'action', 'occurred_at', 'personal'])
    .where('chain', '=', `commune:${scope.communeId}`)
    .where('personal', 'is not', null)
    .where(containsInsensitive('personal', email))
    .orderBy('seq')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      seq: r.seq,
      action: r.action,
      occurredAt: r.occurred_at,
      personal: JSON.parse(r.personal ?? '{}') as Record<string, unknown>,
    }))
    .filter((r) => Object.values(r.personal).some((v) => typeof v === 'string' && v.toLowerCase() === email));
}

/** Blanks the personal part: its digest stays in the chain, which still verifies. */
export async function blankAuditPersonal(scope: TenantScope, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await scope.db
    .updateTable('audit_event')
    .set({ personal: null })
    .where('chain', '=', `commune:${scope.communeId}`)
    .where('id', 'in', ids)
    .execute();
}

// ——— Accounts of the commune's agents and élus ———

export async function findAccounts(
  scope: TenantScope,
  email: string,
): Promise<{ userId: number; displayName: string; role: string; active: boolean }[]> {
  const rows = await scope
    .selectFrom('membership')
    .innerJoin('app_user as u', 'u.id', 'membership.user_id')
    .select(['u.id', 'u.display_name', 'membership.role', 'membership.active'])
    .where(sql`lower(u.email)`, '=', email)
    .execute();
  return rows.map((r) => ({ userId: r.id, displayName: r.display_name, role: r.role, active: r.active === 1 }));
}
