import { preparedRead, type TenantScope } from '../../core/tenancy/index.js';
import { type Plat, platColumns, toPlat } from './cantine.repo.js';
import { courseRank, REPAS, type RepasCode } from './cantine.rules.js';
import type { MenuRow } from './cantine.table.js';

/** Menus of a commune's restaurants and their dishes. */

export interface Menu {
  id: number;
  restaurantId: number;
  date: string;
  repas: RepasCode;
  vegetarien: boolean;
  precision: string;
  publishedAt: string;
  updatedAt: string;
  /** In course order, then in the order they were entered. */
  plats: Plat[];
}

const menuColumns = [
  'id',
  'restaurant_id',
  'date',
  'repas',
  'vegetarien',
  'precision',
  'published_at',
  'updated_at',
] as const;

const repasRank = (code: string) => REPAS.findIndex((r) => r.code === code);

type MenuRowRead = Pick<MenuRow, (typeof menuColumns)[number]>;

/** The dishes of some menus, joined to their links (position in the menu). */
const dishLinks = (scope: TenantScope) =>
  scope
    .selectFrom('cantine_menu_plat')
    .innerJoin('cantine_plat', (j) =>
      j
        .onRef('cantine_plat.id', '=', 'cantine_menu_plat.plat_id')
        .onRef('cantine_plat.commune_id', '=', 'cantine_menu_plat.commune_id'),
    )
    .select([...platColumns, 'cantine_menu_plat.menu_id', 'cantine_menu_plat.position'])
    .orderBy('cantine_menu_plat.position');

type DishLink = Awaited<ReturnType<ReturnType<typeof dishLinks>['execute']>>[number];

/** Menus with their dishes, in course order, then in the order they were entered. */
function assemble(rows: MenuRowRead[], links: DishLink[]): Menu[] {
  const byMenu = new Map<number, { plat: Plat; position: number }[]>();
  for (const l of links) {
    const list = byMenu.get(l.menu_id);
    const item = { plat: toPlat(l), position: l.position };
    if (list) list.push(item);
    else byMenu.set(l.menu_id, [item]);
  }
  return rows.map((r) => ({
    id: r.id,
    restaurantId: r.restaurant_id,
    date: r.date,
    repas: r.repas as RepasCode,
    vegetarien: r.vegetarien === 1,
    precision: r.precision,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    plats: (byMenu.get(r.id) ?? [])
      .sort((a, b) => courseRank(a.plat.type) - courseRank(b.plat.type) || a.position - b.position)
      .map((x) => x.plat),
  }));
}

async function withPlats(scope: TenantScope, rows: MenuRowRead[]): Promise<Menu[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  return assemble(rows, await dishLinks(scope).where('cantine_menu_plat.menu_id', 'in', ids).execute());
}

const byDayAndRepas = (a: Menu, b: Menu) =>
  a.date.localeCompare(b.date) || a.restaurantId - b.restaurantId || repasRank(a.repas) - repasRank(b.repas);

/** Menus between two dates included, of one restaurant or of all of them. */
export async function listMenus(
  scope: TenantScope,
  filter: { restaurantId?: number; from?: string; to?: string } = {},
): Promise<Menu[]> {
  let q = scope.selectFrom('cantine_menu').select(menuColumns);
  if (filter.restaurantId !== undefined) q = q.where('restaurant_id', '=', filter.restaurantId);
  if (filter.from !== undefined) q = q.where('date', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('date', '<=', filter.to);
  return (await withPlats(scope, await q.execute())).sort(byDayAndRepas);
}

/**
 * The first menus of a restaurant on or after a day, read by the home page (built once). A restaurant
 * has at most one menu per meal of a day: the first REPAS.length of them hold every menu of the first day.
 */
const menusFrom = preparedRead<{ restaurantId: number; from: string }, MenuRowRead>((scope, arg) =>
  scope
    .selectFrom('cantine_menu')
    .select(menuColumns)
    .where('restaurant_id', '=', arg('restaurantId'))
    .where('date', '>=', arg('from'))
    .orderBy('date')
    .limit(REPAS.length),
);

/** The dishes of a restaurant's menus of one day (home page, built once). */
const dishesOfDay = preparedRead<{ restaurantId: number; date: string }, DishLink>((scope, arg) =>
  dishLinks(scope)
    .innerJoin('cantine_menu', (j) =>
      j
        .onRef('cantine_menu.id', '=', 'cantine_menu_plat.menu_id')
        .onRef('cantine_menu.commune_id', '=', 'cantine_menu_plat.commune_id'),
    )
    .where('cantine_menu.restaurant_id', '=', arg('restaurantId'))
    .where('cantine_menu.date', '=', arg('date')),
);

/** The first day on or after `from` with a menu in the restaurant, with its menus. */
export async function nextMenus(scope: TenantScope, restaurantId: number, from: string): Promise<Menu[]> {
  const rows = await menusFrom(scope, { restaurantId, from });
  const date = rows[0]?.date;
  if (date === undefined) return [];
  const firstDay = rows.filter((r) => r.date === date);
  return assemble(firstDay, await dishesOfDay(scope, { restaurantId, date })).sort(byDayAndRepas);
}

export async function countMenus(scope: TenantScope, restaurantId: number): Promise<number> {
  const r = await scope
    .selectFrom('cantine_menu')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Dates of the menus that have dishes (those the open-data file holds): first and last day, first
 * and last publication instant; null when there is none.
 */
export async function menusSpan(
  scope: TenantScope,
): Promise<{ debut: string; fin: string; premierePublication: string; dernierePublication: string } | null> {
  const r = await scope
    .selectFrom('cantine_menu')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('cantine_menu_plat')
          .select('cantine_menu_plat.id')
          .whereRef('cantine_menu_plat.menu_id', '=', 'cantine_menu.id')
          .whereRef('cantine_menu_plat.commune_id', '=', 'cantine_menu.commune_id'),
      ),
    )
    .select((eb) => [
      eb.fn.min('date').as('debut'),
      eb.fn.max('date').as('fin'),
      eb.fn.min('published_at').as('p1'),
      eb.fn.max('published_at').as('p2'),
    ])
    .executeTakeFirst();
  if (!r?.debut || !r.fin || !r.p1 || !r.p2) return null;
  return { debut: r.debut, fin: r.fin, premierePublication: r.p1, dernierePublication: r.p2 };
}

export interface MenuValues {
  vegetarien: boolean;
  precision: string;
}

export async function insertMenu(
  scope: TenantScope,
  key: { restaurantId: number; date: string; repas: RepasCode },
  v: MenuValues,
  now: string,
): Promise<number> {
  const r = await scope
    .insertInto('cantine_menu', {
      restaurant_id: key.restaurantId,
      date: key.date,
      repas: key.repas,
      vegetarien: v.vegetarien ? 1 : 0,
      precision: v.precision,
      published_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMenu(scope: TenantScope, id: number, v: MenuValues, now: string): Promise<void> {
  await scope
    .updateTable('cantine_menu')
    .set({ vegetarien: v.vegetarien ? 1 : 0, precision: v.precision, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Replaces the dishes of a menu. */
export async function setMenuPlats(scope: TenantScope, menuId: number, platIds: readonly number[]): Promise<void> {
  await scope.deleteFrom('cantine_menu_plat').where('menu_id', '=', menuId).execute();
  if (platIds.length === 0) return;
  await scope
    .insertInto(
      'cantine_menu_plat',
      platIds.map((platId, position) => ({ menu_id: menuId, plat_id: platId, position })),
    )
    .execute();
}

export async function deleteMenu(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('cantine_menu_plat').where('menu_id', '=', id).execute();
  await scope.deleteFrom('cantine_menu').where('id', '=', id).execute();
}
