import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { listActesOfSeance } from '../actes/index.js';
import { parisDate } from './conseil.dossier.js';
import * as repo from './conseil.repo.js';
import { membresEnExercice } from './conseil.rules.js';

/**
 * What the public reads: members in office, séances once convened (convocation date and ordre du
 * jour, L2121-10), the liste des délibérations once published (L2121-25), the PV once published
 * (L2121-15). Drafts never leave this file.
 */

type ReadCtx = Pick<CommuneCtx, 'db' | 'commune' | 'now' | 'log' | 'actor'>;

export interface PublicDeliberation {
  numero: number;
  titre: string;
  resultat: string | null;
  acte: { id: number; numero: string; enLigne: boolean } | null;
}

export interface PublicSeance {
  seance: repo.Seance;
  points: { numero: number; titre: string }[];
  deliberations: PublicDeliberation[] | null;
  pv: string | null;
}

/** A séance in the public list: its counts only. */
export interface PublicSeanceResume {
  seance: repo.Seance;
  points: number;
  /** Finalized délibérations, once the liste is published; null before. */
  deliberations: number | null;
}

export interface PublicConseil {
  membres: repo.Membre[];
  aVenir: PublicSeanceResume[];
  passees: PublicSeanceResume[];
}

const scopeOf = (ctx: ReadCtx) => new TenantScope(ctx.db, ctx.commune.id);

/** Published acts of the register have a public page under /actes/<id>. */
const EN_LIGNE = new Set(['publie', 'notifie', 'retire', 'annule']);

async function publicSeance(ctx: ReadCtx, s: repo.Seance): Promise<PublicSeance> {
  const points = await repo.listPoints(scopeOf(ctx), s.id);
  let deliberations: PublicDeliberation[] | null = null;
  if (s.listePublieeLe) {
    const actes = await listActesOfSeance(ctx as CommuneCtx, s.id);
    deliberations = points
      .filter((p) => p.delibStatut === 'finalisee')
      .map((p) => {
        const a = actes.find((x) => x.pointId === p.id);
        return {
          numero: p.numero,
          titre: p.titre,
          resultat: p.resultat,
          acte: a ? { id: a.id, numero: a.numero, enLigne: EN_LIGNE.has(a.statut) } : null,
        };
      });
  }
  return {
    seance: s,
    points: points.map((p) => ({ numero: p.numero, titre: p.titre })),
    deliberations,
    pv: s.pvStatut === 'publie' ? s.pvTexte : null,
  };
}

/** The public page of the conseil municipal. */
export async function publicConseil(ctx: ReadCtx): Promise<PublicConseil> {
  const scope = scopeOf(ctx);
  const today = parisDate(ctx.now());
  const [membres, seances] = await Promise.all([repo.listMembres(scope), repo.listSeances(scope)]);
  const convened = seances.filter((s) => s.convoqueeLe !== null);
  const aVenir = convened.filter((s) => s.date >= today).reverse();
  const passees = convened.filter((s) => s.date < today);
  const counts = await repo.countPointsBySeance(scope);
  const resume = (s: repo.Seance): PublicSeanceResume => {
    const c = counts.get(s.id) ?? { points: 0, finalisees: 0 };
    return { seance: s, points: c.points, deliberations: s.listePublieeLe ? c.finalisees : null };
  };
  return { membres: membresEnExercice(membres, today), aVenir: aVenir.map(resume), passees: passees.map(resume) };
}

/** One convened séance; 404 for a séance not convened yet. */
export async function publicSeanceById(ctx: ReadCtx, id: number): Promise<PublicSeance> {
  const s = await repo.findSeance(scopeOf(ctx), id);
  if (!s || s.convoqueeLe === null) throw notFound('Cette séance n’existe pas ou n’est pas encore convoquée.');
  return publicSeance(ctx, s);
}

/** Public paths of the convened séances (site map). */
export async function publicSeancePaths(ctx: Pick<CommuneCtx, 'db' | 'commune'>): Promise<string[]> {
  const seances = await repo.listSeances(new TenantScope(ctx.db, ctx.commune.id));
  return [
    '/conseil-municipal',
    ...seances.filter((s) => s.convoqueeLe !== null).map((s) => `/conseil-municipal/seances/${s.id}`),
  ];
}
