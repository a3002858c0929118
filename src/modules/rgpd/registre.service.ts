import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { forbidden, invalid, notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { lockForTransaction } from '../../db/dialect.js';
import { categoriesOf } from './conservation.service.js';
import { canConsulterRgpd, canGererRgpd } from './rgpd.policy.js';
import * as repo from './rgpd.repo.js';
import {
  type CategoryDef,
  type DemarcheTypeInfo,
  generateRegistre,
  planRegistre,
  type Retention,
  type StoredActivity,
} from './rgpd.rules.js';
import { type ActivityInput, activitySchema } from './rgpd.schemas.js';
import * as sources from './sources.repo.js';

/** Advisory-lock space of the registre's regeneration (PostgreSQL). */
const REGISTRE_LOCK = 0x7d9d01;

/** Field types that hold no answer. */
const DISPLAY_ONLY = new Set(['section', 'help']);

function typeInfo(t: sources.TypeRow): DemarcheTypeInfo {
  return {
    slug: t.slug,
    title: t.title,
    summary: t.summary,
    fieldLabels: t.form.filter((f) => !DISPLAY_ONLY.has(f.type)).map((f) => f.label),
    service: t.settings.service?.nom || 'Secrétariat de la mairie',
    conservationMois: t.settings.conservationMois ?? 12,
  };
}

/**
 * Brings the registre up to date with what the commune uses (its démarche types, the modules in
 * use): new activities appear, generated ones follow their source, edited ones keep their edits.
 */
export async function syncRegistre(ctx: CommuneCtx, modules: readonly string[]): Promise<StoredActivity[]> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, REGISTRE_LOCK, ctx.commune.id);
    const scope = new TenantScope(trx, ctx.commune.id);
    const { retention } = await categoriesOf(scope);
    const generated = generateRegistre({
      communeNom: ctx.commune.nom,
      types: (await sources.listDemarcheTypes(scope)).map(typeInfo),
      modules: [...modules],
      retention: (def: CategoryDef): Retention => retention(def),
    });
    const plan = planRegistre(generated, await repo.listActivities(scope));
    const now = ctx.now().toISOString();
    for (const a of plan.insert) await repo.insertActivity(scope, a, now);
    for (const u of plan.update) await repo.updateActivity(scope, u.id, u.activity, false, now);
    await repo.setActive(scope, plan.reactivate, true, now);
    await repo.setActive(scope, plan.deactivate, false, now);
    return repo.listActivities(scope);
  });
}

/** The registre as it stands today (brought up to date first). */
export async function consulterRegistre(ctx: CommuneCtx, modules: readonly string[]): Promise<StoredActivity[]> {
  if (!canConsulterRgpd(ctx.actor)) throw forbidden();
  return syncRegistre(ctx, modules);
}

export async function getActivity(ctx: CommuneCtx, id: number): Promise<StoredActivity> {
  if (!canGererRgpd(ctx.actor)) throw forbidden('Seul un administrateur modifie le registre.');
  const found = (await repo.listActivities(new TenantScope(ctx.db, ctx.commune.id))).find((a) => a.id === id);
  if (!found) throw notFound('Cette activité de traitement n’existe pas.');
  return found;
}

/** An administrateur edits an activity: regeneration will no longer overwrite it. */
export async function modifierActivite(ctx: CommuneCtx, id: number, values: unknown): Promise<void> {
  if (!canGererRgpd(ctx.actor)) throw forbidden('Seul un administrateur modifie le registre.');
  const parsed = activitySchema.safeParse(values ?? {});
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[String(i.path[0])] ??= i.message;
    throw invalid('Le formulaire contient des erreurs.', fields);
  }
  const input: ActivityInput = parsed.data;
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!(await repo.updateActivity(scope, id, input, true, ctx.now().toISOString()))) {
      throw notFound('Cette activité de traitement n’existe pas.');
    }
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'rgpd.traitement_modifie',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'rgpd_traitement',
      objectId: id,
    });
  });
}
