import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { forbidden, notFound } from '../../core/errors.js';
import type { Commune } from '../../core/tenancy/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import { publicHolidays } from '../demarches/index.js';
import { canManageConseil, canViewConseil } from './conseil.policy.js';
import * as repo from './conseil.repo.js';
import {
  type Composition,
  type ConseilReglages,
  compositionAuPoint,
  DEFAULT_REGLAGES,
  type DelaiConvocation,
  membresEnExercice,
  type Quorum,
  quorum,
  verifierDelai,
} from './conseil.rules.js';
import type { DraftComposition, DraftPoint, DraftSeance } from './conseil.templates.js';

/** What every conseil service shares: guards, the séance's whole file, names, audit. */

export const SEANCE_NOT_FOUND = 'Cette séance n’existe pas.';
export const POINT_NOT_FOUND = 'Ce point de l’ordre du jour n’existe pas.';

export function manageScope(ctx: CommuneCtx): TenantScope {
  if (!canManageConseil(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

export function viewScope(ctx: CommuneCtx): TenantScope {
  if (!canViewConseil(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

export const nomComplet = (m: { prenom: string; nom: string }): string => `${m.prenom} ${m.nom}`;

/** Paris calendar date of an instant. */
export const parisDate = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);

export async function reglagesOf(scope: TenantScope): Promise<ConseilReglages> {
  return (await repo.findReglages(scope)) ?? DEFAULT_REGLAGES;
}

export async function loadSeance(scope: TenantScope, id: number): Promise<repo.Seance> {
  const s = await repo.findSeance(scope, id);
  if (!s) throw notFound(SEANCE_NOT_FOUND);
  return s;
}

export async function loadPoint(scope: TenantScope, seanceId: number, id: number): Promise<repo.Point> {
  const p = await repo.findPoint(scope, seanceId, id);
  if (!p) throw notFound(POINT_NOT_FOUND);
  return p;
}

export interface PointEtat {
  composition: Composition;
  quorum: Quorum;
}

/** Everything known about a séance, as the pages and the services need it. */
export interface SeanceDossier {
  seance: repo.Seance;
  points: repo.Point[];
  membres: repo.Membre[];
  /** Members in office on the séance's date. */
  enExercice: repo.Membre[];
  presences: repo.PresenceRow[];
  procurations: repo.ProcurationRow[];
  convocations: repo.Convocation[];
  documents: repo.Document[];
  reglages: ConseilReglages;
  /** Attendance has been recorded at least once (before that, no quorum warning). */
  presencesRelevees: boolean;
  /** The délai check, once the convocation is sent. */
  delai: DelaiConvocation | null;
  /** Composition and quorum at the opening (point 1) and at each point, by numéro. */
  ouverture: PointEtat;
  parPoint: Map<number, PointEtat>;
  nom: (id: number | null) => string;
}

export async function loadDossier(scope: TenantScope, commune: Commune, seanceId: number): Promise<SeanceDossier> {
  const seance = await loadSeance(scope, seanceId);
  const [points, membres, presences, procurations, convocations, reglages] = await Promise.all([
    repo.listPoints(scope, seanceId),
    repo.listMembres(scope),
    repo.listPresences(scope, seanceId),
    repo.listProcurations(scope, seanceId),
    repo.listConvocations(scope, seanceId),
    reglagesOf(scope),
  ]);
  const documents = await repo.listDocuments(
    scope,
    points.map((p) => p.id),
  );
  const enExercice = membresEnExercice(membres, seance.date);
  const ids = enExercice.map((m) => m.id);
  const etat = (numero: number): PointEtat => {
    const composition = compositionAuPoint(ids, presences, procurations, numero);
    return {
      composition,
      quorum: quorum(composition.effectif, composition.presents.length, seance.reconvocationDe !== null),
    };
  };
  const byId = new Map(membres.map((m) => [m.id, m]));
  const delai = seance.convoqueeLe
    ? verifierDelai(
        {
          envoi: parisDate(new Date(seance.convoqueeLe)),
          seance: seance.date,
          population: commune.population,
          urgence: seance.urgence,
        },
        reglages,
        publicHolidays,
      )
    : null;
  return {
    seance,
    points,
    membres,
    enExercice,
    presences,
    procurations,
    convocations,
    documents,
    reglages,
    presencesRelevees: presences.length > 0,
    delai,
    ouverture: etat(1),
    parPoint: new Map(points.map((p) => [p.numero, etat(p.numero)])),
    nom: (id) => {
      const m = id === null ? undefined : byId.get(id);
      return m ? nomComplet(m) : '—';
    },
  };
}

/** The état of point `numero` (the opening's when unknown). */
export const etatAu = (d: SeanceDossier, numero: number): PointEtat => d.parPoint.get(numero) ?? d.ouverture;

const DATE_FR = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

export function draftSeanceOf(d: SeanceDossier, communeNom: string): DraftSeance {
  return {
    communeNom,
    date: d.seance.date,
    heure: d.seance.heure,
    lieu: d.seance.lieu,
    convoqueeLe: d.seance.convoqueeLe ? DATE_FR.format(new Date(d.seance.convoqueeLe)) : null,
    president: d.seance.presidentId ? d.nom(d.seance.presidentId) : null,
    secretaire: d.seance.secretaireId ? d.nom(d.seance.secretaireId) : null,
  };
}

export function draftCompositionOf(d: SeanceDossier, c: Composition): DraftComposition {
  const here = new Set([...c.presents, ...c.representes]);
  return {
    effectif: c.effectif,
    presents: c.presents.map((id) => d.nom(id)),
    representes: c.representes.map((id) => ({
      mandant: d.nom(id),
      mandataire: d.nom(d.procurations.find((p) => p.mandantId === id)?.mandataireId ?? null),
    })),
    absents: d.enExercice.filter((m) => !here.has(m.id)).map((m) => nomComplet(m)),
  };
}

export async function draftPointOf(scope: TenantScope, d: SeanceDossier, p: repo.Point): Promise<DraftPoint> {
  const nominatifs = p.modeScrutin === 'public' ? await repo.listVotesNominatifs(scope, p.id) : [];
  const tours = p.nomination ? await repo.listTours(scope, p.id) : [];
  const elu = tours.find((t) => t.eluId !== null)?.eluId ?? null;
  return {
    numero: p.numero,
    titre: p.titre,
    note: p.note,
    rapporteur: p.rapporteurId ? d.nom(p.rapporteurId) : null,
    nomination: p.nomination,
    mode: p.modeScrutin,
    figures:
      p.pour === null ? null : { pour: p.pour, contre: p.contre ?? 0, abstention: p.abstention ?? 0, npp: p.npp ?? 0 },
    resultat: p.resultat,
    voixPreponderante: p.voixPreponderante,
    elu: elu === null ? null : d.nom(elu),
    nominatifs: nominatifs.map((v) => ({ nom: d.nom(v.membreId), sens: v.sens })),
  };
}

export async function auditConseil(
  trx: Database,
  ctx: CommuneCtx,
  action: string,
  objectType: string,
  objectId: number,
  details: Record<string, unknown> = {},
): Promise<void> {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: ctx.now(),
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType,
    objectId,
    details,
  });
}
