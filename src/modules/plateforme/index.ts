import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../core/errors.js';
import { parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { requireOperator } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import type { ClocherModule } from '../../core/module.js';
import { addCommune, listCommunes } from '../../core/tenancy/index.js';
import { PlateformePage } from './views/plateforme.page.js';

const addSchema = z.object({
  insee: z
    .string({ message: 'Le code INSEE est obligatoire.' })
    .trim()
    .min(1, { message: 'Le code INSEE est obligatoire.' })
    .max(10, { message: 'Le code INSEE a 5 caractères.' }),
  host: z.string().trim().max(253, { message: 'Le nom d’hôte est trop long.' }).optional(),
});

async function routes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { ajoutee?: string } }>('/plateforme', async (req, reply) => {
    const op = await requireOperator(req);
    const communes = await listCommunes(app.deps.db);
    const added = communes.find((c) => c.slug === req.query.ajoutee)?.nom;
    return sendPage(
      reply,
      PlateformePage({ shell: adminShell(req, reply, { actor: op.actor, commune: null }), communes, added }),
    );
  });

  app.post('/plateforme/communes', async (req, reply) => {
    const op = await requireOperator(req);
    const form = parseForm(addSchema, req.body);
    const rerender = async (errors: Record<string, string>, values: Record<string, string>, status: number) =>
      sendPage(
        reply,
        PlateformePage({
          shell: adminShell(req, reply, { actor: op.actor, commune: null }),
          communes: await listCommunes(app.deps.db),
          values,
          errors,
        }),
        status,
      );
    if (!form.ok) return rerender(form.errors, form.values, 400);
    try {
      const commune = await addCommune(op.ctx, { insee: form.data.insee, host: form.data.host });
      app.deps.resolver.invalidate();
      return reply.redirect(`/plateforme?ajoutee=${encodeURIComponent(commune.slug)}`, 303);
    } catch (error) {
      if (isAppError(error, 'Invalid') || isAppError(error, 'Conflict')) {
        return rerender(
          error.fields,
          { insee: form.data.insee, host: form.data.host ?? '' },
          error.code === 'Conflict' ? 409 : 400,
        );
      }
      throw error;
    }
  });
}

/** The operator's console: the communes the platform hosts, and adding one from its INSEE code. */
export const plateformeModule: ClocherModule = { name: 'plateforme', routes };
