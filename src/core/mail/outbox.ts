import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Base64 content: attachments are small (acknowledgement PDFs). */
  contentBase64: string;
}

export interface MailInput {
  communeId: number | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/**
 * Queues a mail in the caller's transaction: it exists exactly when the change that causes it
 * does, and the worker sends it after the commit. Returns the outbox id.
 */
export async function enqueueMail(trx: Kysely<DB>, mail: MailInput, now: Date): Promise<number> {
  const row = await trx
    .insertInto('mail_outbox')
    .values({
      commune_id: mail.communeId,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: JSON.stringify(mail.attachments ?? []),
      status: 'pending',
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
