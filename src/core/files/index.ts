export { DiskFileStore } from './disk-store.js';
export { type FileStore, isSha256, type StoredBlob } from './file-store.js';
export type { StoredFile } from './files.repo.js';
export {
  cleanFileName,
  describeFormats,
  formatProblem,
  formatSize,
  sizeProblem,
  type UploadRules,
} from './files.rules.js';
export { getStoredFile, storeUpload, type UploadInput } from './files.service.js';
