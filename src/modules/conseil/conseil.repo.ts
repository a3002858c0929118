import type { TenantScope } from '../../core/tenancy/index.js';
import type { ConseilReglages, Mandat, ModeScrutin, PvStatut, SensVote, StatutPresence } from './conseil.rules.js';
import type { DelibStatut, SeanceType } from './conseil.table.js';

/** Data access of the conseil municipal: every query goes through the commune's TenantScope. */

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

type MembreRow = {
  id: number;
  prenom: string;
  nom: string;
  mandat: Mandat;
  rang: number | null;
  debut: string;
  fin: string | null;
  email: string | null;
  convocation_papier: number;
  adresse: string;
  date_naissance: string | null;
};

const toMembre = (r: MembreRow): Membre => ({
  id: r.id,
  prenom: r.prenom,
  nom: r.nom,
  mandat: r.mandat,
  rang: r.rang,
  debut: r.debut,
  fin: r.fin,
  email: r.email,
  convocationPapier: r.convocation_papier === 1,
  adresse: r.adresse,
  dateNaissance: r.date_naissance,
});

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

export async function insertMembre(scope: TenantScope, f: MembreFields, nowIso: string): Promise<number> {
  const r = await scope
    .insertInto('conseil_membre', { ...membreCols(f), created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMembre(scope: TenantScope, id: number, f: MembreFields, nowIso: string): Promise<void> {
  await scope
    .updateTable('conseil_membre')
    .set({ ...membreCols(f), updated_at: nowIso })
    .where('id', '=', id)
    .execute();
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

type SeanceRow = {
  id: number;
  date: string;
  heure: string;
  lieu: string;
  type: SeanceType;
  urgence: number;
  reconvocation_de: number | null;
  president_id: number | null;
  secretaire_id: number | null;
  convoquee_le: string | null;
  liste_publiee_le: string | null;
  pv_texte: string;
  pv_statut: PvStatut;
  pv_approuve_seance_id: number | null;
  pv_approuve_le: string | null;
  pv_signe_le: string | null;
  pv_publie_le: string | null;
};

const toSeance = (r: SeanceRow): Seance => ({
  id: r.id,
  date: r.date,
  heure: r.heure,
  lieu: r.lieu,
  type: r.type,
  urgence: r.urgence === 1,
  reconvocationDe: r.reconvocation_de,
  presidentId: r.president_id,
  secretaireId: r.secretaire_id,
  convoqueeLe: r.convoquee_le,
  listePublieeLe: r.liste_publiee_le,
  pvTexte: r.pv_texte,
  pvStatut: r.pv_statut,
  pvApprouveSeanceId: r.pv_approuve_seance_id,
  pvApprouveLe: r.pv_approuve_le,
  pvSigneLe: r.pv_signe_le,
  pvPublieLe: r.pv_publie_le,
});

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

export async function insertSeance(scope: TenantScope, f: SeanceFields, nowIso: string): Promise<number> {
  const r = await scope
    .insertInto('conseil_seance', { ...seanceCols(f), created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSeanceFields(scope: TenantScope, id: number, f: SeanceFields, nowIso: string) {
  await scope
    .updateTable('conseil_seance')
    .set({ ...seanceCols(f), updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export type SeanceState = Partial<{
  convoquee_le: string | null;
  liste_publiee_le: string | null;
  pv_texte: string;
  pv_statut: PvStatut;
  pv_approuve_seance_id: number | null;
  pv_approuve_le: string | null;
  pv_signe_le: string | null;
  pv_publie_le: string | null;
  president_id: number | null;
  secretaire_id: number | null;
}>;

export async function updateSeanceState(scope: TenantScope, id: number, s: SeanceState, nowIso: string) {
  await scope
    .updateTable('conseil_seance')
    .set({ ...s, updated_at: nowIso })
    .where('id', '=', id)
    .execute();
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

type PointRow = {
  id: number;
  seance_id: number;
  numero: number;
  titre: string;
  rapporteur_id: number | null;
  note: string;
  matiere_code: string | null;
  nomination: number;
  huis_clos: number;
  demandes_public: number;
  demandes_secret: number;
  secret_renonce: number;
  mode_scrutin: ModeScrutin | null;
  pour: number | null;
  contre: number | null;
  abstention: number | null;
  npp: number | null;
  resultat: string | null;
  voix_preponderante: number;
  vote_le: string | null;
  delib_texte: string;
  delib_statut: DelibStatut;
  acte_id: number | null;
  acte_numero: string | null;
};

const toPoint = (r: PointRow): Point => ({
  id: r.id,
  seanceId: r.seance_id,
  numero: r.numero,
  titre: r.titre,
  rapporteurId: r.rapporteur_id,
  note: r.note,
  matiereCode: r.matiere_code,
  nomination: r.nomination === 1,
  huisClos: r.huis_clos === 1,
  demandesPublic: r.demandes_public,
  demandesSecret: r.demandes_secret,
  secretRenonce: r.secret_renonce === 1,
  modeScrutin: r.mode_scrutin,
  pour: r.pour,
  contre: r.contre,
  abstention: r.abstention,
  npp: r.npp,
  resultat: r.resultat,
  voixPreponderante: r.voix_preponderante === 1,
  voteLe: r.vote_le,
  delibTexte: r.delib_texte,
  delibStatut: r.delib_statut,
  acteId: r.acte_id,
  acteNumero: r.acte_numero,
});

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
  const r = await scope
    .insertInto('conseil_point', {
      ...pointCols(f),
      seance_id: seanceId,
      numero: Number(last?.n ?? 0) + 1,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePointFields(scope: TenantScope, id: number, f: PointFields, nowIso: string) {
  await scope
    .updateTable('conseil_point')
    .set({ ...pointCols(f), updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export type PointState = Partial<{
  huis_clos: number;
  demandes_public: number;
  demandes_secret: number;
  secret_renonce: number;
  mode_scrutin: ModeScrutin | null;
  pour: number | null;
  contre: number | null;
  abstention: number | null;
  npp: number | null;
  resultat: string | null;
  voix_preponderante: number;
  vote_le: string | null;
  delib_texte: string;
  delib_statut: DelibStatut;
  acte_id: number | null;
  acte_numero: string | null;
}>;

export async function updatePointState(scope: TenantScope, id: number, s: PointState, nowIso: string) {
  await scope
    .updateTable('conseil_point')
    .set({ ...s, updated_at: nowIso })
    .where('id', '=', id)
    .execute();
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
  return rows.map((r) => ({
    id: r.id,
    pointId: r.point_id,
    fileId: r.file_id,
    titre: r.titre,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    originalName: r.original_name,
  }));
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
  return rows.map((r) => ({
    membreId: r.membre_id,
    canal: r.canal,
    envoyeeLe: r.envoyee_le,
    ouverteLe: r.ouverte_le,
    ouvertures: r.ouvertures,
  }));
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
  return r && { id: r.id, seanceId: r.seance_id, membreId: r.membre_id, ouverteLe: r.ouverte_le };
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
  return rows.map((r) => ({
    id: r.id,
    seanceId: r.seance_id,
    mandantId: r.mandant_id,
    mandataireId: r.mandataire_id,
    maladie: r.maladie === 1,
  }));
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
  return rows.map((r) => ({ membreId: r.membre_id, sens: r.sens, parProcuration: r.par_procuration === 1 }));
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
