import type { CommuneCtx } from '../../core/context.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { recordChange } from './cantine.changes.js';
import { insertPlat, type PlatInput } from './cantine.repo.js';
import type { AllergenCode, CourseCode, LabelCode } from './cantine.rules.js';
import type { WeekDayInput } from './cantine.schemas.js';
import { saveEgalimYear } from './egalim.service.js';
import { saveWeek } from './menus.service.js';
import { createRestaurant } from './restaurants.service.js';
import { addWeeks, currentIsoWeek, parisToday } from './semaine.rules.js';

/** Demo content of the canteen: Bellerive-sur-Lys' school restaurant, two weeks of menus, the year's EGalim shares. */

type DemoPlat = [nom: string, type: CourseCode, allergenes: AllergenCode[], labels: LabelCode[], vegetarien: boolean];

const PLATS: DemoPlat[] = [
  ['Carottes râpées vinaigrette', 'entree', ['moutarde'], ['bio'], true],
  ['Potage de légumes du jardin', 'entree', ['celeri'], [], true],
  ['Salade de lentilles', 'entree', ['moutarde'], ['bio'], true],
  ['Betteraves en salade', 'entree', ['moutarde'], ['hve'], true],
  ['Céleri rémoulade', 'entree', ['celeri', 'oeufs', 'moutarde'], [], true],
  ['Soupe de potiron', 'entree', ['lait'], ['bio'], true],
  ['Taboulé à la menthe', 'entree', ['gluten'], [], true],
  ['Radis et beurre', 'entree', ['lait'], ['fermier'], true],
  ['Sauté de dinde au curry', 'plat', ['lait', 'celeri'], ['label_rouge'], false],
  ['Poisson pané et citron', 'plat', ['poissons', 'gluten'], ['peche_durable'], false],
  ['Omelette aux fines herbes', 'plat', ['oeufs', 'lait'], ['bio'], true],
  ['Carbonade flamande', 'plat', ['gluten', 'moutarde'], ['label_rouge'], false],
  ['Boulettes de bœuf à la tomate', 'plat', ['gluten', 'oeufs'], [], false],
  ['Chili sin carne', 'plat', [], ['bio'], true],
  ['Poulet rôti', 'plat', [], ['label_rouge', 'fermier'], false],
  ['Filet de colin sauce citron', 'plat', ['poissons', 'lait'], ['peche_durable'], false],
  ['Riz pilaf', 'garniture', [], ['bio'], true],
  ['Purée de potimarron', 'garniture', ['lait'], [], true],
  ['Haricots verts persillés', 'garniture', [], [], true],
  ['Pommes de terre vapeur', 'garniture', [], ['fermier'], true],
  ['Coquillettes', 'garniture', ['gluten', 'oeufs'], ['bio'], true],
  ['Petits pois et carottes', 'garniture', [], [], true],
  ['Boulgour', 'garniture', ['gluten'], ['bio'], true],
  ['Yaourt nature', 'laitier', ['lait'], ['bio'], true],
  ['Emmental de Savoie', 'laitier', ['lait'], ['igp'], true],
  ['Fromage blanc', 'laitier', ['lait'], ['bio'], true],
  ['Maroilles', 'laitier', ['lait'], ['aop'], true],
  ['Yaourt aux fruits', 'laitier', ['lait'], [], true],
  ['Cantal', 'laitier', ['lait'], ['aop'], true],
  ['Camembert', 'laitier', ['lait'], [], true],
  ['Petit-suisse', 'laitier', ['lait'], ['bio'], true],
  ['Pomme', 'dessert', [], ['hve'], true],
  ['Compote pomme-poire', 'dessert', [], ['bio'], true],
  ['Gâteau au chocolat maison', 'dessert', ['gluten', 'oeufs', 'lait'], [], true],
  ['Clémentine', 'dessert', [], [], true],
  ['Poire', 'dessert', [], ['bio'], true],
  ['Crème dessert à la vanille', 'dessert', ['lait'], [], true],
  ['Salade de fruits frais', 'dessert', [], [], true],
  ['Tarte aux pommes', 'dessert', ['gluten', 'oeufs', 'lait'], [], true],
];

const COURSE_ORDER: CourseCode[] = ['entree', 'plat', 'garniture', 'laitier', 'dessert'];

/** Monday, Tuesday, Thursday and Friday (no school on Wednesday): one dish per course. */
const WEEKS: { day: number; noms: string[]; vegetarien?: boolean; precision?: string }[][] = [
  [
    { day: 1, noms: ['Carottes râpées vinaigrette', 'Sauté de dinde au curry', 'Riz pilaf', 'Yaourt nature', 'Pomme'] },
    {
      day: 2,
      noms: [
        'Potage de légumes du jardin',
        'Poisson pané et citron',
        'Purée de potimarron',
        'Emmental de Savoie',
        'Compote pomme-poire',
      ],
    },
    {
      day: 4,
      noms: [
        'Salade de lentilles',
        'Omelette aux fines herbes',
        'Haricots verts persillés',
        'Fromage blanc',
        'Gâteau au chocolat maison',
      ],
      vegetarien: true,
    },
    {
      day: 5,
      noms: ['Betteraves en salade', 'Carbonade flamande', 'Pommes de terre vapeur', 'Maroilles', 'Clémentine'],
      precision: 'Repas des saveurs du Nord',
    },
  ],
  [
    {
      day: 1,
      noms: ['Céleri rémoulade', 'Boulettes de bœuf à la tomate', 'Coquillettes', 'Yaourt aux fruits', 'Poire'],
    },
    {
      day: 2,
      noms: ['Soupe de potiron', 'Chili sin carne', 'Riz pilaf', 'Cantal', 'Crème dessert à la vanille'],
      vegetarien: true,
    },
    {
      day: 4,
      noms: ['Taboulé à la menthe', 'Poulet rôti', 'Petits pois et carottes', 'Camembert', 'Salade de fruits frais'],
    },
    {
      day: 5,
      noms: ['Radis et beurre', 'Filet de colin sauce citron', 'Boulgour', 'Petit-suisse', 'Tarte aux pommes'],
    },
  ],
];

const typeOf = (nom: string): CourseCode => PLATS.find((p) => p[0] === nom)?.[1] ?? 'autre';

function dayInput(d: (typeof WEEKS)[number][number]): WeekDayInput {
  const plats = d.noms
    .map((nom) => ({ type: typeOf(nom), nom }))
    .sort((a, b) => COURSE_ORDER.indexOf(a.type) - COURSE_ORDER.indexOf(b.type));
  return { day: d.day, plats, vegetarien: d.vegetarien ?? false, precision: d.precision ?? '' };
}

/** Seeds the canteen of the demo commune (dates relative to ctx.now()). */
export async function seedCantineDemo(ctx: CommuneCtx): Promise<void> {
  const restaurantId = await createRestaurant(ctx, {
    nom: 'Restaurant scolaire Jules-Ferry',
    type: 'elementaire',
    convives: 'maternelle;élémentaire',
    idType: 'sans',
    identifiant: null,
    etablissementNom: `Commune de ${ctx.commune.nom} (cuisine sur place)`,
    etablissementSiret: ctx.commune.siret,
  });
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const now = ctx.now().toISOString();
    for (const [nom, type, allergenes, labels, vegetarien] of PLATS) {
      const plat: PlatInput = { nom, type, allergenes, allergenesRenseignes: true, labels, vegetarien };
      await insertPlat(scope, plat, now);
    }
    await recordChange(trx, ctx, { action: 'cantine.plats_seeded', objectType: 'cantine_plat', objectId: null });
  });
  const thisWeek = currentIsoWeek(ctx.now());
  for (const [i, days] of WEEKS.entries()) {
    await saveWeek(ctx, restaurantId, addWeeks(thisWeek, i), days.map(dayInput));
  }
  const year = Number(parisToday(ctx.now()).slice(0, 4));
  await saveEgalimYear(ctx, year, { totalCents: 4_120_000, durableCents: 2_163_000, bioCents: 886_000 });
}
