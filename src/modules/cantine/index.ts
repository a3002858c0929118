import type { ClocherModule } from '../../core/module.js';
import { cantineAdminRoutes } from './cantine.admin-routes.js';
import { cantineDataRoutes } from './cantine.data-routes.js';
import { canManageCantine } from './cantine.policy.js';
import { cantinePublicRoutes } from './cantine.public-routes.js';
import { hasRestaurants, homeMenu } from './public.service.js';
import { menusDataset } from './scdl.service.js';
import { CantineHomeBlock } from './views/cantine.page.js';

export { seedCantineDemo } from './cantine.demo.js';

/** The school canteen: menus of the week with allergens and labels, EGalim shares, SCDL open data. */
export const cantineModule: ClocherModule = {
  name: 'cantine',
  routes: async (app) => {
    await cantinePublicRoutes(app);
    await cantineAdminRoutes(app);
    await cantineDataRoutes(app);
  },
  publicNav: async (ctx) => ((await hasRestaurants(ctx, ctx.memo)) ? [{ href: '/cantine', label: 'Cantine' }] : []),
  homeSections: async (ctx) => {
    const menu = await homeMenu(ctx, ctx.now, ctx.memo);
    return menu ? [{ order: 40, node: CantineHomeBlock({ v: menu }) }] : [];
  },
  datasets: async (ctx) => {
    const menus = await menusDataset(ctx, ctx.baseUrl);
    return menus ? [menus] : [];
  },
  adminEntries: (actor) =>
    canManageCantine(actor)
      ? [
          {
            href: '/admin/cantine',
            label: 'Cantine',
            description: 'Menus de la semaine, plats et allergènes, parts EGalim, import des menus du prestataire.',
          },
        ]
      : [],
};
