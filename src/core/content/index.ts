export {
  isPubliclyVisible,
  PUBLICATION_LABELS,
  PUBLICATION_STATUSES,
  type PublicationState,
  type PublicationStatus,
  publicationState,
} from './publication.rules.js';
export { getRevisionData, listRevisions, type RevisionSummary, saveRevision } from './revisions.repo.js';
export { excerpt, richTextToPlain, type SafeHtml, sanitizeRichText, storedSafeHtml } from './richtext.js';
export {
  indexDocument,
  queryTerms,
  type SearchDocumentInput,
  type SearchHit,
  searchDocuments,
  unindexDocument,
} from './search.js';
