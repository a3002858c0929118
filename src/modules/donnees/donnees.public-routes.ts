import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { catalogueCsv } from './catalogue.rules.js';
import { communeDatasets } from './donnees.service.js';
import { DonneesPage } from './views/donnees.page.js';

/** /donnees and /donnees/catalogue.csv. The data files themselves are served by the modules that publish them. */
export async function donneesPublicRoutes(app: FastifyInstance): Promise<void> {
  const datasets = (req: FastifyRequest) =>
    communeDatasets(app.deps.modules, {
      db: app.deps.db,
      commune: requireCommune(req),
      now: app.deps.now(),
      // Links in the data files point at the host the commune's site is served on (each commune
      // has its own), as the visitor reached it.
      baseUrl: `${req.protocol}://${req.host}`,
    });

  app.get('/donnees', (req, reply) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, async () =>
      DonneesPage({ shell: await publicShell(req), datasets: await datasets(req) }),
    ),
  );

  app.get('/donnees/catalogue.csv', async (req, reply) => {
    const commune = requireCommune(req);
    const csv = catalogueCsv(commune, commune.siret ? await datasets(req) : []);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'attachment; filename="catalogue.csv"')
      .send(csv);
  });
}
