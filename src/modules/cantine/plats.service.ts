import type { CommuneCtx } from '../../core/context.js';
import { conflict, notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { recordChange } from './cantine.changes.js';
import { assertCanManageCantine } from './cantine.policy.js';
import * as repo from './cantine.repo.js';
import type { PlatForm } from './cantine.schemas.js';

export type { Plat } from './cantine.repo.js';

const NOT_FOUND = 'Ce plat n’existe pas dans cette commune.';
const NAME_TAKEN = 'Un plat de ce type porte déjà ce nom.';

/** Every dish of the commune, by name. */
export async function listPlats(ctx: CommuneCtx): Promise<repo.Plat[]> {
  assertCanManageCantine(ctx.actor);
  return repo.listPlats(new TenantScope(ctx.db, ctx.commune.id));
}

/** One dish of the commune; 404 otherwise. */
export async function getPlat(ctx: CommuneCtx, id: number): Promise<repo.Plat> {
  assertCanManageCantine(ctx.actor);
  const p = await repo.findPlat(new TenantScope(ctx.db, ctx.commune.id), id);
  if (!p) throw notFound(NOT_FOUND);
  return p;
}

const toInput = (form: PlatForm): repo.PlatInput => ({ ...form, allergenesRenseignes: true });

/** Adds a dish with its allergens and labels (saying none is saying something: they are then known). */
export async function createPlat(ctx: CommuneCtx, form: PlatForm): Promise<number> {
  assertCanManageCantine(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (await repo.findPlatByName(scope, form.type, form.nom)) throw conflict(NAME_TAKEN, { nom: NAME_TAKEN });
    const plat = await repo.insertPlat(scope, toInput(form), ctx.now().toISOString());
    await recordChange(trx, ctx, {
      action: 'cantine.plat_created',
      objectType: 'cantine_plat',
      objectId: plat.id,
      details: { nom: form.nom, type: form.type },
    });
    return plat.id;
  });
}

/** Edits a dish: every menu that serves it shows the change. */
export async function updatePlat(ctx: CommuneCtx, id: number, form: PlatForm): Promise<void> {
  assertCanManageCantine(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const before = await repo.findPlat(scope, id);
    if (!before) throw notFound(NOT_FOUND);
    const same = await repo.findPlatByName(scope, form.type, form.nom);
    if (same && same.id !== id) throw conflict(NAME_TAKEN, { nom: NAME_TAKEN });
    await repo.updatePlat(scope, id, toInput(form), ctx.now().toISOString());
    await recordChange(trx, ctx, {
      action: 'cantine.plat_updated',
      objectType: 'cantine_plat',
      objectId: id,
      details: { nom: form.nom, type: form.type, allergenes: form.allergenes, labels: form.labels },
    });
  });
}
