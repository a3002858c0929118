import type { CommuneCtx } from '../../core/context.js';
import { AppError, conflict, invalid, isAppError, notFound } from '../../core/errors.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { createDeliberation, listActesOfSeance } from '../actes/index.js';
import {
  auditConseil,
  draftCompositionOf,
  draftPointOf,
  draftSeanceOf,
  etatAu,
  loadDossier,
  loadPoint,
  loadSeance,
  manageScope,
  nomComplet,
  type SeanceDossier,
  viewScope,
} from './conseil.dossier.js';
import * as repo from './conseil.repo.js';
import { approbationProblem, enExercice, PV_LABELS, type PvAction, pvTransition } from './conseil.rules.js';
import { draftDeliberation, draftPv } from './conseil.templates.js';
import { renderRegistrePdf } from './registre.pdf.js';

/** After the séance: délibérations, liste des délibérations, procès-verbal, registre. */

/** The draft of a point's délibération from the template (visas, considérants, dispositif, vote). */
export async function deliberationDraft(ctx: CommuneCtx, d: SeanceDossier, p: repo.Point): Promise<string> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const c = draftCompositionOf(d, etatAu(d, p.numero).composition);
  return draftDeliberation(draftSeanceOf(d, ctx.commune.nom), await draftPointOf(scope, d, p), c);
}

/** The text of a point's délibération as saved, or its draft when none is saved yet. */
export async function getDeliberationText(ctx: CommuneCtx, seanceId: number, pointId: number): Promise<string> {
  const scope = viewScope(ctx);
  const d = await loadDossier(scope, ctx.commune, seanceId);
  const p = await loadPoint(scope, seanceId, pointId);
  return p.delibTexte || deliberationDraft(ctx, d, p);
}

/** Saves the edited text of a délibération, until it is finalized. */
export async function saveDeliberation(ctx: CommuneCtx, seanceId: number, pointId: number, texte: string) {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const p = await loadPoint(scope, seanceId, pointId);
    if (p.delibStatut === 'finalisee') throw conflict('La délibération est finalisée : son texte ne change plus.');
    await repo.updatePointState(
      scope,
      pointId,
      { delib_texte: texte, delib_statut: 'brouillon' },
      ctx.now().toISOString(),
    );
    await auditConseil(trx, ctx, 'conseil.deliberation_saved', 'conseil_point', pointId, { seanceId });
  });
}

/** The maire in office on `date` (author of the acts), or the président de séance. */
function auteurOf(d: SeanceDossier): { nom: string; qualite: string } {
  const maire = d.membres.find((m) => m.mandat === 'maire' && enExercice(m, d.seance.date));
  if (maire) return { nom: nomComplet(maire), qualite: 'Maire' };
  return { nom: d.nom(d.seance.presidentId), qualite: 'Président de séance' };
}

async function existingActe(ctx: CommuneCtx, seanceId: number, pointId: number) {
  return (await listActesOfSeance(ctx, seanceId)).find((a) => a.pointId === pointId);
}

/**
 * Finalizes a voted point's délibération: it becomes an act of the register (createDeliberation of
 * the actes module, VOTE effectif = members in office on the séance's date), then is signed and
 * published there. Safe to retry: an act already made for the point is reused.
 */
export async function finaliserDeliberation(
  ctx: CommuneCtx,
  seanceId: number,
  pointId: number,
): Promise<{ acteId: number; numero: string }> {
  const scope = manageScope(ctx);
  const d = await loadDossier(scope, ctx.commune, seanceId);
  const p = await loadPoint(scope, seanceId, pointId);
  if (p.delibStatut === 'finalisee' && p.acteId !== null) {
    throw new AppError('InvalidTransition', 'Cette délibération est déjà finalisée.');
  }
  if (p.resultat === null || p.pour === null) {
    throw conflict('Enregistrez d’abord le vote de ce point : une délibération se finalise après le vote.');
  }
  const texte = p.delibTexte || (await deliberationDraft(ctx, d, p));
  const c = etatAu(d, p.numero).composition;
  const auteur = auteurOf(d);
  let acte = await existingActe(ctx, seanceId, pointId);
  if (!acte) {
    try {
      const made = await createDeliberation(ctx, {
        seanceId,
        pointId,
        objet: p.titre,
        dateDecision: d.seance.date,
        matiereCode: p.matiereCode,
        auteurNom: auteur.nom,
        auteurQualite: auteur.qualite,
        texte,
        vote: {
          effectif: c.effectif,
          presents: c.presents.length,
          representes: c.representes.length,
          pour: p.pour,
          contre: p.contre ?? 0,
          abstention: p.abstention ?? 0,
          nePrendPasPart: p.npp ?? 0,
        },
      });
      acte = { id: made.acteId, numero: made.numero, objet: p.titre, pointId, statut: 'projet', executoire: false };
    } catch (error) {
      if (!isAppError(error, 'Conflict')) throw error;
      acte = await existingActe(ctx, seanceId, pointId);
      if (!acte) throw error;
    }
  }
  const found = acte;
  await ctx.db.transaction().execute(async (trx) => {
    const tscope = new TenantScope(trx, ctx.commune.id);
    await repo.updatePointState(
      tscope,
      pointId,
      { delib_texte: texte, delib_statut: 'finalisee', acte_id: found.id, acte_numero: found.numero },
      ctx.now().toISOString(),
    );
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.deliberation_finalized', 'conseil_point', pointId, {
      seanceId,
      acteId: found.id,
      numero: found.numero,
    });
  });
  return { acteId: found.id, numero: found.numero };
}

/** Publishes the liste des délibérations of the séance on the public site (L2121-25). */
export async function publierListe(ctx: CommuneCtx, seanceId: number): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, seanceId);
    const points = await repo.listPoints(scope, seanceId);
    if (!points.some((p) => p.delibStatut === 'finalisee')) {
      throw conflict('Finalisez au moins une délibération avant de publier la liste.');
    }
    const nowIso = ctx.now().toISOString();
    await repo.updateSeanceState(scope, seanceId, { liste_publiee_le: nowIso }, nowIso);
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.liste_published', 'conseil_seance', seanceId, { date: s.date });
  });
}

/** The PV draft with what L2121-15 requires: composition, quorum, ordre du jour, votes. */
export async function pvDraft(ctx: CommuneCtx, d: SeanceDossier): Promise<string> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const q = d.ouverture.quorum;
  const quorumText = q.sansQuorum
    ? 'Séance réunie après un défaut de quorum : le conseil délibère sans condition de quorum.'
    : `Quorum : ${q.presents} membres présents sur ${d.ouverture.composition.effectif} en exercice, ${q.requis} requis – ${q.atteint ? 'atteint' : 'non atteint'}.`;
  const points = await Promise.all(d.points.map((p) => draftPointOf(scope, d, p)));
  const compositions = new Map(d.points.map((p) => [p.numero, draftCompositionOf(d, etatAu(d, p.numero).composition)]));
  return draftPv(
    draftSeanceOf(d, ctx.commune.nom),
    draftCompositionOf(d, d.ouverture.composition),
    quorumText,
    points,
    compositions,
  );
}

/** The PV text as saved, or its draft. */
export async function getPvText(ctx: CommuneCtx, seanceId: number): Promise<string> {
  const d = await loadDossier(viewScope(ctx), ctx.commune, seanceId);
  return d.seance.pvTexte || pvDraft(ctx, d);
}

function nextPv(from: repo.Seance['pvStatut'], action: PvAction) {
  const to = pvTransition(from, action);
  if (!to) {
    throw new AppError(
      'InvalidTransition',
      `Cette action n’est pas possible : le procès-verbal est « ${PV_LABELS[from]} ».`,
    );
  }
  return to;
}

/** Saves the PV draft written by the secrétaire(s) de séance. */
export async function savePv(ctx: CommuneCtx, seanceId: number, texte: string): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, seanceId);
    const to = nextPv(s.pvStatut, 'rediger');
    const nowIso = ctx.now().toISOString();
    await repo.updateSeanceState(scope, seanceId, { pv_texte: texte, pv_statut: to }, nowIso);
    await auditConseil(trx, ctx, 'conseil.pv_saved', 'conseil_seance', seanceId);
  });
}

/** The PV is arrêté at the opening of a later séance (L2121-15). */
export async function approuverPv(ctx: CommuneCtx, seanceId: number, approbationSeanceId: number): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, seanceId);
    const to = nextPv(s.pvStatut, 'approuver');
    const later = await repo.findSeance(scope, approbationSeanceId);
    if (!later) throw notFound('Cette séance n’existe pas.');
    const problem = approbationProblem(s.date, later.date);
    if (problem) throw invalid(problem, { seanceId: problem });
    if (!later.convoqueeLe) {
      const msg = 'La séance d’approbation doit être convoquée.';
      throw invalid(msg, { seanceId: msg });
    }
    const nowIso = ctx.now().toISOString();
    await repo.updateSeanceState(
      scope,
      seanceId,
      { pv_statut: to, pv_approuve_seance_id: later.id, pv_approuve_le: later.date },
      nowIso,
    );
    await auditConseil(trx, ctx, 'conseil.pv_approved', 'conseil_seance', seanceId, {
      approbationSeanceId: later.id,
      date: later.date,
    });
  });
}

/** Records the signature of the approved PV by the maire and the secrétaire(s). */
export async function signerPv(ctx: CommuneCtx, seanceId: number): Promise<void> {
  await pvStep(ctx, seanceId, 'signer');
}

/** Publishes the signed PV on the public site (within the week after its approval). */
export async function publierPv(ctx: CommuneCtx, seanceId: number): Promise<void> {
  await pvStep(ctx, seanceId, 'publier');
}

async function pvStep(ctx: CommuneCtx, seanceId: number, action: 'signer' | 'publier'): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, seanceId);
    const to = nextPv(s.pvStatut, action);
    const nowIso = ctx.now().toISOString();
    await repo.updateSeanceState(
      scope,
      seanceId,
      action === 'signer' ? { pv_statut: to, pv_signe_le: nowIso } : { pv_statut: to, pv_publie_le: nowIso },
      nowIso,
    );
    if (action === 'publier') await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(
      trx,
      ctx,
      action === 'signer' ? 'conseil.pv_signed' : 'conseil.pv_published',
      'conseil_seance',
      seanceId,
    );
  });
}

/** The printable sheets of the paper registre for the séance's finalized délibérations. */
export async function registrePdf(ctx: CommuneCtx, seanceId: number): Promise<Buffer> {
  const scope = viewScope(ctx);
  const d = await loadDossier(scope, ctx.commune, seanceId);
  const finalized = d.points.filter((p) => p.delibStatut === 'finalisee');
  if (finalized.length === 0) throw conflict('Aucune délibération finalisée pour cette séance.');
  const c = draftCompositionOf(d, d.ouverture.composition);
  const year = d.seance.date.slice(0, 4);
  const earlier = (await repo.listSeances(scope)).filter(
    (s) => s.date.startsWith(year) && (s.date < d.seance.date || (s.date === d.seance.date && s.id < d.seance.id)),
  );
  return renderRegistrePdf({
    communeNom: ctx.commune.nom,
    seanceDate: d.seance.date,
    seanceHeure: d.seance.heure,
    lieu: d.seance.lieu,
    deliberations: finalized.map((p) => ({
      numeroOrdre: p.numero,
      numeroActe: p.acteNumero ?? '',
      titre: p.titre,
      texte: p.delibTexte,
    })),
    presents: c.presents,
    representes: c.representes.map((r) => `${r.mandant} (pouvoir à ${r.mandataire})`),
    absents: c.absents,
    maire: auteurOf(d).nom,
    secretaires: d.seance.secretaireId ? [d.nom(d.seance.secretaireId)] : [],
    rangSeance: earlier.length + 1,
  });
}
