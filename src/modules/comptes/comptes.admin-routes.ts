import type { FastifyInstance } from 'fastify';
import { getCommuneMember, inviteMember, listCommuneMembers, updateCommuneMember } from '../../core/auth/index.js';
import { isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { inviteSchema, memberSchema } from './comptes.schemas.js';
import { requireRecentAuth } from './recent-auth.js';
import { MemberEditPage, MembersPage } from './views/members.page.js';

/** /admin/utilisateurs: an administrator invites, edits and disables the commune's users. */
export async function comptesAdminRoutes(app: FastifyInstance): Promise<void> {
  const parseId = (params: unknown) => {
    const p = idParam.safeParse(params);
    if (!p.success) throw notFound('Cet utilisateur n’existe pas dans cette commune.');
    return p.data.id;
  };

  app.get<{ Querystring: { message?: string } }>('/admin/utilisateurs', async (req, reply) => {
    const access = await requireBackoffice(req);
    const members = await listCommuneMembers(access.ctx);
    return sendPage(reply, MembersPage({ shell: adminShell(req, reply, access), members, message: req.query.message }));
  });

  app.post('/admin/utilisateurs', async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = parseForm(inviteSchema, req.body);
    const rerender = async (errors: Record<string, string>, values: Record<string, string>, status: number) =>
      sendPage(
        reply,
        MembersPage({
          shell: adminShell(req, reply, access),
          members: await listCommuneMembers(access.ctx),
          invite: { values, errors },
        }),
        status,
      );
    if (!form.ok) return rerender(form.errors, form.values, 400);
    try {
      await inviteMember(access.ctx, { ...form.data, baseUrl: app.deps.config.publicUrl });
    } catch (error) {
      if (isAppError(error, 'Conflict') || isAppError(error, 'Invalid')) {
        return rerender(error.fields, form.data, error.code === 'Conflict' ? 409 : 400);
      }
      throw error;
    }
    return reply.redirect('/admin/utilisateurs?message=invite', 303);
  });

  app.get('/admin/utilisateurs/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const member = await getCommuneMember(access.ctx, parseId(req.params));
    return sendPage(reply, MemberEditPage({ shell: adminShell(req, reply, access), member }));
  });

  app.post('/admin/utilisateurs/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const member = await getCommuneMember(access.ctx, id);
    const form = parseForm(memberSchema, req.body);
    const rerender = (errors: Record<string, string>, values: Record<string, string>, status: number) =>
      sendPage(reply, MemberEditPage({ shell: adminShell(req, reply, access), member, values, errors }), status);
    if (!form.ok) return rerender(form.errors, form.values, 400);
    // Changing someone's rights is sensitive: a recent proof of identity is asked first.
    const sensitive = form.data.role !== member.role || (member.active && !form.data.active);
    if (sensitive && !(await requireRecentAuth(req, reply, `/admin/utilisateurs/${id}`))) return reply;
    try {
      await updateCommuneMember(access.ctx, id, form.data);
    } catch (error) {
      if (isAppError(error, 'Conflict')) {
        return rerender(error.fields, { ...form.data, active: form.data.active ? 'on' : '' }, 409);
      }
      throw error;
    }
    return reply.redirect('/admin/utilisateurs?message=modifie', 303);
  });
}
