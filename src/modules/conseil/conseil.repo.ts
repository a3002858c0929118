import type { Insertable, Selectable, Updateable } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import type { DB } from '../../db/schema.js';
import type { ConseilReglages, Mandat, ModeScrutin, PvStatut, SensVote, StatutPresence } from './conseil.rules.js';
import type {
  ConseilMembreTable,
  ConseilPointTable,
  ConseilSeanceTable,
  DelibStatut,
  SeanceType,
} from './conseil.table.js';

/** Data access of the conseil municipal: every query goes through the commune's TenantScope. */

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** A row with camelCase keys, the given 0/1 columns turned into booleans. */
type Mapped<R, B extends keyof R> = { [K in keyof R as CamelCase<K & string>]: K extends B ? boolean : R[K] };

/** Maps a row to its domain shape: snake_case columns to camelCase keys, the `flags` (0/1) to booleans. */
function fromRow<R extends object, B extends keyof R & string = never>(r: R, flags: readonly B[] = []): Mapped<R, B> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = (flags as readonly string[]).includes(k)
      ? v === 1
      : v;
  }
  return out as Mapped<R, B>;
}

/** The tables whose rows are created and changed one by id, stamped with created_at and updated_at. */
type EditedTable = 'conseil_membre' | 'conseil_seance' | 'conseil_point';

async function insertRow<T extends EditedTable>(
  scope: TenantScope,
  table: T,
  values: Omit<Insertable<DB[T]>, 'commune_id' | 'created_at' | 'updated_at'>,
  nowIso: string,
): Promise<number> {
  const row = { ...values, created_at: nowIso, updated_at: nowIso };
  // Kysely cannot resolve the columns of a generic table: the caller's values are typed for it
  const r = await scope
    .insertInto(table as 'conseil_membre', row as Omit<Insertable<ConseilMembreTable>, 'commune_id'>)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function updateRow<T extends EditedTable>(
  scope: TenantScope,
  table: T,
  id: number,
  values: Omit<Updateable<DB[T]>, 'id' | 'commune_id' | 'created_at' | 'updated_at'>,
  nowIso: string,
): Promise<void> {
  await scope
    .updateTable(table as 'conseil_membre')
    .set({ ...(values as Updateable<ConseilMembreTable>), updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export interface Membre {
  id: number;
  prenom: string;
  nom: string;
  mandat: Mandat;
  rang: number | null;
  debut: string;
  fin: string | null;
  email: string | null;
  convocationPapier: boolean;
  adresse: string;
  dateNaissance: string | null;
}

export type MembreFields = Omit<Membre, 'id'>;

const membreColumns = [
  'id',
  'prenom',
  'nom',
  'mandat',
  'rang',
  'debut',
  'fin',
  'email',
  'convocation_papier',
  'adresse',
  'date_naissance',
] as const;

type MembreRow = Pick<Selectable<ConseilMembreTable>, (typeof membreColumns)[number]>;

const toMembre = (r: MembreRow): Membre => fromRow(r, ['convocation_papier']);

const membreCols = (f: MembreFields) => ({
  prenom: f.prenom,
  nom: f.nom,
  mandat: f.mandat,
  rang: f.rang,
  debut: f.debut,
  fin: f.fin,
  email: f.email,
  convocation_papier: f.convocationPapier ? 1 : 0,
  adresse: f.adresse,
  date_naissance: f.dateNaissance,
});

const MANDAT_ORDER = { maire: 0, adjoint: 1, conseiller: 2 } as const;

/** Every member ever recorded: maire, adjoints by rank, then the conseillers by name. */
export async function listMembres(scope: TenantScope): Promise<Membre[]> {
  const rows = await scope.selectFrom('conseil_membre').select(membreColumns).execute();
  return rows
    .map(toMembre)
    .sort(
      (a, b) =>
        MANDAT_ORDER[a.mandat] - MANDAT_ORDER[b.mandat] ||
        (a.rang ?? 99) - (b.rang ?? 99) ||
        a.nom.localeCompare(b.nom, 'fr') ||
        a.prenom.localeCompare(b.prenom, 'fr') ||
        a.id - b.id,
    );
}

export async function findMembre(scope: TenantScope, id: number): Promise<Membre | undefined> {
  const r = await scope.selectFrom('conseil_membre').select(membreColumns).where('id', '=', id).executeTakeFirst();
  return r && toMembre(r);
}

export function insertMembre(scope: TenantScope, f: MembreFields, nowIso: string): Promise<number> {
  return insertRow(scope, 'conseil_membre', membreCols(f), nowIso);
}

export function updateMembre(scope: TenantScope, id: number, f: MembreFields, nowIso: string): Promise<void> {
  return updateRow(scope, 'conseil_membre', id, membreCols(f), nowIso);
}

// ---------------------------------------------------------------- settings

export async function findReglages(scope: TenantScope): Promise<ConseilReglages | undefined> {
  const r = await scope
    .selectFrom('conseil_reglages')
    .select(['delai_jours_francs', 'exclure_feries', 'delai_reconvocation'])
    .executeTakeFirst();
  return (
    r && {
      delaiJoursFrancs: r.delai_jours_francs,
      exclureFeries: r.exclure_feries === 1,
      delaiReconvocation: r.delai_reconvocation,
    }
  );
}

export async function saveReglages(scope: TenantScope, r: ConseilReglages, nowIso: string): Promise<void> {
  const values = {
    delai_jours_francs: r.delaiJoursFrancs,
    exclure_feries: r.exclureFeries ? 1 : 0,
    delai_reconvocation: r.delaiReconvocation,
    updated_at: nowIso,
  };
  const done = await scope.updateTable('conseil_reglages').set(values).executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await scope.insertInto('conseil_reglages', values).execute();
}

// ---------------------------------------------------------------- séances

export interface Seance {
  id: number;
  date: string;
  heure: string;
  lieu: string;
  type: SeanceType;
  urgence: boolean;
  reconvocationDe: number | null;
  presidentId: number | null;
  secretaireId: number | null;
  convoqueeLe: string | null;
  listePublieeLe: string | null;
  pvTexte: string;
  pvStatut: PvStatut;
  pvApprouveSeanceId: number | null;
  pvApprouveLe: string | null;
  pvSigneLe: string | null;
  pvPublieLe: string | null;
}

export interface SeanceFields {
  date: string;
  heure: string;
  lieu: string;
  type: SeanceType;
  urgence: boolean;
  reconvocationDe: number | null;
  presidentId: number | null;
  secretaireId: number | null;
}

const seanceColumns = [
  'id',
  'date',
  'heure',
  'lieu',
  'type',
  'urgence',
  'reconvocation_de',
  'president_id',
  'secretaire_id',
  'convoquee_le',
  'liste_publiee_le',
  'pv_texte',
  'pv_statut',
  'pv_approuve_seance_id',
  'pv_approuve_le',
  'pv_signe_le',
  'pv_publie_le',
] as const;

type SeanceRow = Pick<Selectable<ConseilSeanceTable>, (typeof seanceColumns)[number]>;

const toSeance = (r: SeanceRow): Seance => fromRow(r, ['urgence']);

const seanceCols = (f: SeanceFields) => ({
  date: f.date,
  heure: f.heure,
  lieu: f.lieu,
  type: f.type,
  urgence: f.urgence ? 1 : 0,
  reconvocation_de: f.reconvocationDe,
  president_id: f.presidentId,
  secretaire_id: f.secretaireId,
});

/** Séances, most recent first. */
export async function listSeances(scope: TenantScope): Promise<Seance[]> {
  const rows = await scope
    .selectFrom('conseil_seance')
    .select(seanceColumns)
    .orderBy('date', 'desc')
    .orderBy('heure', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toSeance);
}

export async function findSeance(scope: TenantScope, id: number): Promise<Seance | undefined> {
  const r = await scope.selectFrom('conseil_seance').select(seanceColumns).where('id', '=', id).executeTakeFirst();
  return r && toSeance(r);
}

export function insertSeance(scope: TenantScope, f: SeanceFields, nowIso: string): Promise<number> {
  return insertRow(scope, 'conseil_seance', seanceCols(f), nowIso);
}

export function updateSeanceFields(scope: TenantScope, id: number, f: SeanceFields, nowIso: string) {
  return updateRow(scope, 'conseil_seance', id, seanceCols(f), nowIso);
}

/** What the séance's life (convocation, liste, PV, bureau) changes, apart from its fields. */
export type SeanceState = Partial<
  Pick<
    SeanceRow,
    | 'convoquee_le'
    | 'liste_publiee_le'
    | 'pv_texte'
    | 'pv_statut'
    | 'pv_approuve_seance_id'
    | 'pv_approuve_le'
    | 'pv_signe_le'
    | 'pv_publie_le'
    | 'president_id'
    | 'secretaire_id'
  >
>;

export function updateSeanceState(scope: TenantScope, id: number, s: SeanceState, nowIso: string) {
  return updateRow(scope, 'conseil_seance', id, s, nowIso);
}

// ---------------------------------------------------------------- points

export interface Point {
  id: number;
  seanceId: number;
  numero: number;
  titre: string;
  rapporteurId: number | null;
  note: string;
  matiereCode: string | null;
  nomination: boolean;
  huisClos: boolean;
  demandesPublic: number;
  demandesSecret: number;
  secretRenonce: boolean;
  modeScrutin: ModeScrutin | null;
  pour: number | null;
  contre: number | null;
  abstention: number | null;
  npp: number | null;
  resultat: string | null;
  voixPreponderante: boolean;
  voteLe: string | null;
  delibTexte: string;
  delibStatut: DelibStatut;
  acteId: number | null;
  acteNumero: string | null;
}

const pointColumns = [
  'id',
  'seance_id',
  'numero',
  'titre',
  'rapporteur_id',
  'note',
  'matiere_code',
  'nomination',
  'huis_clos',
  'demandes_public',
  'demandes_secret',
  'secret_renonce',
  'mode_scrutin',
  'pour',
  'contre',
  'abstention',
  'npp',
  'resultat',
  'voix_preponderante',
  'vote_le',
  'delib_texte',
  'delib_statut',
  'acte_id',
  'acte_numero',
] as const;

type PointRow = Pick<Selectable<ConseilPointTable>, (typeof pointColumns)[number]>;

const toPoint = (r: PointRow): Point => fromRow(r, ['nomination', 'huis_clos', 'secret_renonce', 'voix_preponderante']);

export async function listPoints(scope: TenantScope, seanceId: number): Promise<Point[]> {
  const rows = await scope
    .selectFrom('conseil_point')
    .select(pointColumns)
    .where('seance_id', '=', seanceId)
    .orderBy('numero')
    .execute();
  return rows.map(toPoint);
}

/** Points and finalized délibérations per séance, in one query (public list of séances). */
export async function countPointsBySeance(
  scope: TenantScope,
): Promise<Map<number, { points: number; finalisees: number }>> {
  const rows = await scope.selectFrom('conseil_point').select(['seance_id', 'delib_statut']).execute();
  const out = new Map<number, { points: number; finalisees: number }>();
  for (const r of rows) {
    const c = out.get(r.seance_id) ?? { points: 0, finalisees: 0 };
    c.points++;
    if (r.delib_statut === 'finalisee') c.finalisees++;
    out.set(r.seance_id, c);
  }
  return out;
}

export async function findPoint(scope: TenantScope, seanceId: number, id: number): Promise<Point | undefined> {
  const r = await scope
    .selectFrom('conseil_point')
    .select(pointColumns)
    .where('seance_id', '=', seanceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toPoint(r);
}

export interface PointFields {
  titre: string;
  rapporteurId: number | null;
  note: string;
  matiereCode: string | null;
  nomination: boolean;
}

const pointCols = (f: PointFields) => ({
  titre: f.titre,
  rapporteur_id: f.rapporteurId,
  note: f.note,
  matiere_code: f.matiereCode,
  nomination: f.nomination ? 1 : 0,
});

export async function insertPoint(scope: TenantScope, seanceId: number, f: PointFields, nowIso: string) {
  const last = await scope
    .selectFrom('conseil_point')
    .select((eb) => eb.fn.max<number>('numero').as('n'))
    .where('seance_id', '=', seanceId)
    .executeTakeFirst();
  return insertRow(
    scope,
    'conseil_point',
    { ...pointCols(f), seance_id: seanceId, numero: Number(last?.n ?? 0) + 1 },
    nowIso,
  );
}

export function updatePointFields(scope: TenantScope, id: number, f: PointFields, nowIso: string) {
  return updateRow(scope, 'conseil_point', id, pointCols(f), nowIso);
}

/** What the séance does to a point (huis clos, vote, délibération), apart from its fields. */
export type PointState = Partial<Omit<PointRow, 'id' | 'seance_id' | 'numero' | keyof ReturnType<typeof pointCols>>>;

export function updatePointState(scope: TenantScope, id: number, s: PointState, nowIso: string) {
  return updateRow(scope, 'conseil_point', id, s, nowIso);
}

// ---------------------------------------------------------------- documents

export interface Document {
  id: number;
  pointId: number;
  fileId: number;
  titre: string;
  mime: string;
  size: number;
  sha256: string;
  originalName: string;
}

export async function listDocuments(scope: TenantScope, pointIds: readonly number[]): Promise<Document[]> {
  if (pointIds.length === 0) return [];
  const rows = await scope
    .selectFrom('conseil_document')
    .innerJoin('stored_file', 'stored_file.id', 'conseil_document.file_id')
    .select([
      'conseil_document.id',
      'conseil_document.point_id',
      'conseil_document.file_id',
      'conseil_document.titre',
      'stored_file.mime',
      'stored_file.size',
      'stored_file.sha256',
      'stored_file.original_name',
    ])
    .where('conseil_document.point_id', 'in', [...pointIds])
    .orderBy('conseil_document.id')
    .execute();
  return rows.map((r) => fromRow(r));
}

export async function insertDocument(
  scope: TenantScope,
  d: { pointId: number; fileId: number; titre: string },
  nowIso: string,
): Promise<void> {
  await scope
    .insertInto('conseil_document', { point_id: d.pointId, file_id: d.fileId, titre: d.titre, created_at: nowIso })
    .execute();
}

// ---------------------------------------------------------------- convocations

export interface Convocation {
  membreId: number;
  canal: 'email' | 'papier';
  envoyeeLe: string;
  ouverteLe: string | null;
  ouvertures: number;
}

export async function listConvocations(scope: TenantScope, seanceId: number): Promise<Convocation[]> {
  const rows = await scope
    .selectFrom('conseil_convocation')
    .select(['membre_id', 'canal', 'envoyee_le', 'ouverte_le', 'ouvertures'])
    .where('seance_id', '=', seanceId)
    .execute();
  return rows.map((r) => fromRow(r));
}

export async function insertConvocation(
  scope: TenantScope,
  c: { seanceId: number; membreId: number; tokenHash: string; canal: 'email' | 'papier' },
  nowIso: string,
): Promise<void> {
  await scope
    .insertInto('conseil_convocation', {
      seance_id: c.seanceId,
      membre_id: c.membreId,
      token_hash: c.tokenHash,
      canal: c.canal,
      envoyee_le: nowIso,
    })
    .execute();
}

export async function findConvocationByHash(
  scope: TenantScope,
  tokenHash: string,
): Promise<{ id: number; seanceId: number; membreId: number; ouverteLe: string | null } | undefined> {
  const r = await scope
    .selectFrom('conseil_convocation')
    .select(['id', 'seance_id', 'membre_id', 'ouverte_le'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r && fromRow(r);
}

/** Records an opening of the personal link; the first one is the acknowledgement. */
export async function markConvocationOpened(scope: TenantScope, id: number, nowIso: string): Promise<void> {
  await scope
    .updateTable('conseil_convocation')
    .set((eb) => ({ ouvertures: eb('ouvertures', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await scope
    .updateTable('conseil_convocation')
    .set({ ouverte_le: nowIso })
    .where('id', '=', id)
    .where('ouverte_le', 'is', null)
    .execute();
}

// ---------------------------------------------------------------- attendance and proxies

export interface PresenceRow {
  membreId: number;
  statut: StatutPresence;
  arriveePoint: number | null;
  departPoint: number | null;
}

export async function listPresences(scope: TenantScope, seanceId: number): Promise<PresenceRow[]> {
  const rows = await scope
    .selectFrom('conseil_presence')
    .select(['membre_id', 'statut', 'arrivee_point', 'depart_point'])
    .where('seance_id', '=', seanceId)
    .execute();
  return rows.map((r) => ({
    membreId: r.membre_id,
    statut: r.statut as StatutPresence,
    arriveePoint: r.arrivee_point,
    departPoint: r.depart_point,
  }));
}

export async function replacePresences(scope: TenantScope, seanceId: number, rows: readonly PresenceRow[]) {
  await scope.deleteFrom('conseil_presence').where('seance_id', '=', seanceId).execute();
  if (rows.length === 0) return;
  await scope
    .insertInto(
      'conseil_presence',
      rows.map((p) => ({
        seance_id: seanceId,
        membre_id: p.membreId,
        statut: p.statut,
        arrivee_point: p.arriveePoint,
        depart_point: p.departPoint,
      })),
    )
    .execute();
}

export interface ProcurationRow {
  id: number;
  seanceId: number;
  mandantId: number;
  mandataireId: number;
  maladie: boolean;
}

export async function listProcurations(scope: TenantScope, seanceId?: number): Promise<ProcurationRow[]> {
  let q = scope.selectFrom('conseil_procuration').select(['id', 'seance_id', 'mandant_id', 'mandataire_id', 'maladie']);
  if (seanceId !== undefined) q = q.where('seance_id', '=', seanceId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => fromRow(r, ['maladie']));
}

export async function insertProcuration(
  scope: TenantScope,
  p: { seanceId: number; mandantId: number; mandataireId: number; maladie: boolean },
  nowIso: string,
): Promise<void> {
  await scope
    .insertInto('conseil_procuration', {
      seance_id: p.seanceId,
      mandant_id: p.mandantId,
      mandataire_id: p.mandataireId,
      maladie: p.maladie ? 1 : 0,
      created_at: nowIso,
    })
    .execute();
}

export async function deleteProcuration(scope: TenantScope, seanceId: number, id: number): Promise<void> {
  await scope.deleteFrom('conseil_procuration').where('seance_id', '=', seanceId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- named votes and rounds

export async function listVotesNominatifs(
  scope: TenantScope,
  pointId: number,
): Promise<{ membreId: number; sens: SensVote; parProcuration: boolean }[]> {
  const rows = await scope
    .selectFrom('conseil_vote_nominatif')
    .select(['membre_id', 'sens', 'par_procuration'])
    .where('point_id', '=', pointId)
    .execute();
  return rows.map((r) => fromRow(r, ['par_procuration']));
}

export async function replaceVotesNominatifs(
  scope: TenantScope,
  pointId: number,
  votes: readonly { membreId: number; sens: SensVote; parProcuration: boolean }[],
): Promise<void> {
  await scope.deleteFrom('conseil_vote_nominatif').where('point_id', '=', pointId).execute();
  if (votes.length === 0) return;
  await scope
    .insertInto(
      'conseil_vote_nominatif',
      votes.map((v) => ({
        point_id: pointId,
        membre_id: v.membreId,
        sens: v.sens,
        par_procuration: v.parProcuration ? 1 : 0,
      })),
    )
    .execute();
}

export interface Tour {
  tour: number;
  votants: number;
  blancsNuls: number;
  resultats: Record<string, number>;
  eluId: number | null;
}

export async function listTours(scope: TenantScope, pointId: number): Promise<Tour[]> {
  const rows = await scope
    .selectFrom('conseil_tour')
    .select(['tour', 'votants', 'blancs_nuls', 'resultats', 'elu_id'])
    .where('point_id', '=', pointId)
    .orderBy('tour')
    .execute();
  return rows.map((r) => ({
    tour: r.tour,
    votants: r.votants,
    blancsNuls: r.blancs_nuls,
    resultats: JSON.parse(r.resultats) as Record<string, number>,
    eluId: r.elu_id,
  }));
}

export async function insertTour(scope: TenantScope, pointId: number, t: Tour, nowIso: string): Promise<void> {
  await scope
    .insertInto('conseil_tour', {
      point_id: pointId,
      tour: t.tour,
      votants: t.votants,
      blancs_nuls: t.blancsNuls,
      resultats: JSON.stringify(t.resultats),
      elu_id: t.eluId,
      created_at: nowIso,
    })
    .execute();
}
