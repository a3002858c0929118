import type { CommuneCtx } from '../../core/context.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { type FileStore, storeUpload } from '../../core/files/index.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { TenantScope } from '../../core/tenancy/index.js';
import {
  auditConseil,
  loadDossier,
  loadPoint,
  loadSeance,
  manageScope,
  reglagesOf,
  type SeanceDossier,
  viewScope,
} from './conseil.dossier.js';
import * as repo from './conseil.repo.js';
import { type ConseilReglages, membresEnExercice, reconvocationProblem } from './conseil.rules.js';
import type { MembreInput, PointInput, SeanceInput } from './conseil.schemas.js';

/** Members, settings, séances, ordre du jour and its documents. */

export type FilesCtx = CommuneCtx & { files: FileStore };

/** Attached documents: PDF only, checked by content, 20 Mo at most. */
export const DOCUMENT_RULES = { allowed: ['application/pdf'], maxBytes: 20 * 1024 * 1024 } as const;

/** Every member ever recorded, in protocol order. */
export async function listMembresAdmin(ctx: CommuneCtx): Promise<repo.Membre[]> {
  return repo.listMembres(viewScope(ctx));
}

export async function getMembre(ctx: CommuneCtx, id: number): Promise<repo.Membre> {
  const m = await repo.findMembre(viewScope(ctx), id);
  if (!m) throw notFound('Ce membre du conseil n’existe pas.');
  return m;
}

/** Records a member of the conseil with the mandate's dates. */
export async function createMembre(ctx: CommuneCtx, input: MembreInput): Promise<number> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const id = await repo.insertMembre(scope, input, ctx.now().toISOString());
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.member_created', 'conseil_membre', id, { mandat: input.mandat });
    return id;
  });
}

/** Changes a member's mandate, dates or contact details. */
export async function updateMembre(ctx: CommuneCtx, id: number, input: MembreInput): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!(await repo.findMembre(scope, id))) throw notFound('Ce membre du conseil n’existe pas.');
    await repo.updateMembre(scope, id, input, ctx.now().toISOString());
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.member_updated', 'conseil_membre', id, {
      mandat: input.mandat,
      fin: input.fin,
    });
  });
}

export async function getReglages(ctx: CommuneCtx): Promise<ConseilReglages> {
  return reglagesOf(viewScope(ctx));
}

/** The commune's choices for the rules that are not settled (délai, holidays, reconvocation). */
export async function saveReglages(ctx: CommuneCtx, r: ConseilReglages): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.saveReglages(new TenantScope(trx, ctx.commune.id), r, ctx.now().toISOString());
    await auditConseil(trx, ctx, 'conseil.settings_saved', 'commune', ctx.commune.id, { ...r });
  });
}

/** Séances, most recent first. */
export async function listSeancesAdmin(ctx: CommuneCtx): Promise<repo.Seance[]> {
  return repo.listSeances(viewScope(ctx));
}

/** The whole file of a séance for the back-office pages. */
export async function getDossier(ctx: CommuneCtx, seanceId: number): Promise<SeanceDossier> {
  return loadDossier(viewScope(ctx), ctx.commune, seanceId);
}

async function checkSeance(scope: TenantScope, input: SeanceInput, selfId: number | null): Promise<void> {
  const membres = membresEnExercice(await repo.listMembres(scope), input.date);
  const ids = new Set(membres.map((m) => m.id));
  const fields: Record<string, string> = {};
  if (input.presidentId !== null && !ids.has(input.presidentId)) {
    fields.presidentId = 'Le président doit être membre en exercice à la date de la séance.';
  }
  if (input.secretaireId !== null && !ids.has(input.secretaireId)) {
    fields.secretaireId = 'Le secrétaire de séance doit être membre en exercice à la date de la séance.';
  }
  if (input.reconvocationDe !== null) {
    const first = await repo.findSeance(scope, input.reconvocationDe);
    const reglages = await reglagesOf(scope);
    if (!first || first.id === selfId)
      fields.reconvocationDe = 'Choisissez la séance dont le quorum n’a pas été atteint.';
    else {
      const problem = reconvocationProblem(first.date, input.date, reglages.delaiReconvocation);
      if (problem) fields.reconvocationDe = problem;
    }
  }
  if (Object.keys(fields).length > 0) throw invalid('La séance n’a pas été enregistrée.', fields);
}

const fieldsOf = (i: SeanceInput): repo.SeanceFields => ({
  date: i.date,
  heure: i.heure,
  lieu: i.lieu,
  type: i.type,
  urgence: i.urgence,
  reconvocationDe: i.reconvocationDe,
  presidentId: i.presidentId,
  secretaireId: i.secretaireId,
});

/** Plans a séance (date, time, place, type, président and secrétaire). */
export async function createSeance(ctx: CommuneCtx, input: SeanceInput): Promise<number> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await checkSeance(scope, input, null);
    const id = await repo.insertSeance(scope, fieldsOf(input), ctx.now().toISOString());
    await auditConseil(trx, ctx, 'conseil.seance_created', 'conseil_seance', id, { date: input.date });
    return id;
  });
}

/** Changes a séance's details; its date and place are frozen once the convocation is sent. */
export async function updateSeance(ctx: CommuneCtx, id: number, input: SeanceInput): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, id);
    if (s.convoqueeLe && (s.date !== input.date || s.heure !== input.heure || s.lieu !== input.lieu)) {
      throw conflict('La convocation est envoyée : la date, l’heure et le lieu ne peuvent plus changer.', {
        date: 'La convocation est envoyée : convoquez une nouvelle séance pour changer la date, l’heure ou le lieu.',
      });
    }
    await checkSeance(scope, input, id);
    await repo.updateSeanceFields(scope, id, fieldsOf(input), ctx.now().toISOString());
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.seance_updated', 'conseil_seance', id, { date: input.date });
  });
}

async function checkRapporteur(scope: TenantScope, seance: repo.Seance, input: PointInput): Promise<void> {
  if (input.rapporteurId === null) return;
  const ids = membresEnExercice(await repo.listMembres(scope), seance.date).map((m) => m.id);
  if (!ids.includes(input.rapporteurId)) {
    throw invalid('Le point n’a pas été enregistré.', {
      rapporteurId: 'Le rapporteur doit être membre en exercice à la date de la séance.',
    });
  }
}

/** Adds a point at the end of the ordre du jour. */
export async function addPoint(ctx: CommuneCtx, seanceId: number, input: PointInput): Promise<number> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, seanceId);
    if (s.convoqueeLe) {
      throw conflict('La convocation est envoyée : l’ordre du jour ne peut plus recevoir de nouveau point.');
    }
    await checkRapporteur(scope, s, input);
    const id = await repo.insertPoint(scope, seanceId, input, ctx.now().toISOString());
    await auditConseil(trx, ctx, 'conseil.point_added', 'conseil_point', id, { seanceId });
    return id;
  });
}

/** Edits a point (title, rapporteur, note, matière) until its délibération is finalized. */
export async function updatePoint(ctx: CommuneCtx, seanceId: number, pointId: number, input: PointInput) {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const s = await loadSeance(scope, seanceId);
    const p = await loadPoint(scope, seanceId, pointId);
    if (p.delibStatut === 'finalisee') throw conflict('La délibération de ce point est finalisée : il ne change plus.');
    await checkRapporteur(scope, s, input);
    await repo.updatePointFields(scope, pointId, input, ctx.now().toISOString());
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.point_updated', 'conseil_point', pointId, { seanceId });
  });
}

/** Attaches a PDF (checked by its content) to a point of the ordre du jour. */
export async function addDocument(
  ctx: FilesCtx,
  seanceId: number,
  pointId: number,
  input: { titre: string; bytes: Buffer; filename: string },
): Promise<void> {
  manageScope(ctx);
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  await loadPoint(scope, seanceId, pointId);
  const titre = input.titre.trim() || input.filename;
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await storeUpload(
      { ...ctx, db: trx },
      { ...DOCUMENT_RULES, bytes: input.bytes, originalName: input.filename, field: 'document' },
    );
    const tscope = new TenantScope(trx, ctx.commune.id);
    await repo.insertDocument(
      tscope,
      { pointId, fileId: stored.id, titre: titre.slice(0, 200) },
      ctx.now().toISOString(),
    );
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.document_added', 'conseil_point', pointId, { fileId: stored.id });
  });
}

/** A document of a séance, for its download. */
export async function documentOf(scope: TenantScope, seanceId: number, documentId: number): Promise<repo.Document> {
  const points = await repo.listPoints(scope, seanceId);
  const doc = (
    await repo.listDocuments(
      scope,
      points.map((p) => p.id),
    )
  ).find((d) => d.id === documentId);
  if (!doc) throw notFound('Ce document n’existe pas.');
  return doc;
}

/** A document of a séance for the back-office. */
export async function getDocumentAdmin(ctx: CommuneCtx, seanceId: number, documentId: number) {
  return documentOf(viewScope(ctx), seanceId, documentId);
}
