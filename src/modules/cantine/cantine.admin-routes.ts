import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { assertCanManageCantine } from './cantine.policy.js';
import { BAD_WEEK, parseWeekForm, parseWeekParam, restaurantSchema, slotsOfBody } from './cantine.schemas.js';
import { copyPreviousWeek, getWeek, saveWeek } from './menus.service.js';
import {
  createRestaurant,
  deleteRestaurant,
  getRestaurant,
  listRestaurants,
  type Restaurant,
  updateRestaurant,
} from './restaurants.service.js';
import { currentIsoWeek, formatIsoWeek, parseIsoWeek } from './semaine.rules.js';
import { CantineAdminPage, RestaurantFormPage, restaurantValues } from './views/admin-restaurants.page.js';
import { WeekFormPage } from './views/admin-semaine.page.js';

type IdReq = FastifyRequest<{ Params: { id: string } }>;
type WeekReq = FastifyRequest<{ Params: { id: string; semaine: string } }>;

const restaurantId = (params: unknown) => {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Ce restaurant n’existe pas dans cette commune.');
  return p.data.id;
};

const weekOf = (text: string) => {
  const week = parseIsoWeek(text);
  if (!week) throw invalid(BAD_WEEK);
  return week;
};

/** /admin/cantine: the restaurants and the week of menus an agent fills in. */
export async function cantineAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { message?: string } }>('/admin/cantine', async (req, reply) => {
    const access = await requireBackoffice(req);
    const restaurants = await listRestaurants(access.ctx);
    return sendPage(
      reply,
      CantineAdminPage({ shell: adminShell(req, reply, access), restaurants, message: req.query.message }),
    );
  });

  const saveRestaurant = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    restaurant: Restaurant | null,
  ) => {
    const form = parseForm(restaurantSchema, req.body);
    const rerender = (errors: Record<string, string>, values: Record<string, string>, status: number) =>
      sendPage(
        reply,
        RestaurantFormPage({ shell: adminShell(req, reply, access), restaurant, values, errors }),
        status,
      );
    if (!form.ok) return rerender(form.errors, form.values, 400);
    try {
      if (restaurant) await updateRestaurant(access.ctx, restaurant.id, form.data);
      else await createRestaurant(access.ctx, form.data);
    } catch (error) {
      if (isAppError(error, 'Conflict')) return rerender(error.fields, formValues(req.body), 409);
      throw error;
    }
    return reply.redirect(`/admin/cantine?message=${restaurant ? 'modifie' : 'cree'}`, 303);
  };

  app.get('/admin/cantine/restaurants/nouveau', async (req, reply) => {
    const access = await requireBackoffice(req);
    assertCanManageCantine(access.actor);
    const values = {
      type: 'elementaire',
      convives: 'tous',
      idType: 'sans',
      etablissementNom: `Commune de ${access.commune.nom}`,
      etablissementSiret: access.commune.siret ?? '',
    };
    return sendPage(reply, RestaurantFormPage({ shell: adminShell(req, reply, access), restaurant: null, values }));
  });
  app.post('/admin/cantine/restaurants/nouveau', async (req, reply) =>
    saveRestaurant(req, reply, await requireBackoffice(req), null),
  );

  app.get('/admin/cantine/restaurants/:id', async (req: IdReq, reply) => {
    const access = await requireBackoffice(req);
    const restaurant = await getRestaurant(access.ctx, restaurantId(req.params));
    const values = restaurantValues(restaurant);
    return sendPage(reply, RestaurantFormPage({ shell: adminShell(req, reply, access), restaurant, values }));
  });
  app.post('/admin/cantine/restaurants/:id', async (req: IdReq, reply) => {
    const access = await requireBackoffice(req);
    return saveRestaurant(req, reply, access, await getRestaurant(access.ctx, restaurantId(req.params)));
  });
  app.post('/admin/cantine/restaurants/:id/suppression', async (req: IdReq, reply) => {
    const access = await requireBackoffice(req);
    const restaurant = await getRestaurant(access.ctx, restaurantId(req.params));
    try {
      await deleteRestaurant(access.ctx, restaurant.id);
    } catch (error) {
      if (!isAppError(error, 'Conflict')) throw error;
      const shell = adminShell(req, reply, access);
      const errors = { suppression: error.message };
      return sendPage(
        reply,
        RestaurantFormPage({ shell, restaurant, values: restaurantValues(restaurant), errors }),
        409,
      );
    }
    return reply.redirect('/admin/cantine?message=supprime', 303);
  });

  // The week to fill in: the current one, or the one chosen in the "go to" form.
  app.get('/admin/cantine/restaurants/:id/menus', async (req: IdReq, reply) => {
    const access = await requireBackoffice(req);
    const id = restaurantId(req.params);
    const parsed = parseWeekParam((req.query as { semaine?: unknown }).semaine);
    if (parsed === null) throw invalid(BAD_WEEK);
    const week = parsed === 'absent' ? currentIsoWeek(access.ctx.now()) : parsed;
    return reply.redirect(`/admin/cantine/restaurants/${id}/menus/${formatIsoWeek(week)}`, 303);
  });

  app.get('/admin/cantine/restaurants/:id/menus/:semaine', async (req: WeekReq, reply) => {
    const access = await requireBackoffice(req);
    const view = await getWeek(access.ctx, restaurantId(req.params), weekOf(req.params.semaine));
    const message = (req.query as { message?: string }).message;
    return sendPage(reply, WeekFormPage({ shell: adminShell(req, reply, access), view, message }));
  });

  app.post('/admin/cantine/restaurants/:id/menus/:semaine', async (req: WeekReq, reply) => {
    const access = await requireBackoffice(req);
    const id = restaurantId(req.params);
    const week = weekOf(req.params.semaine);
    const form = parseWeekForm(req.body);
    if (!form.ok) {
      const view = await getWeek(access.ctx, id, week);
      const state = {
        values: form.values,
        errors: form.errors,
        slots: slotsOfBody(req.body as Record<string, unknown>),
      };
      return sendPage(reply, WeekFormPage({ shell: adminShell(req, reply, access), view, form: state }), 400);
    }
    const result = await saveWeek(access.ctx, id, week, form.days);
    const message = result.changed.length > 0 ? 'enregistre' : 'inchange';
    return reply.redirect(`/admin/cantine/restaurants/${id}/menus/${formatIsoWeek(week)}?message=${message}`, 303);
  });

  app.post('/admin/cantine/restaurants/:id/menus/:semaine/copie', async (req: WeekReq, reply) => {
    const access = await requireBackoffice(req);
    const id = restaurantId(req.params);
    const week = weekOf(req.params.semaine);
    const result = await copyPreviousWeek(access.ctx, id, week);
    const message = result.copied.length > 0 ? 'copie' : result.found === 0 ? 'copie-vide' : 'copie-complet';
    return reply.redirect(`/admin/cantine/restaurants/${id}/menus/${formatIsoWeek(week)}?message=${message}`, 303);
  });
}
