import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** An attachment whose bytes are in the row. */
export interface InlineAttachment {
  filename: string;
  contentType: string;
  /** Base64 content: such attachments are small. */
  contentBase64: string;
}

/**
 * An attachment the worker produces when it sends the mail, by calling the renderer registered
 * under `render` (see AttachmentRenderer): the transaction that queues the mail does not wait for
 * a PDF, and the mail leaves only once its attachment exists.
 */
export interface RenderedAttachment {
  filename: string;
  contentType: string;
  /** Name of the renderer, `<module>.<what>` (e.g. `demarches.accuse`). */
  render: string;
  /** JSON-serializable; the renderer validates it. */
  params: Record<string, unknown>;
}

export type MailAttachment = InlineAttachment | RenderedAttachment;

/** Produces the bytes of a RenderedAttachment; throwing makes the mail retried later. */
export type AttachmentRenderer = (
  params: Record<string, unknown>,
  ctx: { communeId: number | null; now: Date },
) => Promise<Buffer>;

export interface MailInput {
  communeId: number | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers (List-Unsubscribe…). Names and values on one line each; never From/To/Subject. */
  headers?: Record<string, string>;
}

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const RESERVED_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'reply-to', 'sender']);

function headersJson(headers: Record<string, string> | undefined): string | null {
  if (!headers || Object.keys(headers).length === 0) return null;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || /[\r\n]/.test(value)) {
      throw new Error(`invalid mail header "${name}"`);
    }
  }
  return JSON.stringify(headers);
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
      headers: headersJson(mail.headers),
      status: 'pending',
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
