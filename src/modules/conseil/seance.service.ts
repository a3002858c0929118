import type { CommuneCtx } from '../../core/context.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { auditConseil, etatAu, loadDossier, loadPoint, manageScope, type SeanceDossier } from './conseil.dossier.js';
import * as repo from './conseil.repo.js';
import {
  figuresNominatives,
  huisClosProblem,
  modeScrutin,
  presenceProblem,
  procurationProblem,
  procurationsConsecutivesAvant,
  resultatTour,
  resultatVote,
  type SensVote,
  type VoteFigures,
  voteProblem,
} from './conseil.rules.js';

/** During the séance: attendance, proxies, huis clos, votes and appointment rounds. */

const SENS = new Set<SensVote>(['pour', 'contre', 'abstention', 'npp']);

function assertOpenable(d: SeanceDossier): void {
  if (!d.seance.convoqueeLe) throw conflict('Envoyez d’abord la convocation : la séance n’est pas convoquée.');
}

/** Records who is present, absent or excused, with late arrivals and early departures by point. */
export async function enregistrerPresences(
  ctx: CommuneCtx,
  seanceId: number,
  rows: readonly repo.PresenceRow[],
): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await loadDossier(scope, ctx.commune, seanceId);
    assertOpenable(d);
    const ids = new Set(d.enExercice.map((m) => m.id));
    const numeros = new Set(d.points.map((p) => p.numero));
    const fields: Record<string, string> = {};
    for (const r of rows) {
      if (!ids.has(r.membreId)) throw invalid('Un des membres n’est pas en exercice à la date de la séance.');
      const badPoint = [r.arriveePoint, r.departPoint].some((n) => n !== null && !numeros.has(n));
      const problem = badPoint ? 'Choisissez un point de l’ordre du jour.' : presenceProblem(r);
      if (problem) fields[`arrivee_${r.membreId}`] = `${d.nom(r.membreId)} : ${problem}`;
    }
    if (Object.keys(fields).length > 0) throw invalid('Les présences n’ont pas été enregistrées.', fields);
    await repo.replacePresences(scope, seanceId, rows);
    const presents = rows.filter((r) => r.statut === 'present').length;
    await auditConseil(trx, ctx, 'conseil.attendance_recorded', 'conseil_seance', seanceId, { presents });
  });
}

/**
 * Records a written proxy (L2121-20). A second proxy to the same holder, a proxy given twice, or
 * the fourth consecutive séance without illness are refused with a French message (Conflict).
 */
export async function ajouterProcuration(
  ctx: CommuneCtx,
  seanceId: number,
  p: { mandantId: number; mandataireId: number; maladie: boolean },
): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await loadDossier(scope, ctx.commune, seanceId);
    const seances = (await repo.listSeances(scope)).filter((s) => s.date <= d.seance.date && s.id !== seanceId);
    const ordered = [...seances.map((s) => ({ id: s.id, date: s.date })), { id: seanceId, date: d.seance.date }]
      .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
      .map((s) => s.id);
    const given = new Set(
      (await repo.listProcurations(scope)).filter((x) => x.mandantId === p.mandantId).map((x) => x.seanceId),
    );
    const problem = procurationProblem({
      ...p,
      existantes: d.procurations,
      enExerciceIds: d.enExercice.map((m) => m.id),
      consecutivesAvant: procurationsConsecutivesAvant(ordered, seanceId, given),
      noms: d.nom,
    });
    if (problem) throw conflict(problem, { mandataireId: problem });
    const presence = d.presences.find((x) => x.membreId === p.mandantId);
    if (presence?.statut === 'present' && presence.arriveePoint === null && presence.departPoint === null) {
      const msg = `${d.nom(p.mandantId)} est noté présent pendant toute la séance : corrigez d’abord sa présence.`;
      throw conflict(msg, { mandantId: msg });
    }
    await repo.insertProcuration(scope, { seanceId, ...p }, ctx.now().toISOString());
    await auditConseil(trx, ctx, 'conseil.proxy_recorded', 'conseil_seance', seanceId, {
      mandantId: p.mandantId,
      mandataireId: p.mandataireId,
      maladie: p.maladie,
    });
  });
}

/** Revokes a proxy (always revocable). */
export async function retirerProcuration(ctx: CommuneCtx, seanceId: number, procurationId: number): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await loadDossier(scope, ctx.commune, seanceId);
    if (!d.procurations.some((p) => p.id === procurationId)) throw notFound('Cette procuration n’existe pas.');
    await repo.deleteProcuration(scope, seanceId, procurationId);
    await auditConseil(trx, ctx, 'conseil.proxy_revoked', 'conseil_seance', seanceId, { procurationId });
  });
}

/** Huis clos for a point (L2121-18), decided by the absolute majority of present or represented. */
export async function deciderHuisClos(
  ctx: CommuneCtx,
  seanceId: number,
  pointId: number,
  input: { demandeurs: number; demandeMaire: boolean; pour: number },
): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await loadDossier(scope, ctx.commune, seanceId);
    const p = await loadPoint(scope, seanceId, pointId);
    const c = etatAu(d, p.numero).composition;
    const problem = huisClosProblem({ ...input, votants: c.presents.length + c.representes.length });
    if (problem) throw invalid(problem, { pour: problem });
    await repo.updatePointState(scope, pointId, { huis_clos: 1 }, ctx.now().toISOString());
    await auditConseil(trx, ctx, 'conseil.huis_clos_decided', 'conseil_point', pointId, { ...input });
  });
}

function assertCanVote(d: SeanceDossier, p: repo.Point): void {
  assertOpenable(d);
  if (p.delibStatut === 'finalisee')
    throw conflict('La délibération de ce point est finalisée : le vote ne change plus.');
  const q = etatAu(d, p.numero).quorum;
  if (!q.atteint) {
    throw conflict(
      `Le quorum n’est pas atteint pour ce point : ${q.presents} membres présents, ${q.requis} requis (les procurations ne comptent pas). Le conseil ne peut pas délibérer ; il doit être convoqué à nouveau, au moins trois jours plus tard, et délibérera alors sans condition de quorum.`,
    );
  }
}

export interface VoteArgs {
  demandesPublic: number;
  demandesSecret: number;
  secretRenonce: boolean;
  figures: Partial<VoteFigures>;
  votePresident: SensVote | null;
  /** Scrutin public: each voter's vote, by member id. */
  nominatifs: ReadonlyMap<number, string>;
}

/**
 * Records the vote of a point. Figures that do not add up to the members present and represented
 * are refused (nothing changes); a scrutin public keeps each voter's name; on a tie the président's
 * vote prevails except in a secret ballot.
 */
export async function enregistrerVote(
  ctx: CommuneCtx,
  seanceId: number,
  pointId: number,
  args: VoteArgs,
): Promise<{ resultat: string }> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await loadDossier(scope, ctx.commune, seanceId);
    const p = await loadPoint(scope, seanceId, pointId);
    if (p.nomination) throw conflict('Une nomination se vote par tours de scrutin : utilisez le formulaire des tours.');
    assertCanVote(d, p);
    const c = etatAu(d, p.numero).composition;
    const votants = c.presents.length + c.representes.length;
    const mode = modeScrutin({ presents: c.presents.length, ...args, nomination: false });
    let figures: VoteFigures;
    let nominatifs: { membreId: number; sens: SensVote; parProcuration: boolean }[] = [];
    if (mode === 'public') {
      const fields: Record<string, string> = {};
      for (const id of [...c.presents, ...c.representes]) {
        const sens = args.nominatifs.get(id);
        if (!sens || !SENS.has(sens as SensVote)) fields[`sens_${id}`] = `Indiquez le vote de ${d.nom(id)}.`;
        else nominatifs.push({ membreId: id, sens: sens as SensVote, parProcuration: c.representes.includes(id) });
      }
      if (Object.keys(fields).length > 0) {
        throw invalid('Scrutin public : le vote de chaque membre présent ou représenté est nécessaire.', fields);
      }
      figures = figuresNominatives(nominatifs);
    } else {
      const f = args.figures;
      if (f.pour === undefined || f.contre === undefined || f.abstention === undefined || f.npp === undefined) {
        throw invalid('Indiquez le nombre de voix pour, contre, d’abstentions et de non-participants.', {
          _form: 'Indiquez les quatre nombres du vote.',
        });
      }
      figures = { pour: f.pour, contre: f.contre, abstention: f.abstention, npp: f.npp };
      nominatifs = [];
    }
    const problem = voteProblem(figures, votants);
    if (problem) throw invalid(problem, { _form: problem });
    const presidentVote =
      mode === 'public'
        ? (nominatifs.find((v) => v.membreId === d.seance.presidentId && !v.parProcuration)?.sens ?? null)
        : args.votePresident;
    const r = resultatVote(figures, mode, presidentVote);
    const nowIso = ctx.now().toISOString();
    await repo.replaceVotesNominatifs(scope, pointId, nominatifs);
    await repo.updatePointState(
      scope,
      pointId,
      {
        demandes_public: args.demandesPublic,
        demandes_secret: args.demandesSecret,
        secret_renonce: args.secretRenonce ? 1 : 0,
        mode_scrutin: mode,
        ...figures,
        resultat: r.resultat,
        voix_preponderante: r.voixPreponderante ? 1 : 0,
        vote_le: nowIso,
      },
      nowIso,
    );
    await auditConseil(trx, ctx, 'conseil.vote_recorded', 'conseil_point', pointId, {
      seanceId,
      mode,
      ...figures,
      resultat: r.resultat,
      voixPreponderante: r.voixPreponderante,
    });
    return { resultat: r.resultat };
  });
}

/**
 * Records one round of an appointment (L2121-21): absolute majority in rounds 1 and 2, relative
 * majority in round 3, the oldest on a tie. Returns the elected member, if any.
 */
export async function enregistrerTour(
  ctx: CommuneCtx,
  seanceId: number,
  pointId: number,
  args: {
    votants: number;
    blancsNuls: number;
    voix: ReadonlyMap<number, number>;
    demandesPublic: number;
    demandesSecret: number;
    secretRenonce: boolean;
  },
): Promise<{ eluId: number | null; tour: number }> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await loadDossier(scope, ctx.commune, seanceId);
    const p = await loadPoint(scope, seanceId, pointId);
    if (!p.nomination) throw conflict('Ce point n’est pas une nomination.');
    assertCanVote(d, p);
    const tours = await repo.listTours(scope, pointId);
    if (tours.some((t) => t.eluId !== null)) throw conflict('La nomination est déjà prononcée.');
    const c = etatAu(d, p.numero).composition;
    const max = c.presents.length + c.representes.length;
    if (args.votants > max) {
      const msg = `Il y a plus de votants (${args.votants}) que de membres présents ou représentés (${max}).`;
      throw invalid(msg, { votants: msg });
    }
    const ids = new Set(d.enExercice.map((m) => m.id));
    const voix = new Map([...args.voix].filter(([id, n]) => n > 0 && ids.has(id)));
    const tour = tours.length + 1;
    const naissances = new Map(d.enExercice.map((m) => [m.id, m.dateNaissance]));
    const r = resultatTour({ tour, votants: args.votants, blancsNuls: args.blancsNuls, voix, naissances });
    if (!r.ok) throw invalid(r.problem, { votants: r.problem });
    const mode = modeScrutin({ presents: c.presents.length, ...args, nomination: true });
    const nowIso = ctx.now().toISOString();
    await repo.insertTour(
      scope,
      pointId,
      {
        tour,
        votants: args.votants,
        blancsNuls: args.blancsNuls,
        resultats: Object.fromEntries([...voix].map(([id, n]) => [String(id), n])),
        eluId: r.eluId,
      },
      nowIso,
    );
    const state: repo.PointState = {
      demandes_public: args.demandesPublic,
      demandes_secret: args.demandesSecret,
      secret_renonce: args.secretRenonce ? 1 : 0,
      mode_scrutin: mode,
    };
    if (r.eluId !== null) {
      const elu = voix.get(r.eluId) ?? 0;
      Object.assign(state, {
        pour: elu,
        contre: r.exprimes - elu,
        abstention: args.blancsNuls,
        npp: max - args.votants,
        resultat: 'nomme',
        vote_le: nowIso,
      });
    }
    await repo.updatePointState(scope, pointId, state, nowIso);
    await auditConseil(trx, ctx, 'conseil.vote_recorded', 'conseil_point', pointId, {
      seanceId,
      tour,
      votants: args.votants,
      blancsNuls: args.blancsNuls,
      eluId: r.eluId,
    });
    return { eluId: r.eluId, tour };
  });
}
