import type { CommuneCtx } from '../../core/context.js';
import { memoized, type RequestMemo } from '../../core/request-memo.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './cantine.repo.js';
import { type EgalimShares, egalimShares } from './egalim.rules.js';
import * as menus from './menus.repo.js';
import { addWeeks, type IsoWeek, parisToday, weekDates } from './semaine.rules.js';

/** What the public sees of the canteen: no policy, read only. */

type ReadCtx = Pick<CommuneCtx, 'db' | 'commune'>;

export interface PublicDay {
  date: string;
  menus: menus.Menu[];
}

export interface PublicWeek {
  week: IsoWeek;
  previous: IsoWeek;
  next: IsoWeek;
  restaurants: { restaurant: repo.Restaurant; days: PublicDay[] }[];
  /** The latest year entered up to the week's year. */
  egalim: { year: repo.EgalimYear; shares: EgalimShares } | null;
}

/** The menus of a week, per restaurant and per day, and the EGalim shares of its year. */
export async function publicWeek(ctx: ReadCtx, week: IsoWeek): Promise<PublicWeek> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const dates = weekDates(week);
  const [restaurants, weekMenus, egalim] = await Promise.all([
    repo.listRestaurants(scope),
    menus.listMenus(scope, { from: dates[0], to: dates[6] }),
    repo.latestEgalim(scope, week.year),
  ]);
  return {
    week,
    previous: addWeeks(week, -1),
    next: addWeeks(week, 1),
    restaurants: restaurants.map((restaurant) => ({
      restaurant,
      days: dates
        .map((date) => ({ date, menus: weekMenus.filter((m) => m.restaurantId === restaurant.id && m.date === date) }))
        .filter((d) => d.menus.length > 0),
    })),
    egalim: egalim ? { year: egalim, shares: egalimShares(egalim) } : null,
  };
}

export interface HomeMenu {
  restaurant: repo.Restaurant;
  date: string;
  isToday: boolean;
  menus: menus.Menu[];
}

/** The commune's restaurants, read once per request when a memo is given (the menu and the home page). */
const restaurantsOf = (ctx: ReadCtx, memo: RequestMemo | undefined) =>
  memoized(memo, 'cantine:restaurants', () => repo.listRestaurants(new TenantScope(ctx.db, ctx.commune.id)));

/** Today's menus of the first restaurant, or those of its next day with a menu; null when none is planned. */

export async function homeMenu(ctx: ReadCtx, now: Date, memo?: RequestMemo): Promise<HomeMenu | null> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const [restaurant] = await restaurantsOf(ctx, memo);
  if (!restaurant) return null;
  const today = parisToday(now);
  const found = await menus.nextMenus(scope, restaurant.id, today);
  const first = found[0];
  if (!first) return null;
  return { restaurant, date: first.date, isToday: first.date === today, menus: found };
}

/** Does the commune run a canteen (then the public menu shows « Cantine »)? */
export async function hasRestaurants(ctx: ReadCtx, memo?: RequestMemo): Promise<boolean> {
  return (await restaurantsOf(ctx, memo)).length > 0;
}
