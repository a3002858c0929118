export { MAX_ATTEMPTS } from './mail.rules.js';
export {
  type AttachmentRenderer,
  enqueueMail,
  type InlineAttachment,
  type MailAttachment,
  type MailInput,
  type RenderedAttachment,
} from './outbox.js';
export { fileTransport, type MailTransport, type OutgoingMail, smtpTransport } from './transport.js';
export { deliverDueMails, retryMail } from './worker.js';
