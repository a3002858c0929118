import type { FastifyInstance } from 'fastify';
import { invalid } from '../../core/errors.js';
import { requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { BAD_WEEK, parseWeekParam } from './cantine.schemas.js';
import { publicWeek } from './public.service.js';
import { exportScdl } from './scdl.service.js';
import { currentIsoWeek, formatIsoWeek } from './semaine.rules.js';
import { CantinePage } from './views/cantine.page.js';

/** /cantine (a week of menus) and its open data. */
export async function cantinePublicRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { semaine?: unknown } }>('/cantine', async (req, reply) => {
    const commune = requireCommune(req);
    const parsed = parseWeekParam(req.query.semaine);
    if (parsed === null) throw invalid(BAD_WEEK);
    const week = parsed === 'absent' ? currentIsoWeek(app.deps.now()) : parsed;
    // /cantine alone shows the current week: cached under that week's key, it changes on Monday.
    return app.deps.pageCache.serve(
      req,
      reply,
      commune.id,
      async () =>
        CantinePage({ shell: await publicShell(req), v: await publicWeek({ db: app.deps.db, commune }, week) }),
      `/cantine?semaine=${formatIsoWeek(week)}`,
    );
  });

  app.get('/donnees/menus-collectifs.csv', async (req, reply) => {
    const csv = await exportScdl({ db: app.deps.db, commune: requireCommune(req) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="menus-collectifs.csv"')
      .header('cache-control', 'no-cache')
      .send(csv);
  });
}
