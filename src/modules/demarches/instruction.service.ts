import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { AppError, forbidden, invalid, notFound } from '../../core/errors.js';
import { enqueueMail } from '../../core/mail/index.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { updateMail } from './demarches.mails.js';
import { storePiece } from './demarches.pieces.js';
import { canInstruire } from './demarches.policy.js';
import * as repo from './demarches.repo.js';
import {
  applyTemplate,
  canTransition,
  decisionDue,
  REPLY_TEMPLATES,
  STATUS_LABELS,
  type Status,
} from './demarches.rules.js';
import { audit, type FilesCtx, getSuivi, withFiles } from './demarches.service.js';
import * as events from './evenements.repo.js';
import { syncHold } from './reservation.service.js';

const scopeOf = (ctx: Pick<CommuneCtx, 'db' | 'commune'>) => new TenantScope(ctx.db, ctx.commune.id);
const MAX_MESSAGE = 10_000;

function checkPolicy(ctx: CommuneCtx): void {
  if (!canInstruire(ctx.actor)) throw forbidden('Votre rôle ne permet pas de traiter les demandes.');
}

function checkText(text: string, field: string, what: string): string {
  const t = text.trim();
  if (t === '') throw invalid(`${what} est obligatoire.`, { [field]: `${what} est obligatoire.` });
  if (t.length > MAX_MESSAGE)
    throw invalid('Texte trop long.', { [field]: `Saisissez au plus ${MAX_MESSAGE} caractères.` });
  return t;
}

const authorOf = (ctx: CommuneCtx): string => (ctx.actor.kind === 'user' ? ctx.actor.displayName : 'Mairie');

/** The inbox: requests matching the filter and the counts by status. */
export async function listInbox(
  ctx: CommuneCtx,
  filter: Omit<repo.DemandeFilter, 'overdueBefore'> & { overdue?: boolean },
) {
  checkPolicy(ctx);
  const scope = scopeOf(ctx);
  const today = toParisLocal(ctx.now()).date;
  const [demandes, counts, types] = await Promise.all([
    repo.listDemandes(scope, { ...filter, overdueBefore: filter.overdue ? today : undefined }),
    repo.countByStatus(scope),
    repo.listTypes(scope),
  ]);
  return { demandes, counts, types, today };
}

/** One request for an agent, with its whole history (notes included) and pieces. */
export async function getDemandeAdmin(ctx: CommuneCtx, id: number) {
  checkPolicy(ctx);
  const scope = scopeOf(ctx);
  const demande = await repo.findDemande(scope, id);
  if (!demande) throw notFound('Cette demande n’existe pas dans cette commune.');
  const [evenements, pieces] = await Promise.all([events.listEvenements(scope, id), events.listPieces(scope, id)]);
  return { demande, evenements, pieces, today: toParisLocal(ctx.now()).date };
}

/** Changes a request's status with its reason; the citizen is mailed in the same transaction. */
export async function changerStatut(ctx: CommuneCtx, input: { id: number; to: Status; motif: string }): Promise<void> {
  checkPolicy(ctx);
  const motif = checkText(input.motif, 'motif', 'Le motif');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await repo.findDemande(scope, input.id);
    if (!d) throw notFound('Cette demande n’existe pas dans cette commune.');
    if (!canTransition(d.status, input.to)) {
      throw new AppError(
        'InvalidTransition',
        `Une demande « ${STATUS_LABELS[d.status]} » ne peut pas passer à « ${STATUS_LABELS[input.to]} ».`,
      );
    }
    // Back from « en attente de compléments »: the délai restarts on the day (CRPA L114-5).
    const due = d.status === 'complements' ? decisionDue(d.settings, toParisLocal(now).date) : d.decisionDue;
    if (!(await repo.updateStatus(scope, d.id, d.status, input.to, due, now.toISOString()))) {
      throw new AppError('Conflict', 'La demande vient d’être modifiée par quelqu’un d’autre. Rechargez la page.');
    }
    await syncHold(scope, d.id, input.to);
    await events.insertEvenement(scope, {
      demandeId: d.id,
      kind: 'statut',
      fromStatus: d.status,
      toStatus: input.to,
      body: motif,
      author: authorOf(ctx),
      actorUserId: actorUserId(ctx.actor),
      now: now.toISOString(),
    });
    await enqueueMail(trx, updateMail({ ...mailData(ctx, d), status: input.to, message: motif }), now);
    await audit(trx, ctx, 'demarches.statut_change', d.id, now);
  });
}

const mailData = (ctx: CommuneCtx, d: repo.Demande) => ({
  commune: ctx.commune,
  email: d.email,
  reference: d.reference,
  typeTitle: d.typeTitle,
});

/** A message to the citizen (mailed) or an internal note (never shown to the citizen). */
export async function ajouterMessage(
  ctx: CommuneCtx,
  input: { id: number; body: string; kind: 'message_agent' | 'note'; modele?: string | undefined },
): Promise<void> {
  checkPolicy(ctx);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await repo.findDemande(scope, input.id);
    if (!d) throw notFound('Cette demande n’existe pas dans cette commune.');
    const template = REPLY_TEMPLATES.find((t) => t.id === input.modele);
    const vars = { prenom: d.prenom, nom: d.nom, reference: d.reference, commune: ctx.commune.nom };
    const raw = input.body.trim() === '' && template ? applyTemplate(template.text, vars) : input.body;
    const field = input.kind === 'note' ? 'note' : 'body';
    const body = checkText(raw, field, input.kind === 'note' ? 'La note' : 'Le message');
    await events.insertEvenement(scope, {
      demandeId: d.id,
      kind: input.kind,
      body,
      author: authorOf(ctx),
      actorUserId: actorUserId(ctx.actor),
      now: now.toISOString(),
    });
    if (input.kind === 'message_agent') await enqueueMail(trx, updateMail({ ...mailData(ctx, d), message: body }), now);
    await audit(trx, ctx, `demarches.${input.kind}`, d.id, now);
  });
}

/**
 * The citizen answers through the follow-up link, with an optional file. A request waiting for
 * pieces goes back to instruction and its implicit-decision délai restarts (CRPA L114-5).
 */
export async function repondreUsager(
  ctx: FilesCtx,
  input: { reference: string; token: string; body: string; file: { bytes: Buffer; filename: string } | null },
): Promise<void> {
  const { demande: d } = await getSuivi(ctx, input.reference, input.token);
  const body = input.body.trim();
  if (body === '' && !input.file)
    throw invalid('Écrivez un message ou joignez un fichier.', { body: 'Écrivez un message ou joignez un fichier.' });
  if (body.length > MAX_MESSAGE)
    throw invalid('Texte trop long.', { body: `Saisissez au plus ${MAX_MESSAGE} caractères.` });
  const fileId = input.file ? await storePiece(withFiles(ctx), input.file, 'piece') : null;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const base = { demandeId: d.id, author: 'Demandeur', actorUserId: null, now: now.toISOString() };
    if (fileId !== null) await events.insertPiece(scope, { demandeId: d.id, fileId, field: 'reponse', now: base.now });
    await events.insertEvenement(scope, { ...base, kind: 'message_usager', body: body || 'Pièce jointe ajoutée.' });
    if (d.status === 'complements') {
      const due = decisionDue(d.settings, toParisLocal(now).date);
      if (await repo.updateStatus(scope, d.id, 'complements', 'instruction', due, base.now)) {
        const motif = 'Compléments reçus : le délai de décision repart de ce jour.';
        await events.insertEvenement(scope, {
          ...base,
          kind: 'statut',
          fromStatus: 'complements',
          toStatus: 'instruction',
          body: motif,
        });
      }
    }
    await audit(trx, ctx, 'demarches.message_usager', d.id, now);
  });
}
