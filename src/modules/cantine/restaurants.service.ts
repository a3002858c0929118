import type { CommuneCtx } from '../../core/context.js';
import { conflict, notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { recordChange } from './cantine.changes.js';
import { assertCanManageCantine } from './cantine.policy.js';
import * as repo from './cantine.repo.js';
import { countMenus } from './menus.repo.js';

export type { Restaurant, RestaurantInput } from './cantine.repo.js';

const NOT_FOUND = 'Ce restaurant n’existe pas dans cette commune.';
const NAME_TAKEN = 'Un autre restaurant de la commune porte déjà ce nom.';

const scopeOf = (ctx: Pick<CommuneCtx, 'db' | 'commune'>) => new TenantScope(ctx.db, ctx.commune.id);

/** The commune's restaurants, in their order (the first one is shown on the home page). */
export async function listRestaurants(ctx: CommuneCtx): Promise<repo.Restaurant[]> {
  assertCanManageCantine(ctx.actor);
  return repo.listRestaurants(scopeOf(ctx));
}

/** One restaurant of the commune, for the back-office; 404 when it belongs to no restaurant of it. */
export async function getRestaurant(ctx: CommuneCtx, id: number): Promise<repo.Restaurant> {
  assertCanManageCantine(ctx.actor);
  const r = await repo.findRestaurant(scopeOf(ctx), id);
  if (!r) throw notFound(NOT_FOUND);
  return r;
}

/** Adds a restaurant; its name must be unique in the commune. */
export async function createRestaurant(ctx: CommuneCtx, input: repo.RestaurantInput): Promise<number> {
  assertCanManageCantine(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (await repo.restaurantNameTaken(scope, input.nom, null)) throw conflict(NAME_TAKEN, { nom: NAME_TAKEN });
    const id = await repo.insertRestaurant(scope, input, ctx.now().toISOString());
    await recordChange(trx, ctx, {
      action: 'cantine.restaurant_created',
      objectType: 'cantine_restaurant',
      objectId: id,
      details: { nom: input.nom },
    });
    return id;
  });
}

/** Edits a restaurant's name and open-data identifiers. */
export async function updateRestaurant(ctx: CommuneCtx, id: number, input: repo.RestaurantInput): Promise<void> {
  assertCanManageCantine(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!(await repo.findRestaurant(scope, id))) throw notFound(NOT_FOUND);
    if (await repo.restaurantNameTaken(scope, input.nom, id)) throw conflict(NAME_TAKEN, { nom: NAME_TAKEN });
    await repo.updateRestaurant(scope, id, input, ctx.now().toISOString());
    await recordChange(trx, ctx, {
      action: 'cantine.restaurant_updated',
      objectType: 'cantine_restaurant',
      objectId: id,
      details: { nom: input.nom },
    });
  });
}

/** Removes a restaurant that has no menu yet (published menus stay in the open data). */
export async function deleteRestaurant(ctx: CommuneCtx, id: number): Promise<void> {
  assertCanManageCantine(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const r = await repo.findRestaurant(scope, id);
    if (!r) throw notFound(NOT_FOUND);
    if ((await countMenus(scope, id)) > 0) {
      throw conflict('Ce restaurant a des menus publiés : il ne peut pas être supprimé.');
    }
    await repo.deleteRestaurant(scope, id);
    await recordChange(trx, ctx, {
      action: 'cantine.restaurant_deleted',
      objectType: 'cantine_restaurant',
      objectId: id,
      details: { nom: r.nom },
    });
  });
}
