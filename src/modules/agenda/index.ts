import type { ClocherModule } from '../../core/module.js';
import { agendaAdminRoutes } from './agenda.admin-routes.js';
import { canManageAgenda } from './agenda.policy.js';
import { upcomingEvenements } from './agenda.public.js';
import { agendaPublicRoutes } from './agenda.public-routes.js';
import { HOME_COUNT } from './agenda.rules.js';
import { AgendaHomeBlock } from './views/agenda.page.js';

export { seedAgendaDemo } from './agenda.demo.js';
export type { Evenement } from './agenda.repo.js';

/** The commune's agenda: upcoming events by month, event pages, iCalendar files and home block. */
export const agendaModule: ClocherModule = {
  name: 'agenda',
  routes: async (app) => {
    await agendaPublicRoutes(app);
    await agendaAdminRoutes(app);
  },
  publicNav: () => [{ href: '/agenda', label: 'Agenda' }],
  homeSections: async (ctx) => {
    const events = await upcomingEvenements(ctx, ctx.now, HOME_COUNT);
    return events.length === 0 ? [] : [{ order: 30, node: AgendaHomeBlock({ events }) }];
  },
  sitemap: async (ctx) => (await upcomingEvenements(ctx, ctx.now)).map((e) => `/agenda/${e.slug}`),
  adminEntries: (actor) =>
    canManageAgenda(actor)
      ? [
          {
            href: '/admin/agenda',
            label: 'Agenda',
            description: 'Annoncer les événements de la commune et de ses associations.',
          },
        ]
      : [],
};
