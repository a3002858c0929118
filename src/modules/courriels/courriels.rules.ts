/** The states of an outbox mail, as the back-office names them. */
export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  pending: 'En attente',
  sent: 'Envoyé',
  failed: 'En échec',
};

export const isMailStatus = (value: string): value is MailStatus =>
  (MAIL_STATUSES as readonly string[]).includes(value);

/** Only a mail given up on can be retried (a pending one will be sent anyway). */
export const canRetry = (status: MailStatus): boolean => status === 'failed';
