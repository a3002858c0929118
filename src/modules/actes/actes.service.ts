import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { type FileStore, storeUpload } from '../../core/files/index.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import { renderActePdf } from './actes.pdf.js';
import { canManageActes, canSignActes } from './actes.policy.js';
import * as repo from './actes.repo.js';
import {
  type ActeAction,
  type DeliberationVote,
  executoire,
  isIsoDate,
  modePublicite,
  NATURE_INFO,
  nextNumero,
  nextStatut,
  numeroProblem,
  transitionProblem,
  transmissionRequise,
  voteProblem,
} from './actes.rules.js';
import { currentClassification } from './classification.repo.js';
import { NOMENCLATURE_NATIONALE } from './classification.rules.js';
import { appendRegistre } from './registre.service.js';
import { findReglage } from './reglage.repo.js';

/** Services that write documents need the file store. */
export type ActesCtx = CommuneCtx & { files: FileStore };

export const ACTE_NOT_FOUND = 'Cet acte n’existe pas.';
export const PDF_RULES = { allowed: ['application/pdf'], maxBytes: 20 * 1024 * 1024 } as const;

export function manageScope(ctx: CommuneCtx): TenantScope {
  if (!canManageActes(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

export async function loadActe(scope: TenantScope, id: number): Promise<repo.Acte> {
  const a = await repo.findActe(scope, id);
  if (!a) throw notFound(ACTE_NOT_FOUND);
  return a;
}

export function assertTransition(action: ActeAction, a: repo.Acte): void {
  const problem = transitionProblem(action, a);
  if (problem) throw new AppError('InvalidTransition', problem);
}

export async function audit(
  trx: Database,
  ctx: CommuneCtx,
  action: string,
  acteId: number | null,
  details: Record<string, unknown>,
): Promise<void> {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: ctx.now(),
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: acteId === null ? 'actes' : 'acte',
    objectId: acteId,
    details,
  });
}

/** The first free number of a nature for the year of `date`. */
export async function proposeNumero(scope: TenantScope, nature: repo.Acte['nature'], date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  const stem = `${NATURE_INFO[nature].prefix}${year}_`;
  return nextNumero(nature, year, await repo.numerosStartingWith(scope, stem));
}

/** Refuses a malformed number or one already used in the commune. */
export async function checkNumero(scope: TenantScope, numero: string, exceptId: number | null): Promise<void> {
  const problem = numeroProblem(numero);
  if (problem) throw invalid(problem, { numero: problem });
  if (await repo.numeroTaken(scope, numero, exceptId)) {
    const msg = `Le numéro ${numero} est déjà attribué à un autre acte de la commune.`;
    throw conflict(msg, { numero: msg });
  }
}

export interface NewDeliberation {
  seanceId: number;
  pointId: number;
  objet: string;
  /** YYYY-MM-DD: the séance's date. */
  dateDecision: string;
  matiereCode: string | null;
  auteurNom: string;
  auteurQualite: string;
  /** Full text (visas, considérants, dispositif, vote): the PDF and the search are made from it. */
  texte: string;
  vote: DeliberationVote | null;
}

/**
 * Records a délibération adopted in séance as a projet of act (numbered D<year>_NNN); Conflict if
 * the agenda item already has its act. It is then signed and published like any act.
 */
export async function createDeliberation(
  ctx: CommuneCtx,
  input: NewDeliberation,
): Promise<{ acteId: number; numero: string }> {
  manageScope(ctx);
  if (!isIsoDate(input.dateDecision)) throw invalid('La date de la délibération est invalide.');
  if (input.objet.trim() === '') throw invalid('L’objet de la délibération est obligatoire.');
  if (input.vote) {
    const problem = voteProblem(input.vote);
    if (problem) throw invalid(problem);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (await repo.findActeByPoint(scope, input.pointId)) {
      throw conflict('Une délibération existe déjà pour ce point de l’ordre du jour.');
    }
    const matiere = input.matiereCode ? await matiereOf(scope, input.matiereCode) : null;
    const numero = await proposeNumero(scope, 'deliberation', input.dateDecision);
    const nowIso = ctx.now().toISOString();
    const acteId = await repo.insertActe(scope, {
      numero,
      nature: 'deliberation',
      matiere_code: matiere?.code ?? null,
      matiere_libelle: matiere?.libelle ?? null,
      classification_date: matiere?.dateVersion ?? null,
      objet: input.objet.trim(),
      date_decision: input.dateDecision,
      auteur_nom: input.auteurNom,
      auteur_qualite: input.auteurQualite,
      texte: input.texte,
      seance_id: input.seanceId,
      point_id: input.pointId,
      ...repo.voteColumns(input.vote),
      statut: 'projet',
      document_file_id: null,
      document_source: null,
      signe_le: null,
      publicite_mode: null,
      publie_le: null,
      notifie_le: null,
      transmission_requise: transmissionRequise({
        nature: 'deliberation',
        matiereCode: matiere?.code ?? null,
        exception: null,
      })
        ? 1
        : 0,
      transmission_exception: null,
      transmission_id: null,
      transmis_le: null,
      ar_recu_le: null,
      anomalie: null,
      pref_service: null,
      fin_le: null,
      fin_motif: null,
      created_by: actorUserId(ctx.actor),
      created_at: nowIso,
      updated_at: nowIso,
    });
    await audit(trx, ctx, 'acte.created', acteId, { numero, nature: 'deliberation', seanceId: input.seanceId });
    return { acteId, numero };
  });
}

/**
 * The matière of the commune's current classification (the national levels 1–2 before any import);
 * Invalid when the code is unknown.
 */
export async function matiereOf(
  scope: TenantScope,
  code: string,
): Promise<{ code: string; libelle: string; dateVersion: string | null }> {
  const c = (await currentClassification(scope)) ?? NOMENCLATURE_NATIONALE;
  const item = c.items.find((i) => i.code === code);
  if (!item) {
    const version = c.dateVersion ? `classification de la préfecture du ${c.dateVersion}` : 'nomenclature ACTES';
    const msg = `La matière ${code} n’existe pas dans la ${version}.`;
    throw invalid(msg, { matiereCode: msg });
  }
  return { code, libelle: item.libelle, dateVersion: c.dateVersion || null };
}

/**
 * Signs an act: its document becomes final. An act written in Clocher gets its PDF now; an act
 * whose signed PDF was uploaded keeps it.
 */
export async function signActe(ctx: ActesCtx, args: { acteId: number }): Promise<void> {
  if (!canSignActes(ctx.actor)) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = await loadActe(scope, args.acteId);
    assertTransition('signer', a);
    const now = ctx.now();
    let fileId = a.documentFileId;
    if (a.documentSource !== 'depose' || fileId === null) {
      if (a.texte.trim() === '') {
        throw invalid('Rédigez le texte de l’acte ou déposez son PDF signé avant de le signer.');
      }
      const bytes = await renderActePdf({
        communeNom: ctx.commune.nom,
        nature: a.nature,
        numero: a.numero,
        objet: a.objet,
        dateDecision: a.dateDecision,
        matiere: a.matiereCode ? `${a.matiereCode} ${a.matiereLibelle ?? ''}`.trim() : null,
        texte: a.texte,
        auteurNom: a.auteurNom,
        auteurQualite: a.auteurQualite,
        signeLe: now.toISOString(),
      });
      const stored = await storeUpload({ ...ctx, db: trx }, { ...PDF_RULES, bytes, originalName: `${a.numero}.pdf` });
      fileId = stored.id;
    }
    await repo.updateActe(scope, a.id, {
      statut: nextStatut('signer', a.statut),
      signe_le: now.toISOString(),
      document_file_id: fileId,
      document_source: a.documentSource === 'depose' ? 'depose' : 'genere',
      updated_at: now.toISOString(),
    });
    await audit(trx, ctx, 'acte.signed', a.id, { numero: a.numero });
  });
}

/** SHA-256 of an act's document then of its annexes, in order. */
export async function documentHashes(scope: TenantScope, a: repo.Acte): Promise<string[]> {
  const annexes = await repo.listAnnexes(scope, a.id);
  const ids = [...(a.documentFileId === null ? [] : [a.documentFileId]), ...annexes.map((x) => x.fileId)];
  const files = await repo.filesByIds(scope, ids);
  return ids.map((id) => files.get(id)?.sha256 ?? '');
}

/**
 * Publishes a signed act in the commune's mode (electronic, affichage or papier): refused with a
 * French message if it is not signed or if it is an individual decision (those are notified). The
 * document's fingerprint is chained in the register.
 */
export async function publishActe(ctx: CommuneCtx, args: { acteId: number }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!canManageActes(ctx.actor)) throw forbidden();
    const a = await loadActe(scope, args.acteId);
    assertTransition('publier', a);
    const now = ctx.now();
    const reglage = await findReglage(scope);
    const mode = modePublicite(ctx.commune.population, reglage.publiciteMode);
    await repo.updateActe(scope, a.id, {
      statut: nextStatut('publier', a.statut),
      publicite_mode: mode,
      publie_le: now.toISOString(),
      updated_at: now.toISOString(),
    });
    const hash = await appendRegistre(scope, {
      acte: a,
      kind: 'publication',
      date: now.toISOString(),
      documents: await documentHashes(scope, a),
      now,
    });
    await bumpContentVersion(trx, ctx.commune.id);
    await audit(trx, ctx, 'acte.published', a.id, { numero: a.numero, mode, registre: hash });
  });
}

/** Records the notification of an individual decision to the persons concerned (L2131-1 II). */
export async function notifyActe(ctx: CommuneCtx, args: { acteId: number; notifieLe: string }): Promise<void> {
  if (!isIsoDate(args.notifieLe)) {
    throw invalid('La date de notification est invalide.', { notifieLe: 'Indiquez une date au format JJ/MM/AAAA.' });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!canManageActes(ctx.actor)) throw forbidden();
    const a = await loadActe(scope, args.acteId);
    assertTransition('notifier', a);
    if (args.notifieLe < a.dateDecision) {
      const msg = 'La notification ne peut pas précéder la décision.';
      throw invalid(msg, { notifieLe: msg });
    }
    await repo.updateActe(scope, a.id, {
      statut: nextStatut('notifier', a.statut),
      publicite_mode: 'notification',
      notifie_le: args.notifieLe,
      updated_at: ctx.now().toISOString(),
    });
    await audit(trx, ctx, 'acte.notified', a.id, { numero: a.numero, notifieLe: args.notifieLe });
  });
}

/**
 * Records the transmission to the préfecture (@CTES identifier, date) and, when known, the date of
 * its acknowledgement. Refused for an act not signed.
 */
export async function recordTransmission(
  ctx: CommuneCtx,
  args: { acteId: number; identifiant: string; transmisLe: string; arRecuLe?: string | null },
): Promise<void> {
  const fields: Record<string, string> = {};
  if (args.identifiant.trim() === '') fields.identifiant = 'Indiquez l’identifiant @CTES de la transmission.';
  if (!isIsoDate(args.transmisLe)) fields.transmisLe = 'Indiquez une date de transmission valide.';
  if (args.arRecuLe && !isIsoDate(args.arRecuLe)) fields.arRecuLe = 'Indiquez une date d’accusé de réception valide.';
  if (args.arRecuLe && isIsoDate(args.transmisLe) && args.arRecuLe < args.transmisLe) {
    fields.arRecuLe = 'L’accusé de réception ne peut pas précéder la transmission.';
  }
  if (Object.keys(fields).length > 0) throw invalid('La transmission n’a pas été enregistrée.', fields);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!canManageActes(ctx.actor)) throw forbidden();
    const a = await loadActe(scope, args.acteId);
    assertTransition('transmettre', a);
    if (args.transmisLe < a.dateDecision) {
      throw invalid('La transmission ne peut pas précéder la décision.', {
        transmisLe: 'La transmission ne peut pas précéder la décision.',
      });
    }
    await repo.updateActe(scope, a.id, {
      transmission_id: args.identifiant.trim(),
      transmis_le: args.transmisLe,
      ar_recu_le: args.arRecuLe ?? a.arRecuLe,
      updated_at: ctx.now().toISOString(),
    });
    await repo.insertEchange(scope, {
      acteId: a.id,
      type: args.arRecuLe ? '1-2' : '1-1',
      at: ctx.now().toISOString(),
      details: { identifiant: args.identifiant.trim(), transmisLe: args.transmisLe, arRecuLe: args.arRecuLe ?? null },
    });
    await bumpContentVersion(trx, ctx.commune.id);
    await audit(trx, ctx, 'acte.transmitted', a.id, {
      numero: a.numero,
      identifiant: args.identifiant.trim(),
      transmisLe: args.transmisLe,
      arRecuLe: args.arRecuLe ?? null,
    });
  });
}

/**
 * Records the retrait (by the commune) or the annulation (by a court or the préfet) of an act. The
 * act stays in the register with the mention; nothing is deleted.
 */
export async function endActe(
  ctx: CommuneCtx,
  args: { acteId: number; kind: 'retrait' | 'annulation'; date: string; motif: string },
): Promise<void> {
  const fields: Record<string, string> = {};
  if (!isIsoDate(args.date)) fields.date = 'Indiquez une date valide.';
  if (args.motif.trim() === '') fields.motif = 'Indiquez le motif ou la décision qui y conduit.';
  if (Object.keys(fields).length > 0) throw invalid('Le retrait n’a pas été enregistré.', fields);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!canManageActes(ctx.actor)) throw forbidden();
    const a = await loadActe(scope, args.acteId);
    const action = args.kind === 'retrait' ? 'retirer' : 'annuler';
    assertTransition(action, a);
    const now = ctx.now();
    await repo.updateActe(scope, a.id, {
      statut: nextStatut(action, a.statut),
      fin_le: args.date,
      fin_motif: args.motif.trim(),
      updated_at: now.toISOString(),
    });
    if (a.statut === 'publie') {
      await appendRegistre(scope, { acte: a, kind: args.kind, date: args.date, documents: [], now });
    }
    await bumpContentVersion(trx, ctx.commune.id);
    await audit(trx, ctx, args.kind === 'retrait' ? 'acte.withdrawn' : 'acte.annulled', a.id, {
      numero: a.numero,
      date: args.date,
    });
  });
}

/** The acts of a séance (the conseil module's délibérations), in number order. */
export async function listActesOfSeance(
  ctx: CommuneCtx,
  seanceId: number,
): Promise<
  Array<{ id: number; numero: string; objet: string; pointId: number | null; statut: string; executoire: boolean }>
> {
  const actes = await repo.listActesBySeance(new TenantScope(ctx.db, ctx.commune.id), seanceId);
  return actes.map((a) => ({
    id: a.id,
    numero: a.numero,
    objet: a.objet,
    pointId: a.pointId,
    statut: a.statut,
    executoire: executoire(a).executoire,
  }));
}
