import type { Readable } from 'node:stream';

/** What a store answers for stored bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Content-addressed storage of bytes: the key is the SHA-256 of the content, so storing the same
 * file twice keeps one copy. Implemented on disk (DiskFileStore) and, later, on S3: the interface
 * says nothing of paths. Which commune owns a copy is the database's business (`stored_file`).
 */
export interface FileStore {
  /** Stores the bytes (no-op when already stored); never leaves a partial file behind. */
  put(bytes: Buffer): Promise<StoredBlob>;
  /** The bytes; rejects with a NotFound AppError when absent. */
  get(sha256: string): Promise<Buffer>;
  /** The bytes as a stream (for downloads); the stream errors when absent. */
  stream(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
  /** Removes the bytes (no-op when absent). The caller checks no row still refers to them. */
  delete(sha256: string): Promise<void>;
}

/** A well-formed key: 64 lowercase hex digits (anything else never reaches a path). */
export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
