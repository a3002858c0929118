import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import * as apres from './apres.service.js';
import { parisDate } from './conseil.dossier.js';
import { formError, parseId } from './conseil.http.js';
import { canManageConseil } from './conseil.policy.js';
import type { PresenceRow } from './conseil.repo.js';
import type { StatutPresence } from './conseil.rules.js';
import {
  approbationSchema,
  membreSchema,
  procurationSchema,
  reglagesSchema,
  seanceSchema,
  texteSchema,
} from './conseil.schemas.js';
import * as service from './conseil.service.js';
import { envoyerConvocation } from './convocation.service.js';
import { pointAdminRoutes } from './point.admin-routes.js';
import * as live from './seance.service.js';
import {
  BASE,
  ConseilAdminPage,
  MembreFormPage,
  membreValues,
  ReglagesPage,
  SeanceFormPage,
  seanceValues,
} from './views/conseil-admin.page.js';
import { PvPage } from './views/pv-admin.page.js';
import { ConvocationSuiviPage, ConvocationsPapierPage, PresencesPage, SeancePage } from './views/seance-admin.page.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: { message?: string } }>;

/** /admin/conseil: members, settings, séances, convocation, attendance and proxies, PV. */
export async function conseilAdminRoutes(app: FastifyInstance): Promise<void> {
  const shell = (req: FastifyRequest, reply: FastifyReply, a: BackofficeAccess) => adminShell(req, reply, a);
  const canManage = (a: BackofficeAccess) => canManageConseil(a.actor);

  app.get<{ Querystring: { message?: string } }>(BASE, async (req, reply) => {
    const a = await requireBackoffice(req);
    const [membres, seances] = await Promise.all([service.listMembresAdmin(a.ctx), service.listSeancesAdmin(a.ctx)]);
    return sendPage(
      reply,
      ConseilAdminPage({
        shell: shell(req, reply, a),
        membres,
        seances,
        today: parisDate(a.ctx.now()),
        canManage: canManage(a),
        message: req.query.message,
      }),
    );
  });

  // ------------------------------------------------------------ settings
  app.get(`${BASE}/reglages`, async (req, reply) => {
    const a = await requireBackoffice(req);
    const reglages = await service.getReglages(a.ctx);
    const view = { shell: shell(req, reply, a), reglages, population: a.commune.population, errors: {} };
    return sendPage(reply, ReglagesPage(view));
  });
  app.post(`${BASE}/reglages`, async (req, reply) => {
    const a = await requireBackoffice(req);
    const parsed = parseForm(reglagesSchema, req.body);
    if (!parsed.ok) {
      const reglages = await service.getReglages(a.ctx);
      const view = { shell: shell(req, reply, a), reglages, population: a.commune.population };
      return sendPage(reply, ReglagesPage({ ...view, values: parsed.values, errors: parsed.errors }), 400);
    }
    await service.saveReglages(a.ctx, parsed.data);
    return reply.redirect(`${BASE}?message=reglages`, 303);
  });

  // ------------------------------------------------------------ members
  app.get(`${BASE}/membres/nouveau`, async (req, reply) => {
    const a = await requireBackoffice(req);
    return sendPage(reply, MembreFormPage({ shell: shell(req, reply, a), values: {}, errors: {} }));
  });
  app.post(`${BASE}/membres`, async (req, reply) => {
    const a = await requireBackoffice(req);
    const parsed = parseForm(membreSchema, req.body);
    if (!parsed.ok) {
      return sendPage(reply, MembreFormPage({ shell: shell(req, reply, a), ...parsed }), 400);
    }
    await service.createMembre(a.ctx, parsed.data);
    return reply.redirect(`${BASE}?message=membre`, 303);
  });
  app.get(`${BASE}/membres/:id`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const membre = await service.getMembre(a.ctx, parseId(req.params.id, 'Ce membre n’existe pas.'));
    return sendPage(
      reply,
      MembreFormPage({ shell: shell(req, reply, a), membre, values: membreValues(membre), errors: {} }),
    );
  });
  app.post(`${BASE}/membres/:id`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const membre = await service.getMembre(a.ctx, parseId(req.params.id, 'Ce membre n’existe pas.'));
    const parsed = parseForm(membreSchema, req.body);
    if (!parsed.ok) return sendPage(reply, MembreFormPage({ shell: shell(req, reply, a), membre, ...parsed }), 400);
    await service.updateMembre(a.ctx, membre.id, parsed.data);
    return reply.redirect(`${BASE}?message=membre`, 303);
  });

  // ------------------------------------------------------------ séances
  const seanceForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: BackofficeAccess,
    view: { seanceId?: number; values: Record<string, string>; errors: Record<string, string> },
    status = 200,
  ) => {
    const [membres, seances] = await Promise.all([service.listMembresAdmin(a.ctx), service.listSeancesAdmin(a.ctx)]);
    const seance = view.seanceId ? seances.find((s) => s.id === view.seanceId) : undefined;
    const page = SeanceFormPage({
      shell: shell(req, reply, a),
      membres: membres.filter((m) => m.fin === null || m.fin >= parisDate(a.ctx.now())),
      seances,
      values: view.values,
      errors: view.errors,
      ...(seance && { seance }),
    });
    return sendPage(reply, page, status);
  };
  app.get(`${BASE}/seances/nouvelle`, async (req, reply) => {
    const a = await requireBackoffice(req);
    return seanceForm(req, reply, a, { values: {}, errors: {} });
  });
  app.post(`${BASE}/seances`, async (req, reply) => {
    const a = await requireBackoffice(req);
    const parsed = parseForm(seanceSchema, req.body);
    if (!parsed.ok) return seanceForm(req, reply, a, parsed, 400);
    try {
      const id = await service.createSeance(a.ctx, parsed.data);
      return reply.redirect(`${BASE}/seances/${id}?message=seance`, 303);
    } catch (error) {
      const e = formError(error);
      return seanceForm(req, reply, a, { values: formValues(req.body), errors: e.errors }, e.status);
    }
  });
  app.get(`${BASE}/seances/:id/modifier`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const d = await service.getDossier(a.ctx, parseId(req.params.id));
    return seanceForm(req, reply, a, { seanceId: d.seance.id, values: seanceValues(d.seance), errors: {} });
  });
  app.post(`${BASE}/seances/:id`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    await service.getDossier(a.ctx, id);
    const parsed = parseForm(seanceSchema, req.body);
    if (!parsed.ok) return seanceForm(req, reply, a, { seanceId: id, ...parsed }, 400);
    try {
      await service.updateSeance(a.ctx, id, parsed.data);
      return reply.redirect(`${BASE}/seances/${id}?message=seance`, 303);
    } catch (error) {
      const e = formError(error);
      return seanceForm(req, reply, a, { seanceId: id, values: formValues(req.body), errors: e.errors }, e.status);
    }
  });

  const seancePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: BackofficeAccess,
    id: number,
    extra: {
      pointValues?: Record<string, string>;
      pointErrors?: Record<string, string>;
      error?: string;
      message?: string;
    },
    status = 200,
  ) => {
    const d = await service.getDossier(a.ctx, id);
    const page = SeancePage({
      shell: shell(req, reply, a),
      d,
      canManage: canManage(a),
      pointValues: extra.pointValues ?? {},
      pointErrors: extra.pointErrors ?? {},
      message: extra.message,
      error: extra.error,
    });
    return sendPage(reply, page, status);
  };
  app.get(`${BASE}/seances/:id`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    return seancePage(req, reply, a, parseId(req.params.id), { message: req.query.message });
  });

  app.post(`${BASE}/seances/:id/convocation`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    try {
      await envoyerConvocation(a.ctx, { seanceId: id, baseUrl: app.deps.config.publicUrl });
    } catch (error) {
      const e = formError(error);
      return seancePage(req, reply, a, id, { error: e.message }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${id}?message=convocation`, 303);
  });
  app.get(`${BASE}/seances/:id/convocation`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const d = await service.getDossier(a.ctx, parseId(req.params.id));
    return sendPage(reply, ConvocationSuiviPage({ shell: shell(req, reply, a), d }));
  });
  app.get(`${BASE}/seances/:id/convocations-papier`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const d = await service.getDossier(a.ctx, parseId(req.params.id));
    return sendPage(reply, ConvocationsPapierPage({ shell: shell(req, reply, a), d, communeNom: a.commune.nom }));
  });

  // ------------------------------------------------------------ attendance and proxies
  const presencesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: BackofficeAccess,
    id: number,
    extra: {
      errors?: Record<string, string>;
      procValues?: Record<string, string>;
      procErrors?: Record<string, string>;
      message?: string;
    },
    status = 200,
  ) => {
    const d = await service.getDossier(a.ctx, id);
    const page = PresencesPage({
      shell: shell(req, reply, a),
      d,
      canManage: canManage(a),
      errors: extra.errors ?? {},
      procValues: extra.procValues ?? {},
      procErrors: extra.procErrors ?? {},
      message: extra.message,
    });
    return sendPage(reply, page, status);
  };
  app.get(`${BASE}/seances/:id/presences`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    return presencesPage(req, reply, a, parseId(req.params.id), { message: req.query.message });
  });
  app.post(`${BASE}/seances/:id/presences`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const body = formValues(req.body);
    const rows: PresenceRow[] = [];
    const num = (v: string | undefined) => (v && /^\d{1,4}$/.test(v) ? Number(v) : null);
    for (const [k, v] of Object.entries(body)) {
      const m = /^statut_(\d{1,9})$/.exec(k);
      if (!m || !['present', 'absent', 'excuse'].includes(v)) continue;
      const present = v === 'present';
      rows.push({
        membreId: Number(m[1]),
        statut: v as StatutPresence,
        arriveePoint: present ? num(body[`arrivee_${m[1]}`]) : null,
        departPoint: present ? num(body[`depart_${m[1]}`]) : null,
      });
    }
    try {
      await live.enregistrerPresences(a.ctx, id, rows);
    } catch (error) {
      const e = formError(error);
      return presencesPage(req, reply, a, id, { errors: e.errors }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${id}/presences?message=presences`, 303);
  });
  app.post(`${BASE}/seances/:id/procurations`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const parsed = parseForm(procurationSchema, req.body);
    if (!parsed.ok) {
      return presencesPage(req, reply, a, id, { procValues: parsed.values, procErrors: parsed.errors }, 400);
    }
    try {
      await live.ajouterProcuration(a.ctx, id, {
        mandantId: Number(parsed.data.mandantId),
        mandataireId: Number(parsed.data.mandataireId),
        maladie: parsed.data.maladie,
      });
    } catch (error) {
      const e = formError(error);
      return presencesPage(req, reply, a, id, { procValues: formValues(req.body), procErrors: e.errors }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${id}/presences?message=procuration`, 303);
  });
  app.post(`${BASE}/seances/:id/procurations/:procId/retrait`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    await live.retirerProcuration(a.ctx, id, parseId(req.params.procId, 'Cette procuration n’existe pas.'));
    return reply.redirect(`${BASE}/seances/${id}/presences?message=procurationRetiree`, 303);
  });

  // ------------------------------------------------------------ after the séance
  app.post(`${BASE}/seances/:id/liste`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    await apres.publierListe(a.ctx, id);
    return reply.redirect(`${BASE}/seances/${id}?message=liste`, 303);
  });

  const pvPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: BackofficeAccess,
    id: number,
    extra: { texte?: string; errors?: Record<string, string>; message?: string },
    status = 200,
  ) => {
    const d = await service.getDossier(a.ctx, id);
    const seances = await service.listSeancesAdmin(a.ctx);
    const page = PvPage({
      shell: shell(req, reply, a),
      d,
      texte: extra.texte ?? (await apres.getPvText(a.ctx, id)),
      laterSeances: seances.filter((s) => s.date > d.seance.date && s.convoqueeLe !== null).reverse(),
      canManage: canManage(a),
      errors: extra.errors ?? {},
      message: extra.message,
    });
    return sendPage(reply, page, status);
  };
  app.get(`${BASE}/seances/:id/pv`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    return pvPage(req, reply, a, parseId(req.params.id), { message: req.query.message });
  });
  app.post(`${BASE}/seances/:id/pv/texte`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const parsed = parseForm(texteSchema, req.body);
    if (!parsed.ok) return pvPage(req, reply, a, id, { texte: parsed.values.texte ?? '', errors: parsed.errors }, 400);
    try {
      await apres.savePv(a.ctx, id, parsed.data.texte);
    } catch (error) {
      const e = formError(error);
      return pvPage(req, reply, a, id, { errors: e.errors }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${id}/pv?message=enregistre`, 303);
  });
  app.post(`${BASE}/seances/:id/pv/approbation`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const parsed = parseForm(approbationSchema, req.body);
    try {
      if (!parsed.ok) throw new AppError('Invalid', 'Choisissez la séance.', parsed.errors);
      await apres.approuverPv(a.ctx, id, Number(parsed.data.seanceId));
    } catch (error) {
      const e = formError(error);
      return pvPage(req, reply, a, id, { errors: e.errors }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${id}/pv?message=approuve`, 303);
  });
  for (const [path, fn, message] of [
    ['signature', apres.signerPv, 'signe'],
    ['publication', apres.publierPv, 'publie'],
  ] as const) {
    app.post(`${BASE}/seances/:id/pv/${path}`, async (req: Req, reply) => {
      const a = await requireBackoffice(req);
      const id = parseId(req.params.id);
      await fn(a.ctx, id);
      return reply.redirect(`${BASE}/seances/${id}/pv?message=${message}`, 303);
    });
  }
  app.get(`${BASE}/seances/:id/registre.pdf`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const pdf = await apres.registrePdf(a.ctx, id);
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename="registre-seance-${id}.pdf"`)
      .send(pdf);
  });

  await pointAdminRoutes(app);
}
