import type { Generated } from 'kysely';

export interface MailOutboxTable {
  id: Generated<number>;
  commune_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON array of MailAttachment. */
  attachments: Generated<string>;
  /** JSON object of extra headers (List-Unsubscribe…), or null. */
  headers: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}
