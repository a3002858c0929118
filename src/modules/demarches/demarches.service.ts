import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { randomToken, safeEqual, sha256Hex } from '../../core/crypto.js';
import { invalid, notFound } from '../../core/errors.js';
import type { FileStore } from '../../core/files/index.js';
import { enqueueMail } from '../../core/mail/index.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { accuseAttachment, accuseFilename, accusePdf } from './accuse.service.js';
import { BUILTIN_TYPES, type BuiltinType, reservationSettings } from './demarches.builtins.js';
import { accuseMail } from './demarches.mails.js';
import { storePiece } from './demarches.pieces.js';
import * as repo from './demarches.repo.js';
import { decisionDue, formatReference, isReferenceShape } from './demarches.rules.js';
import * as events from './evenements.repo.js';
import { type FieldDef, validateAnswers } from './fields.rules.js';
import { holdSlot, RESERVATION_SLUG, reservationType } from './reservation.service.js';
import { listSalles } from './salles.repo.js';

/** Advisory-lock spaces (PostgreSQL): built-in types, reference counters. */
const TYPES_LOCK = 0xde0001;
const COUNTER_LOCK = 0xde0002;

/** The requester's identity (CRPA R112-9-1: nom, prénom, adresse postale et électronique). */
export const IDENTITY_FIELDS: FieldDef[] = [
  { name: 'prenom', type: 'text', label: 'Prénom', required: true },
  { name: 'nom', type: 'text', label: 'Nom', required: true },
  { name: 'email', type: 'email', label: 'Adresse électronique', required: true },
  { name: 'adresse', type: 'address', label: 'Adresse postale', required: true },
];

/** The file store is needed only when a file is sent (the demo seed has none). */
export type FilesCtx = CommuneCtx & { files?: FileStore };

export function withFiles(ctx: FilesCtx): CommuneCtx & { files: FileStore } {
  if (!ctx.files) throw new Error('demarches: a file was sent without a file store');
  return { ...ctx, files: ctx.files };
}

const scopeOf = (ctx: Pick<CommuneCtx, 'db' | 'commune'>) => new TenantScope(ctx.db, ctx.commune.id);

/** The built-in types, with the room booking once the commune has rooms. */
async function builtinsFor(scope: TenantScope): Promise<BuiltinType[]> {
  const rooms = await listSalles(scope);
  if (rooms.length === 0) return [...BUILTIN_TYPES];
  return [...BUILTIN_TYPES, reservationType(rooms, { settings: reservationSettings })];
}

/** Creates the built-in types the commune does not have yet (first use, or the demo seed). */
export async function ensureBuiltinTypes(ctx: CommuneCtx): Promise<void> {
  const have = new Set((await repo.listTypes(scopeOf(ctx))).map((t) => t.slug));
  const wanted = await builtinsFor(scopeOf(ctx));
  if (wanted.every((b) => have.has(b.slug))) return;
  await ctx.db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, TYPES_LOCK, ctx.commune.id);
    const scope = new TenantScope(trx, ctx.commune.id);
    const existing = new Set((await repo.listTypes(scope)).map((t) => t.slug));
    const now = ctx.now().toISOString();
    for (const b of await builtinsFor(scope)) {
      if (existing.has(b.slug)) continue;
      const { settings, check: _check, ...rest } = b;
      await repo.insertType(scope, { ...rest, settings: settings(ctx.commune), now });
    }
  });
}

/** The démarches a citizen may start. */
export async function listPublicTypes(ctx: CommuneCtx): Promise<repo.DemarcheType[]> {
  await ensureBuiltinTypes(ctx);
  return repo.listTypes(scopeOf(ctx));
}

/** One démarche type by its slug; 404 when the commune has none. */
export async function getType(ctx: CommuneCtx, slug: string): Promise<repo.DemarcheType> {
  // The usual case reads the types once; the built-ins are created only when one is missing.
  const found = (await repo.listTypes(scopeOf(ctx))).find((t) => t.slug === slug);
  if (found) return found;
  const type = (await listPublicTypes(ctx)).find((t) => t.slug === slug);
  if (!type) throw notFound('Cette démarche n’existe pas dans cette commune.');
  return type;
}

export interface DepotInput {
  slug: string;
  /** The type already read by the caller for this slug (saves reading it again). */
  type?: repo.DemarcheType;
  values: Record<string, unknown>;
  file: { bytes: Buffer; filename: string } | null;
  fileTooLarge?: boolean;
  canal: 'en_ligne' | 'guichet';
  baseUrl: string;
}

export interface Depot {
  id: number;
  reference: string;
  token: string;
  receivedAt: string;
  decisionDue: string | null;
  type: repo.DemarcheType;
}

/** Validates identity and answers; throws Invalid with every field's message. */
function validateDepot(type: repo.DemarcheType, input: DepotInput, today: string) {
  const identity = validateAnswers(IDENTITY_FIELDS, input.values);
  const form = validateAnswers(type.form, input.values);
  const check =
    type.slug === RESERVATION_SLUG
      ? reservationType([], { settings: reservationSettings }).check
      : BUILTIN_TYPES.find((b) => b.slug === type.slug)?.check;
  const errors = { ...identity.errors, ...form.errors, ...(check ? check(form.answers, today) : {}) };
  const fileField = type.form.find((f) => f.type === 'file');
  if (fileField && input.fileTooLarge) errors[fileField.name] = 'Le fichier dépasse 10 Mo.';
  if (fileField?.required && !input.file && !errors[fileField.name]) errors[fileField.name] = 'Joignez un fichier.';
  if (Object.keys(errors).length > 0) throw invalid('Le formulaire contient des erreurs.', errors);
  return { identity: identity.answers as Record<string, string>, answers: form.answers, fileField };
}

/** Takes the next reference of the year for the commune, under the counter's lock. */
async function nextReference(trx: Kysely<DB>, communeId: number, year: number): Promise<string> {
  await lockForTransaction(trx, COUNTER_LOCK, communeId);
  return formatReference(year, await repo.nextNumber(new TenantScope(trx, communeId), year));
}

/**
 * A citizen (or an agent at the counter) submits a request: validated, its piece stored, a
 * reference given, the acknowledgement mail queued in the same transaction.
 */
export async function deposerDemande(ctx: FilesCtx, input: DepotInput): Promise<Depot> {
  const type = input.type?.slug === input.slug ? input.type : await getType(ctx, input.slug);
  const now = ctx.now();
  // The Paris date of receipt, computed once: formatting in a time zone is not free.
  const today = toParisLocal(now).date;
  const { identity, answers, fileField } = validateDepot(type, input, today);
  const fileId = fileField && input.file ? await storePiece(withFiles(ctx), input.file, fileField.name) : null;
  const receivedAt = now.toISOString();
  const due = decisionDue(type.settings, today);
  const token = randomToken();
  const { id, reference } = await ctx.db.transaction().execute(async (trx) => {
    const reference = await nextReference(trx, ctx.commune.id, Number(today.slice(0, 4)));
    const scope = new TenantScope(trx, ctx.commune.id);
    const id = await repo.insertDemande(scope, {
      typeId: type.id,
      revisionId: type.revisionId,
      reference,
      tokenHash: sha256Hex(token),
      canal: input.canal,
      email: (identity.email as string).toLowerCase(),
      nom: identity.nom as string,
      prenom: identity.prenom as string,
      adresse: identity.adresse as string,
      answers,
      receivedAt,
      decisionDue: due,
    });
    if (type.slug === RESERVATION_SLUG) {
      await holdSlot(scope, ctx, { demandeId: id, answers, retenueJours: type.settings.retenueJours, now });
    }
    if (fileId !== null && fileField) {
      await events.insertPiece(scope, { demandeId: id, fileId, field: fileField.name, now: receivedAt });
    }
    const body = input.canal === 'guichet' ? 'Demande enregistrée au guichet.' : 'Demande déposée en ligne.';
    await events.insertEvenement(scope, {
      demandeId: id,
      kind: 'statut',
      toStatus: 'recue',
      body,
      author: input.canal === 'guichet' && ctx.actor.kind === 'user' ? ctx.actor.displayName : 'Demandeur',
      actorUserId: actorUserId(ctx.actor),
      now: receivedAt,
    });
    const suiviUrl = suiviLink(input.baseUrl, reference, token);
    const mail = accuseMail({
      commune: ctx.commune,
      email: identity.email as string,
      reference,
      typeTitle: type.title,
      suiviUrl,
      receivedAt,
      settings: type.settings,
      decisionDue: due,
    });
    // The PDF is rendered by the mail worker after the commit: the submission does not wait for it.
    await enqueueMail(trx, { ...mail, attachments: [accuseAttachment(id, reference)] }, now);
    await audit(trx, ctx, 'demarches.demande_deposee', id, now);
    return { id, reference };
  });
  return { id, reference, token, receivedAt, decisionDue: due, type };
}

export const suiviLink = (baseUrl: string, reference: string, token: string): string =>
  `${baseUrl.replace(/\/$/, '')}/suivi/${reference}?jeton=${encodeURIComponent(token)}`;

export async function audit(trx: Kysely<DB>, ctx: CommuneCtx, action: string, id: number, now: Date): Promise<void> {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: now,
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: 'demande',
    objectId: id,
  });
}

/** The request behind a follow-up link; 404 for an unknown reference or a wrong secret. */
async function demandeOfLink(ctx: CommuneCtx, reference: string, token: string): Promise<repo.Demande> {
  const demande = isReferenceShape(reference) ? await repo.findDemandeByReference(scopeOf(ctx), reference) : null;
  if (!demande || !token || !safeEqual(sha256Hex(token), demande.tokenHash)) {
    ctx.log.warn({ reference }, 'demarches: follow-up link refused');
    throw notFound('Cette demande est introuvable. Vérifiez le lien reçu par courriel.');
  }
  return demande;
}

/** The request behind a follow-up link, its history (without internal notes) and its files. */
export async function getSuivi(ctx: CommuneCtx, reference: string, token: string) {
  const scope = scopeOf(ctx);
  const demande = await demandeOfLink(ctx, reference, token);
  const [evenements, pieces] = await Promise.all([
    events.listEvenements(scope, demande.id),
    events.listPieces(scope, demande.id),
  ]);
  return { demande, evenements: evenements.filter((e) => e.kind !== 'note'), pieces };
}

/** The accusé de réception PDF of the request behind a follow-up link (produced now if the worker is late). */
export async function getAccusePdf(
  ctx: FilesCtx,
  reference: string,
  token: string,
): Promise<{ bytes: Buffer; filename: string }> {
  const demande = await demandeOfLink(ctx, reference, token);
  return { bytes: await accusePdf(withFiles(ctx), demande.id), filename: accuseFilename(demande.reference) };
}
