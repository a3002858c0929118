import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { storeUpload } from '../../core/files/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './actes.repo.js';
import { type Executoire, executoire, isIndividuelle, transmissionRequise } from './actes.rules.js';
import type { ActeInput } from './actes.schemas.js';
import {
  type ActesCtx,
  assertTransition,
  audit,
  checkNumero,
  loadActe,
  manageScope,
  matiereOf,
  PDF_RULES,
  proposeNumero,
} from './actes.service.js';
import * as admin from './admin.repo.js';
import { publicationEntry } from './registre.repo.js';
import type { RegistreEntry } from './registre.rules.js';

/** Annexes @CTES accepts: PDF, PNG, JPEG (S²LOW addFile). */
export const ANNEXE_RULES = { allowed: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 20 * 1024 * 1024 };

async function fieldsOf(scope: TenantScope, input: ActeInput, exceptId: number | null) {
  const numero = input.numero || (await proposeNumero(scope, input.nature as repo.Acte['nature'], input.dateDecision));
  await checkNumero(scope, numero, exceptId);
  const matiere = input.matiereCode ? await matiereOf(scope, input.matiereCode) : null;
  const nature = input.nature as repo.Acte['nature'];
  return {
    numero,
    nature,
    matiere_code: matiere?.code ?? null,
    matiere_libelle: matiere?.libelle ?? null,
    classification_date: matiere?.dateVersion ?? null,
    objet: input.objet,
    date_decision: input.dateDecision,
    auteur_nom: input.auteurNom,
    auteur_qualite: input.auteurQualite,
    texte: input.texte,
    transmission_exception: input.transmissionException,
    transmission_requise: transmissionRequise({
      nature,
      matiereCode: matiere?.code ?? null,
      exception: input.transmissionException,
      contratAuDessusDuSeuil: input.contratAuDessusDuSeuil,
    })
      ? 1
      : 0,
  };
}

/** Writes a new act (arrêté, contrat…) as a projet; its number is proposed when left empty. */
export async function createActe(ctx: CommuneCtx, input: ActeInput): Promise<number> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const fields = await fieldsOf(scope, input, null);
    const nowIso = ctx.now().toISOString();
    const id = await repo.insertActe(scope, {
      ...fields,
      seance_id: null,
      point_id: null,
      ...repo.voteColumns(null),
      statut: 'projet',
      document_file_id: null,
      document_source: null,
      signe_le: null,
      publicite_mode: null,
      publie_le: null,
      notifie_le: null,
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
    await audit(trx, ctx, 'acte.created', id, { numero: fields.numero, nature: fields.nature });
    return id;
  });
}

/** Saves the fields of a projet; a signed act cannot change any more. */
export async function updateActe(ctx: CommuneCtx, id: number, input: ActeInput): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = await loadActe(scope, id);
    assertTransition('modifier', a);
    if (a.pointId !== null && input.nature !== 'deliberation') {
      throw invalid('Cet acte est la délibération d’une séance : sa nature ne peut pas changer.', {
        nature: 'Une délibération de séance reste une délibération.',
      });
    }
    const fields = await fieldsOf(scope, input, id);
    await repo.updateActe(scope, id, { ...fields, updated_at: ctx.now().toISOString() });
    await audit(trx, ctx, 'acte.updated', id, { numero: fields.numero });
  });
}

/**
 * Attaches the signed PDF of a projet (checked by its content: anything but a PDF is refused).
 * The act keeps this document instead of a generated one.
 */
export async function attachSignedPdf(
  ctx: ActesCtx,
  args: { acteId: number; bytes: Buffer; filename: string },
): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = await loadActe(scope, args.acteId);
    assertTransition('modifier', a);
    const stored = await storeUpload(
      { ...ctx, db: trx },
      { ...PDF_RULES, bytes: args.bytes, originalName: args.filename, field: 'document' },
    );
    await repo.updateActe(scope, a.id, {
      document_file_id: stored.id,
      document_source: 'depose',
      updated_at: ctx.now().toISOString(),
    });
    await audit(trx, ctx, 'acte.document_attached', a.id, { numero: a.numero, sha256: stored.sha256 });
  });
}

/** Adds an annex (PDF, PNG or JPEG) to a projet. */
export async function addAnnexe(
  ctx: ActesCtx,
  args: { acteId: number; bytes: Buffer; filename: string; typePj: string | null },
): Promise<void> {
  manageScope(ctx);
  if (args.typePj !== null && !/^[0-9]{2}_[A-Z0-9]{2}$/.test(args.typePj)) {
    throw invalid('Le type de pièce jointe n’est pas valide (exemple : 99_AI).', { typePj: 'Type invalide.' });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = await loadActe(scope, args.acteId);
    assertTransition('modifier', a);
    const stored = await storeUpload(
      { ...ctx, db: trx },
      { ...ANNEXE_RULES, bytes: args.bytes, originalName: args.filename, field: 'annexe' },
    );
    const position = (await repo.listAnnexes(scope, a.id)).length + 1;
    await repo.insertAnnexe(scope, {
      acteId: a.id,
      fileId: stored.id,
      position,
      typePj: args.typePj,
      now: ctx.now().toISOString(),
    });
    await audit(trx, ctx, 'acte.annexe_added', a.id, { numero: a.numero, sha256: stored.sha256 });
  });
}

/** Removes an annex from a projet. */
export async function removeAnnexe(ctx: CommuneCtx, args: { acteId: number; annexeId: number }): Promise<void> {
  manageScope(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = await loadActe(scope, args.acteId);
    assertTransition('modifier', a);
    await repo.deleteAnnexe(scope, a.id, args.annexeId);
    await audit(trx, ctx, 'acte.annexe_removed', a.id, { numero: a.numero, annexeId: args.annexeId });
  });
}

export interface ActeDetail {
  acte: repo.Acte;
  executoire: Executoire;
  document: repo.FileInfo | null;
  annexes: (repo.Annexe & { file: repo.FileInfo | null })[];
  echanges: repo.Echange[];
  registre: RegistreEntry | null;
}

/** Everything the back-office shows of an act. */
export async function getActeDetail(ctx: CommuneCtx, id: number): Promise<ActeDetail> {
  const scope = manageScope(ctx);
  const acte = await loadActe(scope, id);
  return detailOf(scope, acte);
}

export async function detailOf(scope: TenantScope, acte: repo.Acte): Promise<ActeDetail> {
  const annexes = await repo.listAnnexes(scope, acte.id);
  const files = await repo.filesByIds(scope, [
    ...(acte.documentFileId === null ? [] : [acte.documentFileId]),
    ...annexes.map((a) => a.fileId),
  ]);
  return {
    acte,
    executoire: executoire(acte),
    document: acte.documentFileId === null ? null : (files.get(acte.documentFileId) ?? null),
    annexes: annexes.map((a) => ({ ...a, file: files.get(a.fileId) ?? null })),
    echanges: await repo.listEchanges(scope, acte.id),
    registre: (await publicationEntry(scope, acte.id)) ?? null,
  };
}

export const ADMIN_PAGE_SIZE = 50;

/** The register in the back-office, newest first, filtered by state and nature. */
export async function listActesForAdmin(
  ctx: CommuneCtx,
  f: { statut: string | null; nature: string | null; page: number },
): Promise<{ items: (repo.Acte & { executoire: boolean; individuel: boolean })[]; total: number }> {
  const scope = manageScope(ctx);
  const { items, total } = await admin.listAdmin(scope, { ...f, limit: ADMIN_PAGE_SIZE });
  return {
    items: items.map((a) => ({ ...a, executoire: executoire(a).executoire, individuel: isIndividuelle(a.nature) })),
    total,
  };
}
