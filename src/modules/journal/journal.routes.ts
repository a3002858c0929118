import type { FastifyInstance } from 'fastify';
import type { AuditFilter } from '../../core/audit/index.js';
import { parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { requireRecentAuth } from '../comptes/index.js';
import { type JournalQuery, journalFilterSchema } from './journal.schemas.js';
import { exportJournal, searchJournal } from './journal.service.js';
import { JournalPage } from './views/journal.page.js';

const toFilter = (q: JournalQuery): AuditFilter => ({
  action: q.action,
  actor: q.acteur,
  from: q.du,
  to: q.au,
  objectType: q.objet,
  objectId: q.numero,
});

/** The query string of a filter, to keep it across pages and in the export link. */
export function filterQuery(q: JournalQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'page') params.set(k, String(v));
  return params.toString();
}

/** /admin/journal: search the commune's audit trail, page by page, and export it. */
export async function journalRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/journal', async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = parseForm(journalFilterSchema, req.query);
    const query = form.ok ? form.data : {};
    const page = form.ok ? (form.data.page ?? 1) : 1;
    const result = await searchJournal(access.ctx, toFilter(query), page);
    return sendPage(
      reply,
      JournalPage({
        shell: adminShell(req, reply, access),
        ...result,
        page,
        values: form.ok ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v ?? '')])) : form.values,
        errors: form.ok ? {} : form.errors,
        query: filterQuery(query),
      }),
      form.ok ? 200 : 400,
    );
  });

  app.get('/admin/journal/export.csv', async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = parseForm(journalFilterSchema, req.query);
    const query = form.ok ? form.data : {};
    await searchJournal(access.ctx, toFilter(query), 1); // policy first: no detour for a forbidden export
    if (!(await requireRecentAuth(req, reply))) return reply;
    const csv = await exportJournal(access.ctx, toFilter(query));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="journal.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
