import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  getCommuneSecurityPolicy,
  getPlatformSecurityPolicy,
  setCommuneSecondFactorPolicy,
  setPlatformSecurityPolicy,
} from '../../core/auth/index.js';
import { isAppError } from '../../core/errors.js';
import { checkbox } from '../../core/http/fields.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { requireBackoffice, requireOperator } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { CommunePolicyPage, PlatformPolicyPage } from './views/regles.page.js';

const days = (label: string) =>
  z.coerce
    .number({ message: `${label} doit être un nombre de jours.` })
    .int({ message: `${label} doit être un nombre entier de jours.` });

const communeSchema = z.object({
  requireSecondFactor: checkbox,
  graceDays: days('Le délai'),
});
const platformSchema = communeSchema.extend({ auditRetentionDays: days('La durée de conservation') });

/** The required second factor: per commune (its administrators) and for the whole platform (operator). */
export async function securitePolicyRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { message?: string } }>('/admin/securite/regles', async (req, reply) => {
    const access = await requireBackoffice(req);
    const { commune, platform } = await getCommuneSecurityPolicy(access.ctx);
    return sendPage(
      reply,
      CommunePolicyPage({
        shell: adminShell(req, reply, access),
        policy: commune,
        platform,
        values: { requireSecondFactor: commune.requireSecondFactor, graceDays: String(commune.graceDays) },
        saved: req.query.message === 'enregistre',
      }),
    );
  });

  app.post('/admin/securite/regles', async (req, reply) => {
    const access = await requireBackoffice(req);
    const { commune, platform } = await getCommuneSecurityPolicy(access.ctx);
    const raw = formValues(req.body);
    const rerender = (errors: Record<string, string>) =>
      sendPage(
        reply,
        CommunePolicyPage({
          shell: adminShell(req, reply, access),
          policy: commune,
          platform,
          values: { requireSecondFactor: raw.requireSecondFactor === 'on', graceDays: raw.graceDays ?? '' },
          errors,
        }),
        400,
      );
    const form = parseForm(communeSchema, req.body);
    if (!form.ok) return rerender(form.errors);
    try {
      await setCommuneSecondFactorPolicy(access.ctx, form.data);
    } catch (error) {
      if (isAppError(error, 'Invalid')) return rerender(error.fields);
      throw error;
    }
    return reply.redirect('/admin/securite/regles?message=enregistre', 303);
  });

  app.get<{ Querystring: { message?: string } }>('/plateforme/securite', async (req, reply) => {
    const { actor, ctx } = await requireOperator(req);
    const policy = await getPlatformSecurityPolicy(ctx);
    return sendPage(
      reply,
      PlatformPolicyPage({
        shell: adminShell(req, reply, { actor, commune: null }),
        policy,
        values: {
          requireSecondFactor: policy.requireSecondFactor,
          graceDays: String(policy.graceDays),
          auditRetentionDays: String(policy.auditRetentionDays),
        },
        saved: req.query.message === 'enregistre',
      }),
    );
  });

  app.post('/plateforme/securite', async (req, reply) => {
    const { actor, ctx } = await requireOperator(req);
    const policy = await getPlatformSecurityPolicy(ctx);
    const raw = formValues(req.body);
    const rerender = (errors: Record<string, string>) =>
      sendPage(
        reply,
        PlatformPolicyPage({
          shell: adminShell(req, reply, { actor, commune: null }),
          policy,
          values: {
            requireSecondFactor: raw.requireSecondFactor === 'on',
            graceDays: raw.graceDays ?? '',
            auditRetentionDays: raw.auditRetentionDays ?? '',
          },
          errors,
        }),
        400,
      );
    const form = parseForm(platformSchema, req.body);
    if (!form.ok) return rerender(form.errors);
    try {
      await setPlatformSecurityPolicy(ctx, form.data);
    } catch (error) {
      if (isAppError(error, 'Invalid')) return rerender(error.fields);
      throw error;
    }
    return reply.redirect('/plateforme/securite?message=enregistre', 303);
  });
}
