import type { Kysely } from 'kysely';
import { containsInsensitive } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { MailStatus } from './courriels.rules.js';

/**
 * The commune's side of the outbox. `mail_outbox` also holds platform mails (commune_id null), so it
 * is not a TenantTable: this scope is its tenant door, every query holds `commune_id = <commune>`.
 */
export class CommuneMails {
  constructor(
    readonly db: Kysely<DB>,
    readonly communeId: number,
  ) {}

  select() {
    return this.db.selectFrom('mail_outbox').where('mail_outbox.commune_id', '=', this.communeId);
  }
}

export interface Courriel {
  id: number;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  attachments: string[];
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export interface CourrielFilter {
  status?: MailStatus | undefined;
  text?: string | undefined;
}

const columns = [
  'id',
  'to_address',
  'subject',
  'status',
  'attempts',
  'last_error',
  'attachments',
  'created_at',
  'sent_at',
  'next_attempt_at',
] as const;

const attachmentNames = (json: string): string[] => {
  try {
    return (JSON.parse(json) as { filename?: unknown }[]).map((a) => String(a.filename ?? ''));
  } catch {
    return [];
  }
};

/** The commune's mails matching the filter, newest first. */
export async function listCourriels(scope: CommuneMails, f: CourrielFilter, limit = 200): Promise<Courriel[]> {
  let q = scope.select().select([...columns]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.text) {
    const t = f.text;
    q = q.where((eb) => eb.or([containsInsensitive('to_address', t), containsInsensitive('subject', t)]));
  }
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    attachments: attachmentNames(r.attachments),
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}

/** Number of the commune's mails by status. */
export async function countByStatus(scope: CommuneMails): Promise<Record<string, number>> {
  const rows = await scope
    .select()
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The status of one of the commune's mails, or null (another commune's mail included). */
export async function findStatus(scope: CommuneMails, id: number): Promise<MailStatus | null> {
  const row = await scope.select().select('status').where('id', '=', id).executeTakeFirst();
  return row?.status ?? null;
}
