export { appendAuditEvent, type AuditEntry, type AuditEventInput, listAuditEvents, verifyAuditChain } from './audit.js';
