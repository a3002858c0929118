import type { Kysely } from 'kysely';
import { listCommuneMembers, type Member } from '../../core/auth/index.js';
import { type Actor, actorUserId, type CommuneCtx, systemActor } from '../../core/context.js';
import { AppError, forbidden, invalid, notFound } from '../../core/errors.js';
import { enqueueMail } from '../../core/mail/index.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { DB } from '../../db/schema.js';
import { mayProcess } from './builder.rules.js';
import type { DemarcheSettings } from './demarches.builtins.js';
import { updateMail } from './demarches.mails.js';
import { storePiece } from './demarches.pieces.js';
import { canInstruire } from './demarches.policy.js';
import * as repo from './demarches.repo.js';
import {
  addJoursOuvres,
  applyTemplate,
  canTransition,
  decisionDue,
  REPLY_TEMPLATES,
  STATUS_LABELS,
  type Status,
} from './demarches.rules.js';
import { audit, type FilesCtx, getSuivi, withFiles } from './demarches.service.js';
import * as events from './evenements.repo.js';
import * as inbox from './inbox.repo.js';
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

/** Whether the actor may process requests of a type (its settings name the roles). */
export const canProcess = (actor: Actor, settings: Pick<DemarcheSettings, 'roles'>): boolean =>
  actor.kind === 'system' || actor.isOperator || mayProcess(settings, actor.role);

function checkType(ctx: CommuneCtx, d: repo.Demande): void {
  if (!canProcess(ctx.actor, d.settings))
    throw forbidden('Votre rôle ne permet pas de traiter les demandes de cette démarche.');
}

/** Jours ouvrés ahead that make an implicit-decision date « proche » (dashboard and filter). */
export const SOON_JOURS_OUVRES = 5;

export interface InboxFilterInput {
  type?: string | undefined;
  status?: Status | undefined;
  overdue?: boolean | undefined;
  /** Open requests due within SOON_JOURS_OUVRES jours ouvrés. */
  soon?: boolean | undefined;
  /** 'moi', 'aucun', or a user id. */
  assignee?: 'moi' | 'aucun' | number | undefined;
  text?: string | undefined;
  sort?: inbox.Sort | undefined;
}

/** The agents of the commune who may be put in charge of requests (active, not élus). */
async function processingMembers(ctx: CommuneCtx): Promise<Member[]> {
  // The member list is the administrators' page; reading names for assignment needs no more than
  // the right to process requests, checked by the callers.
  const all = await listCommuneMembers({ ...ctx, actor: systemActor('demarches') });
  return all.filter((m) => m.active && !m.userDisabled && m.role !== 'elu');
}

/** The inbox: requests matching the filter and the counts by status. */
export async function listInbox(ctx: CommuneCtx, filter: InboxFilterInput) {
  checkPolicy(ctx);
  const scope = scopeOf(ctx);
  const today = toParisLocal(ctx.now()).date;
  const assignee = filter.assignee === 'moi' ? (actorUserId(ctx.actor) ?? -1) : filter.assignee;
  const [demandes, counts, types, members] = await Promise.all([
    inbox.listInboxDemandes(scope, {
      type: filter.type,
      status: filter.status,
      text: filter.text,
      sort: filter.sort,
      assignee,
      overdueBefore: filter.overdue ? today : undefined,
      dueBetween: filter.soon ? [today, addJoursOuvres(today, SOON_JOURS_OUVRES)] : undefined,
    }),
    repo.countByStatus(scope),
    repo.listTypes(scope),
    processingMembers(ctx),
  ]);
  const mine = demandes.filter((d) => canProcess(ctx.actor, d.settings));
  return { demandes: mine, counts, types, today, members };
}

/** Open requests past their implicit-decision date and those due within SOON_JOURS_OUVRES (dashboard). */
export async function dueSummary(ctx: CommuneCtx) {
  checkPolicy(ctx);
  const today = toParisLocal(ctx.now()).date;
  const counts = await inbox.countDue(scopeOf(ctx), today, addJoursOuvres(today, SOON_JOURS_OUVRES));
  return { ...counts, days: SOON_JOURS_OUVRES };
}

/** One request for an agent, with its whole history (notes included) and pieces. */
export async function getDemandeAdmin(ctx: CommuneCtx, id: number) {
  checkPolicy(ctx);
  const scope = scopeOf(ctx);
  const demande = await repo.findDemande(scope, id);
  if (!demande) throw notFound('Cette demande n’existe pas dans cette commune.');
  checkType(ctx, demande);
  const [evenements, pieces, members] = await Promise.all([
    events.listEvenements(scope, id),
    events.listPieces(scope, id),
    processingMembers(ctx),
  ]);
  return { demande, evenements, pieces, members, today: toParisLocal(ctx.now()).date };
}

/** Changes one request's status inside the caller's transaction: event, mail and audit with it. */
async function changeStatusIn(trx: Kysely<DB>, ctx: CommuneCtx, d: repo.Demande, to: Status, motif: string) {
  const now = ctx.now();
  const scope = new TenantScope(trx, ctx.commune.id);
  if (!canTransition(d.status, to)) {
    throw new AppError(
      'InvalidTransition',
      `La demande ${d.reference} « ${STATUS_LABELS[d.status]} » ne peut pas passer à « ${STATUS_LABELS[to]} ».`,
    );
  }
  // Back from « en attente de compléments »: the délai restarts on the day (CRPA L114-5).
  const due = d.status === 'complements' ? decisionDue(d.settings, toParisLocal(now).date) : d.decisionDue;
  if (!(await repo.updateStatus(scope, d.id, d.status, to, due, now.toISOString()))) {
    throw new AppError('Conflict', 'La demande vient d’être modifiée par quelqu’un d’autre. Rechargez la page.');
  }
  await syncHold(scope, d.id, to);
  await events.insertEvenement(scope, {
    demandeId: d.id,
    kind: 'statut',
    fromStatus: d.status,
    toStatus: to,
    body: motif,
    author: authorOf(ctx),
    actorUserId: actorUserId(ctx.actor),
    now: now.toISOString(),
  });
  await enqueueMail(trx, updateMail({ ...mailData(ctx, d), status: to, message: motif }), now);
  await audit(trx, ctx, 'demarches.statut_change', d.id, now);
}

/** Changes a request's status with its reason; the citizen is mailed in the same transaction. */
export async function changerStatut(ctx: CommuneCtx, input: { id: number; to: Status; motif: string }): Promise<void> {
  checkPolicy(ctx);
  const motif = checkText(input.motif, 'motif', 'Le motif');
  await ctx.db.transaction().execute(async (trx) => {
    const d = await repo.findDemande(new TenantScope(trx, ctx.commune.id), input.id);
    if (!d) throw notFound('Cette demande n’existe pas dans cette commune.');
    checkType(ctx, d);
    await changeStatusIn(trx, ctx, d, input.to, motif);
  });
}

/**
 * Closes several requests with one reason, all or none: each closure is recorded, audited and
 * mailed to its citizen exactly as a single status change.
 */
export async function cloturerDemandes(ctx: CommuneCtx, input: { ids: number[]; motif: string }): Promise<number> {
  checkPolicy(ctx);
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw invalid('Cochez au moins une demande.', { ids: 'Cochez au moins une demande.' });
  if (ids.length > 200) throw invalid('Clôturez au plus 200 demandes à la fois.', { ids: 'Au plus 200 demandes.' });
  const motif = checkText(input.motif, 'motif', 'Le motif');
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    for (const id of ids) {
      const d = await repo.findDemande(scope, id);
      if (!d) throw notFound('Une des demandes cochées n’existe pas dans cette commune.');
      checkType(ctx, d);
      await changeStatusIn(trx, ctx, d, 'close', motif);
    }
  });
  return ids.length;
}

/** Puts an agent of the commune (or nobody) in charge of a request; noted in its history. */
export async function attribuerDemande(
  ctx: CommuneCtx,
  input: { id: number; assignee: 'moi' | 'aucun' | number },
): Promise<void> {
  checkPolicy(ctx);
  const userId = input.assignee === 'moi' ? actorUserId(ctx.actor) : input.assignee === 'aucun' ? null : input.assignee;
  const members = await processingMembers(ctx);
  const member = userId === null ? null : members.find((m) => m.userId === userId);
  if (userId !== null && !member) {
    throw invalid('Choisissez un agent de la commune.', { assignee: 'Choisissez un agent de la commune.' });
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const d = await repo.findDemande(scope, input.id);
    if (!d) throw notFound('Cette demande n’existe pas dans cette commune.');
    checkType(ctx, d);
    await inbox.setAssignee(scope, d.id, userId, now.toISOString());
    await events.insertEvenement(scope, {
      demandeId: d.id,
      kind: 'note',
      body: member ? `Demande confiée à ${member.displayName}.` : 'Plus personne n’est chargé de la demande.',
      author: authorOf(ctx),
      actorUserId: actorUserId(ctx.actor),
      now: now.toISOString(),
    });
    await audit(trx, ctx, 'demarches.attribution', d.id, now);
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
    checkType(ctx, d);
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
