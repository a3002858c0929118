export { type AuditEntry, type AuditEventInput, appendAuditEvent, listAuditEvents, verifyAuditChain } from './audit.js';
export { recordExport } from './audit-export.js';
export { auditChains, purgeAuditChain, purgeExpiredAuditEvents } from './audit-purge.js';
export { type AuditFilter, type JournalEntry, searchAuditEvents } from './audit-search.js';
