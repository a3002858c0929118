import type { Insertable, Updateable } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import type { ActeStatut, DeliberationVote, ExceptionTransmission, NatureActe } from './actes.rules.js';
import type { ActeTable } from './actes.table.js';

export interface Acte {
  id: number;
  numero: string;
  nature: NatureActe;
  matiereCode: string | null;
  matiereLibelle: string | null;
  classificationDate: string | null;
  objet: string;
  dateDecision: string;
  auteurNom: string;
  auteurQualite: string;
  texte: string;
  seanceId: number | null;
  pointId: number | null;
  vote: DeliberationVote | null;
  statut: ActeStatut;
  documentFileId: number | null;
  documentSource: 'genere' | 'depose' | null;
  signeLe: string | null;
  publiciteMode: string | null;
  publieLe: string | null;
  notifieLe: string | null;
  transmissionRequise: boolean;
  transmissionException: ExceptionTransmission | null;
  transmissionId: string | null;
  transmisLe: string | null;
  arRecuLe: string | null;
  anomalie: string | null;
  prefService: string | null;
  finLe: string | null;
  finMotif: string | null;
  importe: boolean;
  createdAt: string;
  updatedAt: string;
}

export const ACTE_COLUMNS = [
  'id',
  'numero',
  'nature',
  'matiere_code',
  'matiere_libelle',
  'classification_date',
  'objet',
  'date_decision',
  'auteur_nom',
  'auteur_qualite',
  'texte',
  'seance_id',
  'point_id',
  'vote_effectif',
  'vote_presents',
  'vote_representes',
  'vote_pour',
  'vote_contre',
  'vote_abstention',
  'vote_npp',
  'statut',
  'document_file_id',
  'document_source',
  'signe_le',
  'publicite_mode',
  'publie_le',
  'notifie_le',
  'transmission_requise',
  'transmission_exception',
  'transmission_id',
  'transmis_le',
  'ar_recu_le',
  'anomalie',
  'pref_service',
  'fin_le',
  'fin_motif',
  'importe',
  'created_at',
  'updated_at',
] as const;

export type ActeRow = Omit<
  ActeTable,
  'id' | 'commune_id' | 'texte' | 'transmission_requise' | 'importe' | 'created_by'
> & {
  id: number;
  texte: string;
  transmission_requise: number;
  importe: number;
};

export function toActe(r: ActeRow): Acte {
  const vote =
    r.vote_effectif === null
      ? null
      : {
          effectif: r.vote_effectif,
          presents: r.vote_presents ?? 0,
          representes: r.vote_representes ?? 0,
          pour: r.vote_pour ?? 0,
          contre: r.vote_contre ?? 0,
          abstention: r.vote_abstention ?? 0,
          nePrendPasPart: r.vote_npp ?? 0,
        };
  return {
    id: r.id,
    numero: r.numero,
    nature: r.nature as NatureActe,
    matiereCode: r.matiere_code,
    matiereLibelle: r.matiere_libelle,
    classificationDate: r.classification_date,
    objet: r.objet,
    dateDecision: r.date_decision,
    auteurNom: r.auteur_nom,
    auteurQualite: r.auteur_qualite,
    texte: r.texte,
    seanceId: r.seance_id,
    pointId: r.point_id,
    vote,
    statut: r.statut as ActeStatut,
    documentFileId: r.document_file_id,
    documentSource: r.document_source as Acte['documentSource'],
    signeLe: r.signe_le,
    publiciteMode: r.publicite_mode,
    publieLe: r.publie_le,
    notifieLe: r.notifie_le,
    transmissionRequise: r.transmission_requise === 1,
    transmissionException: r.transmission_exception as ExceptionTransmission | null,
    transmissionId: r.transmission_id,
    transmisLe: r.transmis_le,
    arRecuLe: r.ar_recu_le,
    anomalie: r.anomalie,
    prefService: r.pref_service,
    finLe: r.fin_le,
    finMotif: r.fin_motif,
    importe: r.importe === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const voteColumns = (v: DeliberationVote | null) => ({
  vote_effectif: v?.effectif ?? null,
  vote_presents: v?.presents ?? null,
  vote_representes: v?.representes ?? null,
  vote_pour: v?.pour ?? null,
  vote_contre: v?.contre ?? null,
  vote_abstention: v?.abstention ?? null,
  vote_npp: v?.nePrendPasPart ?? null,
});

export type NewActeRow = Omit<Insertable<ActeTable>, 'commune_id'>;
export type ActeChanges = Omit<Updateable<ActeTable>, 'id' | 'commune_id'>;

export async function findActe(scope: TenantScope, id: number): Promise<Acte | undefined> {
  const r = await scope.selectFrom('acte').select(ACTE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && toActe(r);
}

export async function findActeByPoint(scope: TenantScope, pointId: number): Promise<Acte | undefined> {
  const r = await scope.selectFrom('acte').select(ACTE_COLUMNS).where('point_id', '=', pointId).executeTakeFirst();
  return r && toActe(r);
}

export async function numeroTaken(scope: TenantScope, numero: string, exceptId: number | null): Promise<boolean> {
  let q = scope.selectFrom('acte').select('id').where('numero', '=', numero);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Numbers starting with `stem` (to choose the next one). */
export async function numerosStartingWith(scope: TenantScope, stem: string): Promise<string[]> {
  const rows = await scope.selectFrom('acte').select('numero').where('numero', 'like', `${stem}%`).execute();
  return rows.map((r) => r.numero);
}

export async function insertActe(scope: TenantScope, row: NewActeRow): Promise<number> {
  const r = await scope.insertInto('acte', row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateActe(scope: TenantScope, id: number, changes: ActeChanges): Promise<void> {
  await scope.updateTable('acte').set(changes).where('id', '=', id).execute();
}

export async function listActesBySeance(scope: TenantScope, seanceId: number): Promise<Acte[]> {
  const rows = await scope
    .selectFrom('acte')
    .select(ACTE_COLUMNS)
    .where('seance_id', '=', seanceId)
    .orderBy('numero')
    .execute();
  return rows.map(toActe);
}

export interface Annexe {
  id: number;
  fileId: number;
  position: number;
  typePj: string | null;
}

export async function listAnnexes(scope: TenantScope, acteId: number): Promise<Annexe[]> {
  const rows = await scope
    .selectFrom('acte_annexe')
    .select(['id', 'file_id', 'position', 'type_pj'])
    .where('acte_id', '=', acteId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, fileId: r.file_id, position: r.position, typePj: r.type_pj }));
}

export async function insertAnnexe(
  scope: TenantScope,
  a: { acteId: number; fileId: number; position: number; typePj: string | null; now: string },
): Promise<void> {
  await scope
    .insertInto('acte_annexe', {
      acte_id: a.acteId,
      file_id: a.fileId,
      position: a.position,
      type_pj: a.typePj,
      created_at: a.now,
    })
    .execute();
}

export async function deleteAnnexe(scope: TenantScope, acteId: number, annexeId: number): Promise<void> {
  await scope.deleteFrom('acte_annexe').where('acte_id', '=', acteId).where('id', '=', annexeId).execute();
}

export async function insertEchange(
  scope: TenantScope,
  e: { acteId: number; type: string; at: string; details: Record<string, unknown> },
): Promise<void> {
  await scope
    .insertInto('acte_echange', {
      acte_id: e.acteId,
      type: e.type,
      occurred_at: e.at,
      details: JSON.stringify(e.details),
    })
    .execute();
}

export interface Echange {
  type: string;
  occurredAt: string;
  details: Record<string, unknown>;
}

export async function listEchanges(scope: TenantScope, acteId: number): Promise<Echange[]> {
  const rows = await scope
    .selectFrom('acte_echange')
    .select(['type', 'occurred_at', 'details'])
    .where('acte_id', '=', acteId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ type: r.type, occurredAt: r.occurred_at, details: JSON.parse(r.details) }));
}

export interface FileInfo {
  id: number;
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
}

/** The commune's stored files by id (document and annexes of acts). */
export async function filesByIds(scope: TenantScope, ids: number[]): Promise<Map<number, FileInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await scope
    .selectFrom('stored_file')
    .select(['id', 'sha256', 'size', 'mime', 'original_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, sha256: r.sha256, size: r.size, mime: r.mime, originalName: r.original_name }]),
  );
}

export async function listActesByNumero(scope: TenantScope, numero: string): Promise<Acte[]> {
  const rows = await scope.selectFrom('acte').select(ACTE_COLUMNS).where('numero', '=', numero).execute();
  return rows.map(toActe);
}
