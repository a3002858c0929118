export { MAX_ATTEMPTS } from './mail.rules.js';
export { enqueueMail, type MailAttachment, type MailInput } from './outbox.js';
export { fileTransport, type MailTransport, type OutgoingMail, smtpTransport } from './transport.js';
export { deliverDueMails, retryMail } from './worker.js';
