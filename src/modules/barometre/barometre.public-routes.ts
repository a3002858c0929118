import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { publicShell } from '../../core/http/shells.js';
import { sendExport } from './barometre.platform-routes.js';
import { anneeParam } from './barometre.schemas.js';
import { getResultatsPublics, listCampagnesPubliques } from './resultats.service.js';
import { ObservatoirePage } from './views/resultats.page.js';

/**
 * /observatoire: the public results of the closed campaigns, once the operator has opened it. The
 * same for every commune's host; a plain GET page without cookie (no form on it).
 */
export async function barometrePublicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/observatoire', async (req, reply) => {
    const campagnes = await listCampagnesPubliques(app.deps.db);
    const latest = campagnes[0];
    const r = latest ? await getResultatsPublics(app.deps.db, latest.annee) : null;
    return sendPage(reply, ObservatoirePage({ shell: await publicShell(req), campagnes, r }));
  });

  app.get('/observatoire/:annee', async (req, reply) => {
    const p = anneeParam.safeParse(req.params);
    if (!p.success) throw notFound('Cette campagne n’existe pas.');
    const campagnes = await listCampagnesPubliques(app.deps.db);
    const r = await getResultatsPublics(app.deps.db, p.data.annee);
    return sendPage(reply, ObservatoirePage({ shell: await publicShell(req), campagnes, r }));
  });

  for (const kind of ['resultats.csv', 'resultats.json', 'rapport.pdf']) {
    app.get(`/observatoire/:annee/${kind}`, async (req, reply) => {
      const p = anneeParam.safeParse(req.params);
      if (!p.success) throw notFound('Cette campagne n’existe pas.');
      return sendExport(reply, await getResultatsPublics(app.deps.db, p.data.annee), kind, app.deps.now());
    });
  }
}
