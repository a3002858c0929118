import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { addDays } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { recordChange, scheduleMenuDays } from './cantine.changes.js';
import { assertCanManageCantine } from './cantine.policy.js';
import * as repo from './cantine.repo.js';
import { COURSES, type CourseCode } from './cantine.rules.js';
import type { WeekDayInput } from './cantine.schemas.js';
import * as menus from './menus.repo.js';
import { addWeeks, formatIsoWeek, type IsoWeek, weekDates } from './semaine.rules.js';

export type { Menu } from './menus.repo.js';

const NOT_FOUND = 'Ce restaurant n’existe pas dans cette commune.';

export interface WeekView {
  restaurant: repo.Restaurant;
  week: IsoWeek;
  /** Monday to Sunday. */
  dates: string[];
  /** Every menu of the week (lunches and, from imports, other meals). */
  menus: menus.Menu[];
  /** Names of the dishes already known, per course: what the form proposes. */
  names: Record<CourseCode, string[]>;
}

async function restaurantOrThrow(scope: TenantScope, id: number): Promise<repo.Restaurant> {
  const r = await repo.findRestaurant(scope, id);
  if (!r) throw notFound(NOT_FOUND);
  return r;
}

/** A restaurant's week as the back-office edits it, with the dishes it may pick from. */
export async function getWeek(ctx: CommuneCtx, restaurantId: number, week: IsoWeek): Promise<WeekView> {
  assertCanManageCantine(ctx.actor);
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const restaurant = await restaurantOrThrow(scope, restaurantId);
  const dates = weekDates(week);
  const [weekMenus, plats] = await Promise.all([
    menus.listMenus(scope, { restaurantId, from: dates[0], to: dates[6] }),
    repo.listPlats(scope),
  ]);
  const names = Object.fromEntries(COURSES.map((c) => [c.code, [] as string[]])) as Record<CourseCode, string[]>;
  for (const p of plats) names[p.type].push(p.nom);
  return { restaurant, week, dates, menus: weekMenus, names };
}

/** The dish of this course with this name, created (allergens still to be entered) when new. */
async function resolvePlat(
  scope: TenantScope,
  wanted: { type: CourseCode; nom: string; vegetarien: boolean },
  now: string,
  created: repo.Plat[],
): Promise<repo.Plat> {
  const found = await repo.findPlatByName(scope, wanted.type, wanted.nom);
  if (found) return found;
  const plat = await repo.insertPlat(
    scope,
    { ...wanted, allergenes: [], allergenesRenseignes: false, labels: [] },
    now,
  );
  created.push(plat);
  return plat;
}

const sameMenu = (m: menus.Menu, platIds: number[], day: WeekDayInput) =>
  m.vegetarien === day.vegetarien &&
  m.precision === day.precision &&
  m.plats.length === platIds.length &&
  m.plats.every((p, i) => p.id === platIds[i]);

export interface SaveWeekResult {
  /** Dates whose lunch changed. */
  changed: string[];
  /** Dishes typed for the first time: their allergens are still to be entered. */
  created: repo.Plat[];
}

/** Saves the lunches of a week (Monday to Friday): a day left empty has no menu. */
export async function saveWeek(
  ctx: CommuneCtx,
  restaurantId: number,
  week: IsoWeek,
  days: WeekDayInput[],
): Promise<SaveWeekResult> {
  assertCanManageCantine(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await restaurantOrThrow(scope, restaurantId);
    const dates = weekDates(week);
    const existing = await menus.listMenus(scope, { restaurantId, from: dates[0], to: dates[4] });
    const now = ctx.now().toISOString();
    const result: SaveWeekResult = { changed: [], created: [] };
    for (const day of days) {
      const date = dates[day.day - 1] as string;
      const current = existing.find((m) => m.date === date && m.repas === 'dejeuner');
      const ids: number[] = [];
      for (const p of day.plats) {
        const plat = await resolvePlat(scope, { ...p, vegetarien: day.vegetarien }, now, result.created);
        if (!ids.includes(plat.id)) ids.push(plat.id);
      }
      if (current && ids.length === 0) await menus.deleteMenu(scope, current.id);
      else if (current && !sameMenu(current, ids, day)) {
        await menus.updateMenu(scope, current.id, day, now);
        await menus.setMenuPlats(scope, current.id, ids);
      } else if (!current && ids.length > 0) {
        const id = await menus.insertMenu(scope, { restaurantId, date, repas: 'dejeuner' }, day, now);
        await menus.setMenuPlats(scope, id, ids);
      } else continue;
      result.changed.push(date);
    }
    if (result.changed.length > 0) {
      await recordChange(trx, ctx, {
        action: 'cantine.semaine_saved',
        objectType: 'cantine_restaurant',
        objectId: restaurantId,
        details: { semaine: formatIsoWeek(week), jours: result.changed, platsCrees: result.created.map((p) => p.nom) },
      });
      await scheduleMenuDays(trx, ctx, result.changed);
    }
    return result;
  });
}

export interface CopyWeekResult {
  /** Menus found in the previous week. */
  found: number;
  /** Dates that received a copy. */
  copied: string[];
  /** Menus not copied because the day already has one. */
  skipped: number;
}

/** Copies the previous week's menus into this week, on the same weekdays; days already filled are kept. */
export async function copyPreviousWeek(ctx: CommuneCtx, restaurantId: number, week: IsoWeek): Promise<CopyWeekResult> {
  assertCanManageCantine(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await restaurantOrThrow(scope, restaurantId);
    const source = weekDates(addWeeks(week, -1));
    const target = weekDates(week);
    const [previous, present] = await Promise.all([
      menus.listMenus(scope, { restaurantId, from: source[0], to: source[6] }),
      menus.listMenus(scope, { restaurantId, from: target[0], to: target[6] }),
    ]);
    const now = ctx.now().toISOString();
    const result: CopyWeekResult = { found: previous.length, copied: [], skipped: 0 };
    for (const m of previous) {
      const date = addDays(m.date, 7);
      if (present.some((p) => p.date === date && p.repas === m.repas)) {
        result.skipped++;
        continue;
      }
      const id = await menus.insertMenu(scope, { restaurantId, date, repas: m.repas }, m, now);
      await menus.setMenuPlats(
        scope,
        id,
        m.plats.map((p) => p.id),
      );
      if (!result.copied.includes(date)) result.copied.push(date);
    }
    if (result.copied.length > 0) {
      await recordChange(trx, ctx, {
        action: 'cantine.semaine_copied',
        objectType: 'cantine_restaurant',
        objectId: restaurantId,
        details: { semaine: formatIsoWeek(week), jours: result.copied },
      });
      await scheduleMenuDays(trx, ctx, result.copied);
    }
    return result;
  });
}
