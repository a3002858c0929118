import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { isMonthShape } from './salles.rules.js';
import { calendrierSalles } from './salles.service.js';
import { CalendrierPage } from './views/calendrier.page.js';

const visitor = systemActor('usager');

/** The rooms' public availability calendar, month by month (no form: no cookie). */
export async function sallesPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { mois?: string } }>('/demarches/reservation-salle/calendrier', async (req, reply) => {
    const mois = req.query.mois;
    if (mois !== undefined && !isMonthShape(mois)) throw invalid('Ce mois est mal formé (attendu : AAAA-MM).');
    const data = await calendrierSalles(communeCtx(req, visitor, requireCommune(req)), mois);
    return sendPage(reply, CalendrierPage({ shell: await publicShell(req), ...data }));
  });
}
