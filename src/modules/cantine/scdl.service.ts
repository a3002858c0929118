import type { CommuneCtx } from '../../core/context.js';
import type { Dataset } from '../../core/module.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { recordChange, scheduleMenuDays } from './cantine.changes.js';
import { assertCanManageCantine } from './cantine.policy.js';
import * as repo from './cantine.repo.js';
import * as menus from './menus.repo.js';
import { menusToScdlRecords, scdlDatetime, toScdlCsv } from './scdl.rules.js';
import { type ImportDish, type ImportMenu, type ImportProblem, parseScdlImport } from './scdl-import.rules.js';

/** The open-data file of every published menu, in the SCDL menus-collectifs format. */
export async function exportScdl(ctx: Pick<CommuneCtx, 'db' | 'commune'>): Promise<string> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const [restaurants, all] = await Promise.all([repo.listRestaurants(scope), menus.listMenus(scope)]);
  const rank = (id: number) => restaurants.findIndex((r) => r.id === id);
  const ordered = [...all].sort((a, b) => a.date.localeCompare(b.date) || rank(a.restaurantId) - rank(b.restaurantId));
  const producer = { nom: `Commune de ${ctx.commune.nom}`, siret: ctx.commune.siret ?? '', insee: ctx.commune.insee };
  return toScdlCsv(menusToScdlRecords(producer, restaurants, ordered));
}

/**
 * The menus dataset as the catalogue describes it: the days its file covers and when its menus
 * were published (UTC days, as in the file); null when no menu with dishes is published.
 */
export async function menusDataset(
  ctx: Pick<CommuneCtx, 'db' | 'commune'>,
  publicUrl: string,
): Promise<Dataset | null> {
  const span = await menus.menusSpan(new TenantScope(ctx.db, ctx.commune.id));
  if (!span) return null;
  const base = publicUrl.replace(/\/$/, '');
  return {
    id: 'menus-collectifs',
    titre: `Menus de la restauration collective de ${ctx.commune.nom}`,
    description:
      'Les plats servis chaque jour par la cantine, avec leurs allergènes et labels (schéma SCDL menus collectifs).',
    theme: 'Éducation',
    debut: span.debut,
    fin: span.fin,
    publie: scdlDatetime(span.premierePublication).slice(0, 10),
    majLe: scdlDatetime(span.dernierePublication).slice(0, 10),
    motsCles: ['cantine', 'menus', 'restauration collective'],
    ressources: 1,
    url: `${base}/donnees`,
    csv: `${base}/donnees/menus-collectifs.csv`,
    parties: [],
  };
}

export type ImportResult =
  | { ok: true; menus: number; dishes: number; createdPlats: number }
  | { ok: false; problems: ImportProblem[] };

/**
 * The dish of a line: found by course and name, else created. What the supplier's file says of its
 * allergens, labels and vegetarian status is taken; what it leaves empty is kept.
 */
async function platOfLine(scope: TenantScope, d: ImportDish, now: string): Promise<{ id: number; created: boolean }> {
  const found = await repo.findPlatByName(scope, d.type, d.nom);
  const next: repo.PlatInput = {
    nom: found?.nom ?? d.nom,
    type: d.type,
    allergenes: d.allergenes ?? found?.allergenes ?? [],
    allergenesRenseignes: d.allergenes !== null || (found?.allergenesRenseignes ?? false),
    labels: d.labels.length > 0 ? d.labels : (found?.labels ?? []),
    vegetarien: d.vegetarien || (found?.vegetarien ?? false),
  };
  if (!found) return { id: (await repo.insertPlat(scope, next, now)).id, created: true };
  const same =
    found.allergenesRenseignes === next.allergenesRenseignes &&
    found.vegetarien === next.vegetarien &&
    found.allergenes.join() === next.allergenes.join() &&
    found.labels.join() === next.labels.join();
  if (!same) await repo.updatePlat(scope, found.id, next, now);
  return { id: found.id, created: false };
}

async function saveImportedMenu(scope: TenantScope, m: ImportMenu, platIds: number[], now: string): Promise<void> {
  const [existing] = (await menus.listMenus(scope, { restaurantId: m.restaurantId, from: m.date, to: m.date })).filter(
    (x) => x.repas === m.repas,
  );
  const values = { vegetarien: m.vegetarien, precision: m.precision };
  let id = existing?.id;
  if (id === undefined) id = await menus.insertMenu(scope, m, values, now);
  else await menus.updateMenu(scope, id, values, now);
  await menus.setMenuPlats(scope, id, platIds);
}

/**
 * Imports a supplier's file, all or nothing: when one line is wrong, nothing changes and every
 * problem is reported with its line. Each menu of the file replaces the one of the same day and meal.
 */
export async function importScdl(ctx: CommuneCtx, text: string): Promise<ImportResult> {
  assertCanManageCantine(ctx.actor);
  const restaurants = await repo.listRestaurants(new TenantScope(ctx.db, ctx.commune.id));
  const parsed = parseScdlImport(text, restaurants);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const now = ctx.now().toISOString();
    let createdPlats = 0;
    for (const m of parsed.menus) {
      const ids: number[] = [];
      for (const d of m.plats) {
        const plat = await platOfLine(scope, d, now);
        if (plat.created) createdPlats++;
        if (!ids.includes(plat.id)) ids.push(plat.id);
      }
      await saveImportedMenu(scope, m, ids, now);
    }
    const dates = new Set(parsed.menus.map((m) => m.date));
    await recordChange(trx, ctx, {
      action: 'cantine.menus_imported',
      objectType: 'cantine_menu',
      objectId: null,
      details: { menus: parsed.menus.length, lignes: parsed.lines, platsCrees: createdPlats },
    });
    await scheduleMenuDays(trx, ctx, dates);
    return { ok: true, menus: parsed.menus.length, dishes: parsed.lines, createdPlats };
  });
}
