import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { MULTIPART_ROUTE, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { assertCanManageCantine } from './cantine.policy.js';
import { egalimSchema, platSchema } from './cantine.schemas.js';
import { listEgalimYears, saveEgalimYear } from './egalim.service.js';
import { createPlat, getPlat, listPlats, type Plat, updatePlat } from './plats.service.js';
import { importScdl } from './scdl.service.js';
import type { ImportProblem } from './scdl-import.rules.js';
import { parisToday } from './semaine.rules.js';
import { EgalimPage, egalimValues } from './views/admin-egalim.page.js';
import { ImportPage } from './views/admin-import.page.js';
import { PlatFormPage, type PlatFormValues, PlatsPage } from './views/admin-plats.page.js';

/** Largest supplier file accepted: a year of menus of several restaurants is far below. */
const MAX_IMPORT_BYTES = 1024 * 1024;
/** Field size of the core multipart reader. */
const MAX_PASTED_BYTES = 200_000;

const platId = (params: unknown) => {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Ce plat n’existe pas dans cette commune.');
  return p.data.id;
};

/** The posted dish form as it was typed (checkbox groups come as one value or several). */
function postedPlat(body: unknown): PlatFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string');
  const values = formValues(body);
  return {
    nom: values.nom ?? '',
    type: values.type ?? '',
    allergenes: list(b.allergenes),
    labels: list(b.labels),
    vegetarien: b.vegetarien !== undefined,
  };
}

async function savePlat(req: FastifyRequest, reply: FastifyReply, access: BackofficeAccess, plat: Plat | null) {
  const form = parseForm(platSchema, req.body);
  const rerender = (errors: Record<string, string>, status: number) =>
    sendPage(
      reply,
      PlatFormPage({ shell: adminShell(req, reply, access), plat, values: postedPlat(req.body), errors }),
      status,
    );
  if (!form.ok) return rerender(form.errors, 400);
  try {
    if (plat) await updatePlat(access.ctx, plat.id, form.data);
    else await createPlat(access.ctx, form.data);
  } catch (error) {
    if (isAppError(error, 'Conflict')) return rerender(error.fields, 409);
    throw error;
  }
  return reply.redirect(`/admin/cantine/plats?message=${plat ? 'modifie' : 'cree'}`, 303);
}

/** Reads the import form: the file when one is sent, else the pasted text. */
async function readImport(
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<{ text: string; pasted: string } | { error: string; status: number }> {
  const form = await readMultipartForm(req, reply, MAX_IMPORT_BYTES);
  if (form.fileTooLarge) return { error: 'Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers.', status: 413 };
  const pasted = form.fields.texte ?? '';
  // The form reader cuts a field at 200 000 bytes without saying so: a text that long may be cut.
  if (Buffer.byteLength(pasted) >= MAX_PASTED_BYTES) {
    return { error: 'Le texte collé est trop long : envoyez plutôt le fichier.', status: 413 };
  }
  if (!form.file || form.file.bytes.length === 0) return { text: pasted, pasted };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(form.file.bytes), pasted };
  } catch {
    const error = 'Le fichier n’est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 » depuis votre tableur.';
    return { error, status: 400 };
  }
}

/** /admin/cantine/plats, /admin/cantine/egalim and /admin/cantine/import. */
export async function cantineDataRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { message?: string } }>('/admin/cantine/plats', async (req, reply) => {
    const access = await requireBackoffice(req);
    const plats = await listPlats(access.ctx);
    return sendPage(reply, PlatsPage({ shell: adminShell(req, reply, access), plats, message: req.query.message }));
  });
  app.get('/admin/cantine/plats/nouveau', async (req, reply) => {
    const access = await requireBackoffice(req);
    assertCanManageCantine(access.actor);
    const values = { nom: '', type: 'plat', allergenes: [], labels: [], vegetarien: false };
    return sendPage(reply, PlatFormPage({ shell: adminShell(req, reply, access), plat: null, values }));
  });
  app.post('/admin/cantine/plats/nouveau', async (req, reply) =>
    savePlat(req, reply, await requireBackoffice(req), null),
  );
  app.get('/admin/cantine/plats/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const plat = await getPlat(access.ctx, platId(req.params));
    return sendPage(reply, PlatFormPage({ shell: adminShell(req, reply, access), plat, values: plat }));
  });
  app.post('/admin/cantine/plats/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    return savePlat(req, reply, access, await getPlat(access.ctx, platId(req.params)));
  });

  app.get<{ Querystring: { message?: string } }>('/admin/cantine/egalim', async (req, reply) => {
    const access = await requireBackoffice(req);
    const years = await listEgalimYears(access.ctx);
    const thisYear = Number(parisToday(access.ctx.now()).slice(0, 4));
    const values = egalimValues(
      years.find((y) => y.annee === thisYear),
      thisYear,
    );
    const shell = adminShell(req, reply, access);
    return sendPage(reply, EgalimPage({ shell, years, values, message: req.query.message }));
  });
  app.post('/admin/cantine/egalim', async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = parseForm(egalimSchema, req.body);
    const rerender = async (errors: Record<string, string>) => {
      const years = await listEgalimYears(access.ctx);
      const shell = adminShell(req, reply, access);
      return sendPage(reply, EgalimPage({ shell, years, values: formValues(req.body), errors }), 400);
    };
    if (!form.ok) return rerender(form.errors);
    try {
      const { annee, total, durable, bio } = form.data;
      await saveEgalimYear(access.ctx, annee, { totalCents: total, durableCents: durable, bioCents: bio });
    } catch (error) {
      if (isAppError(error, 'Invalid')) return rerender(error.fields);
      throw error;
    }
    return reply.redirect('/admin/cantine/egalim?message=enregistre', 303);
  });

  app.get<{ Querystring: { menus?: string; plats?: string; nouveaux?: string } }>(
    '/admin/cantine/import',
    async (req, reply) => {
      const access = await requireBackoffice(req);
      assertCanManageCantine(access.actor);
      const n = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : null);
      const [menus, dishes, createdPlats] = [n(req.query.menus), n(req.query.plats), n(req.query.nouveaux)];
      const done =
        menus !== null && dishes !== null && createdPlats !== null ? { menus, dishes, createdPlats } : undefined;
      return sendPage(reply, ImportPage({ shell: adminShell(req, reply, access), ...(done && { done }) }));
    },
  );

  app.post('/admin/cantine/import', MULTIPART_ROUTE, async (req, reply) => {
    const access = await requireBackoffice(req);
    assertCanManageCantine(access.actor);
    const input = await readImport(req, reply);
    const page = (status: number, more: { text?: string; problems?: ImportProblem[]; error?: string }) =>
      sendPage(reply, ImportPage({ shell: adminShell(req, reply, access), ...more }), status);
    if ('error' in input) return page(input.status, { error: input.error });
    if (input.text.trim() === '') return page(400, { error: 'Choisissez un fichier, ou collez son contenu.' });
    const result = await importScdl(access.ctx, input.text);
    if (!result.ok) return page(400, { text: input.pasted, problems: result.problems });
    const query = `menus=${result.menus}&plats=${result.dishes}&nouveaux=${result.createdPlats}`;
    return reply.redirect(`/admin/cantine/import?${query}`, 303);
  });
}
