import fs from 'node:fs/promises';
import path from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { loadYauzl } from '../../core/lazy-libs.js';
import { safeRelativePath } from './import-wordpress.rules.js';

/**
 * The old site's wp-content/uploads, as a folder or a zip: files are looked up by their path
 * inside uploads (`2024/05/photo.jpg`). Nothing outside it is ever read.
 */
export interface UploadsSource {
  read(relativePath: string): Promise<Buffer | null>;
  close(): void;
}

/** Files larger than this are not read from an archive (a zip bomb stops here). */
export const MAX_UPLOAD_ENTRY_BYTES = 25 * 1024 * 1024;

export class UploadsError extends Error {}

export const noUploads: UploadsSource = { read: async () => null, close: () => {} };

/** The uploads folder on disk (the CLI's --uploads DIR). */
export function uploadsFromDir(root: string): UploadsSource {
  const base = path.resolve(root);
  return {
    async read(relativePath) {
      const safe = safeRelativePath(relativePath);
      if (!safe) return null;
      const file = path.join(base, ...safe.split('/'));
      if (!file.startsWith(base + path.sep)) return null;
      try {
        const stat = await fs.stat(file);
        return stat.isFile() && stat.size <= MAX_UPLOAD_ENTRY_BYTES ? await fs.readFile(file) : null;
      } catch {
        return null;
      }
    },
    close: () => {},
  };
}

/** An entry's path inside uploads: after `uploads/` when the zip holds the folder, else as is. */
export function zipKey(name: string): string | null {
  const safe = safeRelativePath(name);
  if (!safe || name.endsWith('/')) return null;
  const i = safe.toLowerCase().lastIndexOf('uploads/');
  return i === -1 ? safe : safe.slice(i + 'uploads/'.length) || null;
}

/** A zip of the uploads folder (the form's archive, or the CLI's --uploads ZIP). */
export async function uploadsFromZip(bytes: Buffer): Promise<UploadsSource> {
  const yauzl = await loadYauzl();
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, z) =>
      error || !z ? reject(new UploadsError(error?.message ?? 'unreadable zip')) : resolve(z),
    ),
  );
  const entries = new Map<string, Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      const key = zipKey(entry.fileName);
      if (key && !entries.has(key)) entries.set(key, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => reject(new UploadsError(error.message)));
    zip.readEntry();
  });
  return {
    async read(relativePath) {
      const entry = entries.get(relativePath);
      if (!entry || entry.uncompressedSize > MAX_UPLOAD_ENTRY_BYTES) return null;
      return new Promise<Buffer | null>((resolve) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return resolve(null);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks)));
          stream.on('error', () => resolve(null));
        });
      });
    },
    close: () => zip.close(),
  };
}
