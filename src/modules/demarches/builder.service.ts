import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { DB } from '../../db/schema.js';
import * as builder from './builder.repo.js';
import {
  addField,
  editField,
  type FieldEdit,
  formProblems,
  isSlugShape,
  LOCKED_FIELDS,
  moveField,
  parseSettings,
  removeProblem,
  type SettingsInput,
  slugify,
} from './builder.rules.js';
import { BUILTIN_TYPES } from './demarches.builtins.js';
import { canConfigurer } from './demarches.policy.js';
import { ensureBuiltinTypes } from './demarches.service.js';
import type { FieldType } from './fields.rules.js';
import { RESERVATION_SLUG } from './reservation.service.js';

const scopeOf = (ctx: Pick<CommuneCtx, 'db' | 'commune'>) => new TenantScope(ctx.db, ctx.commune.id);
const BUILTIN_SLUGS = new Set([...BUILTIN_TYPES.map((b) => b.slug), RESERVATION_SLUG]);

function checkPolicy(ctx: CommuneCtx): void {
  if (!canConfigurer(ctx.actor)) throw forbidden('Votre rôle ne permet pas de configurer les démarches.');
}

async function audit(trx: Kysely<DB>, ctx: CommuneCtx, action: string, id: number, details = {}): Promise<void> {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: ctx.now(),
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: 'demarche',
    objectId: id,
    details,
  });
}

/** The types of the commune as the builder lists them (built-ins created first). */
export async function listTypesConfig(ctx: CommuneCtx): Promise<builder.TypeAdmin[]> {
  checkPolicy(ctx);
  await ensureBuiltinTypes(ctx);
  return builder.listTypesAdmin(scopeOf(ctx));
}

export interface BuilderView {
  type: builder.TypeAdmin;
  /** What the builder edits: the draft, or a copy of the published version. */
  draft: builder.Draft;
  hasDraft: boolean;
  builtin: boolean;
  locked: readonly string[];
  problems: string[];
}

const draftOf = (t: builder.TypeAdmin): builder.Draft | null =>
  t.draft ?? (t.published ? { title: t.title, summary: t.summary, ...t.published } : null);

/** A type with its draft, for the builder's pages. */
export async function getBuilder(ctx: CommuneCtx, id: number): Promise<BuilderView> {
  checkPolicy(ctx);
  const type = await builder.findTypeAdmin(scopeOf(ctx), id);
  const draft = type ? draftOf(type) : null;
  if (!type || !draft) throw notFound('Cette démarche n’existe pas dans cette commune.');
  return {
    type,
    draft,
    hasDraft: type.draft !== null,
    builtin: BUILTIN_SLUGS.has(type.slug),
    locked: LOCKED_FIELDS[type.slug] ?? [],
    problems: formProblems(type.slug, draft.form),
  };
}

const textProblem = (v: string, max: number, what: string): string | null =>
  v === '' ? `${what} est obligatoire.` : v.length > max ? `Saisissez au plus ${max} caractères.` : null;

/** Creates a démarche type, unpublished, with the commune's secretariat as service. */
export async function creerType(
  ctx: CommuneCtx,
  input: { title: string; slug: string; summary: string },
): Promise<number> {
  checkPolicy(ctx);
  const title = input.title.trim();
  const summary = input.summary.trim();
  const slug = input.slug.trim() || slugify(title, '-');
  const errors: Record<string, string> = {};
  const t = textProblem(title, 120, 'Le titre');
  if (t) errors.title = t;
  const s = textProblem(summary, 500, 'Le résumé');
  if (s) errors.summary = s;
  if (!isSlugShape(slug)) errors.slug = 'Utilisez des lettres minuscules sans accent, des chiffres et des tirets.';
  else if (BUILTIN_SLUGS.has(slug)) errors.slug = 'Cette adresse est réservée à une démarche prévue par Clocher.';
  if (Object.keys(errors).length > 0) throw invalid('Le formulaire contient des erreurs.', errors);
  const base = BUILTIN_TYPES[0]?.settings(ctx.commune);
  if (!base) throw new Error('demarches: no built-in type');
  const draft: builder.Draft = { title, summary, form: [], settings: { ...base } };
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if ((await builder.findTypeIdBySlug(scope, slug)) !== null) {
      throw conflict('Cette adresse est déjà prise.', { slug: 'Une autre démarche a déjà cette adresse.' });
    }
    const id = await builder.insertDraftType(scope, slug, draft, ctx.now().toISOString());
    await audit(trx, ctx, 'demarche.created', id, { slug });
    return id;
  });
}

/** Changes a type's draft (created from the published version when there is none). */
async function changeDraft(
  ctx: CommuneCtx,
  id: number,
  change: (draft: builder.Draft, type: builder.TypeAdmin) => builder.Draft,
): Promise<void> {
  checkPolicy(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const type = await builder.findTypeAdmin(scope, id);
    const draft = type ? draftOf(type) : null;
    if (!type || !draft) throw notFound('Cette démarche n’existe pas dans cette commune.');
    await builder.saveDraft(scope, id, change(draft, type));
    await audit(trx, ctx, 'demarche.updated', id);
  });
}

/** Adds a field of a type at the end of the draft form. */
export async function ajouterChamp(ctx: CommuneCtx, id: number, input: { type: FieldType; label: string }) {
  const label = input.label.trim();
  const p = textProblem(label, 500, 'Le libellé');
  if (p) throw invalid(p, { label: p });
  await changeDraft(ctx, id, (d) => ({ ...d, form: addField(d.form, input.type, label) }));
}

/** Edits a field (label, hint, required, choices, condition). */
export async function modifierChamp(ctx: CommuneCtx, id: number, name: string, edit: FieldEdit) {
  await changeDraft(ctx, id, (d, type) => {
    if (!d.form.some((f) => f.name === name)) throw notFound('Ce champ n’existe pas.');
    const res = editField(type.slug, d.form, name, edit);
    if (Object.keys(res.errors).length > 0) throw invalid('Le champ contient des erreurs.', res.errors);
    return { ...d, form: res.form };
  });
}

export async function deplacerChamp(ctx: CommuneCtx, id: number, name: string, dir: 'up' | 'down') {
  await changeDraft(ctx, id, (d) => ({ ...d, form: moveField(d.form, name, dir) }));
}

export async function supprimerChamp(ctx: CommuneCtx, id: number, name: string) {
  await changeDraft(ctx, id, (d, type) => {
    const problem = removeProblem(type.slug, d.form, name);
    if (problem) throw new AppError('Conflict', problem);
    return { ...d, form: d.form.filter((f) => f.name !== name) };
  });
}

/** Title, summary and settings (service, silence, délai, conservation, roles, room hold). */
export async function enregistrerReglages(
  ctx: CommuneCtx,
  id: number,
  input: { title: string; summary: string; settings: SettingsInput },
) {
  await changeDraft(ctx, id, (d, type) => {
    const title = input.title.trim();
    const summary = input.summary.trim();
    const parsed = parseSettings(type.slug, {
      ...input.settings,
      retenueJours: type.slug === RESERVATION_SLUG ? (input.settings.retenueJours ?? '') : undefined,
    });
    const errors = { ...parsed.errors };
    const t = textProblem(title, 120, 'Le titre');
    if (t) errors.title = t;
    const s = textProblem(summary, 500, 'Le résumé');
    if (s) errors.summary = s;
    if (!parsed.settings || Object.keys(errors).length > 0)
      throw invalid('Les réglages contiennent des erreurs.', errors);
    return { ...d, title, summary, settings: parsed.settings };
  });
}

/**
 * Publishes the draft as the type's next version: new requests use it, requests already made keep
 * the version they were made with (their revision id).
 */
export async function publierType(ctx: CommuneCtx, id: number): Promise<number> {
  checkPolicy(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const type = await builder.findTypeAdmin(scope, id);
    if (!type) throw notFound('Cette démarche n’existe pas dans cette commune.');
    if (!type.draft) throw new AppError('Conflict', 'Il n’y a aucune modification à publier.');
    const problems = formProblems(type.slug, type.draft.form);
    if (problems.length > 0) throw new AppError('Invalid', `Publication impossible : ${problems.join(' ')}`);
    if (!(await builder.publishRevision(scope, id, type.version, type.draft, ctx.now().toISOString()))) {
      throw conflict('La démarche vient d’être publiée par quelqu’un d’autre. Rechargez la page.');
    }
    await audit(trx, ctx, 'demarche.published', id, { version: type.version + 1 });
    return type.version + 1;
  });
}

/** Drops the unpublished changes (a never published type keeps its draft). */
export async function abandonnerBrouillon(ctx: CommuneCtx, id: number): Promise<void> {
  checkPolicy(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const type = await builder.findTypeAdmin(scope, id);
    if (!type) throw notFound('Cette démarche n’existe pas dans cette commune.');
    if (!type.published) throw new AppError('Conflict', 'Cette démarche n’a jamais été publiée.');
    await builder.saveDraft(scope, id, null);
    await audit(trx, ctx, 'demarche.draft_discarded', id);
  });
}
