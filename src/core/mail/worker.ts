import type { Database } from '../../db/database.js';
import type { Clock } from '../clock.js';
import type { Log } from '../context.js';
import { CLAIM_MS, MAX_ATTEMPTS, nextAttemptDelayMs } from './mail.rules.js';
import type { AttachmentRenderer, MailAttachment } from './outbox.js';
import type { MailTransport } from './transport.js';

/** Mails of a batch in flight at once. */
const SEND_CONCURRENCY = 4;

/**
 * Sends the outbox. Each mail is claimed with a compare-and-set on its row (status still pending,
 * no live claim), so two server processes never send the same mail twice; a failure is retried
 * with backoff, then marked failed (the back-office can retry it).
 */
export async function deliverDueMails(
  deps: {
    db: Database;
    transport: MailTransport;
    from: string;
    now: Clock;
    log: Log;
    /** Producers of the attachments rendered at sending time, by name. */
    renderers?: Record<string, AttachmentRenderer>;
  },
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const { db, transport, now, log } = deps;
  const start = now().toISOString();
  const due = await db
    .selectFrom('mail_outbox')
    .select(['id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', start)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', start)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  let sent = 0;
  let failed = 0;
  // A few mails at a time: rendering an attachment, writing it and the SMTP round trips of one mail
  // overlap with another's, while each mail is still claimed (and sent) once.
  const deliverOne = async (id: number): Promise<void> => {
    const claimAt = now();
    const claimed = await db
      .updateTable('mail_outbox')
      .set({ locked_until: new Date(claimAt.getTime() + CLAIM_MS).toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      // Checked again here: another worker may have failed it meanwhile and set a later attempt.
      .where('next_attempt_at', '<=', claimAt.toISOString())
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', claimAt.toISOString())]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    try {
      const attachments = await Promise.all(
        (JSON.parse(mail.attachments) as MailAttachment[]).map(async (a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: await attachmentBytes(a, deps.renderers, { communeId: mail.commune_id, now: now() }),
        })),
      );
      const info = await transport.send({
        from: deps.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body !== null && { html: mail.html_body }),
        ...(mail.headers !== null && { headers: JSON.parse(mail.headers) as Record<string, string> }),
        attachments,
      });
      await db
        .updateTable('mail_outbox')
        .set({
          status: 'sent',
          sent_at: now().toISOString(),
          message_id: info.messageId,
          attempts: mail.attempts + 1,
          locked_until: null,
          last_error: null,
        })
        .where('id', '=', id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('mail_outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: message.slice(0, 500),
          locked_until: null,
          next_attempt_at: new Date(now().getTime() + nextAttemptDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', id)
        .execute();
      log.warn({ mailId: id, attempts, err: message }, giveUp ? 'mail failed for good' : 'mail failed, will retry');
      failed++;
    }
  };
  for (let i = 0; i < due.length; i += SEND_CONCURRENCY) {
    await Promise.all(due.slice(i, i + SEND_CONCURRENCY).map(({ id }) => deliverOne(id)));
  }
  return { sent, failed };
}

async function attachmentBytes(
  a: MailAttachment,
  renderers: Record<string, AttachmentRenderer> | undefined,
  ctx: { communeId: number | null; now: Date },
): Promise<Buffer> {
  if ('contentBase64' in a) return Buffer.from(a.contentBase64, 'base64');
  const render = renderers?.[a.render];
  if (!render) throw new Error(`no renderer for the attachment "${a.render}"`);
  return render(a.params, ctx);
}

/** Puts a failed mail back in the queue (the back-office's retry button). */
export async function retryMail(db: Database, id: number, communeId: number | null, now: Date): Promise<boolean> {
  let q = db
    .updateTable('mail_outbox')
    .set({ status: 'pending', next_attempt_at: now.toISOString(), attempts: 0, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed');
  q = communeId === null ? q.where('commune_id', 'is', null) : q.where('commune_id', '=', communeId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
