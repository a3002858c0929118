import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** Extra headers (List-Unsubscribe…). */
  headers?: Record<string, string>;
}

/** Where mails go: SMTP, or .eml files in the data dir when no SMTP server is configured. */
export interface MailTransport {
  readonly description: string;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function smtpTransport(url: string): MailTransport {
  // Bounded timeouts: a send never outlives the worker's claim on the mail (CLAIM_MS), so no other
  // worker takes it over and sends it twice.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    description: `SMTP ${new URL(url).host}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transporter.close(),
  };
}

/** Writes each mail as an .eml file (readable by any mail client) under `dir`. */
export function fileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      await fs.mkdir(dir, { recursive: true });
      const id = String(info.messageId ?? Date.now()).replace(/[^a-zA-Z0-9.@-]/g, '');
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transporter.close(),
  };
}
