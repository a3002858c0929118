import { stringify } from 'csv-stringify/sync';
import { type AuditFilter, type JournalEntry, recordExport, searchAuditEvents } from '../../core/audit/index.js';
import { can } from '../../core/auth/index.js';
import type { CommuneCtx } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import { actionLabel, EXPORT_MAX, PAGE_SIZE, pageOffset } from './journal.rules.js';

/** The journal is the administrators' (it shows who did what, and from which address). */
export const canReadJournal = (ctx: CommuneCtx): boolean => can(ctx.actor, 'users.manage');

/** One page of the commune's journal, newest first. */
export async function searchJournal(
  ctx: CommuneCtx,
  filter: AuditFilter,
  page: number,
): Promise<{ entries: JournalEntry[]; total: number }> {
  if (!canReadJournal(ctx)) throw forbidden('Le journal est réservé aux administrateurs de la commune.');
  return searchAuditEvents(ctx.db, ctx.commune.id, filter, { offset: pageOffset(page), limit: PAGE_SIZE });
}

/** The filtered journal as CSV (semicolons, BOM for spreadsheet software); the export is itself recorded. */
export async function exportJournal(ctx: CommuneCtx, filter: AuditFilter): Promise<string> {
  if (!canReadJournal(ctx)) throw forbidden('Le journal est réservé aux administrateurs de la commune.');
  const { entries } = await searchAuditEvents(ctx.db, ctx.commune.id, filter, { offset: 0, limit: EXPORT_MAX });
  await recordExport(ctx, { what: 'journal', rows: entries.length, filter: { ...filter } });
  return stringify(
    entries.map((e) => [
      e.seq,
      e.occurredAt,
      e.action,
      actionLabel(e.action),
      e.actorName ?? '',
      e.actorEmail ?? '',
      e.ip ?? '',
      e.objectType ?? '',
      e.objectId ?? '',
      JSON.stringify(e.details),
    ]),
    {
      bom: true,
      delimiter: ';',
      header: true,
      columns: [
        'numero',
        'date_utc',
        'action',
        'libelle',
        'acteur',
        'courriel',
        'adresse_ip',
        'objet',
        'objet_id',
        'details',
      ],
    },
  );
}
