export { type AuditEntry, type AuditEventInput, appendAuditEvent, listAuditEvents, verifyAuditChain } from './audit.js';
