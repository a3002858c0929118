import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sha256Hex } from '../crypto.js';
import { notFound } from '../errors.js';
import { type FileStore, isSha256, type StoredBlob } from './file-store.js';

const MISSING = 'Ce fichier est introuvable.';

const isErrno = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | null)?.code === code;

/**
 * Files on a local disk under `<root>/<aa>/<bb>/<sha256>`. A write goes to a temporary file in
 * `<root>/.tmp`, is flushed, then renamed into place: rename is atomic on one file system, so a
 * crash leaves at worst a stray temporary file, never a half-written stored file.
 */
export class DiskFileStore implements FileStore {
  private readonly tmpDir: string;

  constructor(readonly rootDir: string) {
    this.tmpDir = path.join(rootDir, '.tmp');
  }

  /** Path of the stored file for a (well-formed) key. */
  pathOf(sha256: string): string {
    return path.join(this.rootDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Writes to a temporary file, flushes it, then renames it into place. */
  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const blob = { sha256, size: bytes.length };
    if (await this.has(sha256)) return blob;
    const target = this.pathOf(sha256);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
    try {
      const handle = await fsp.open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Same content, same name: a concurrent put of the same bytes renames an identical file.
      await fsp.rename(tmp, target);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw error;
    }
    return blob;
  }

  /** The stored bytes; NotFound when absent or the key is malformed. */
  async get(sha256: string): Promise<Buffer> {
    if (!isSha256(sha256)) throw notFound(MISSING);
    try {
      return await fsp.readFile(this.pathOf(sha256));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw notFound(MISSING);
      throw error;
    }
  }

  /** A read stream; it errors (NotFound, ENOENT) when the file is absent. */
  stream(sha256: string): Readable {
    if (!isSha256(sha256)) {
      return new Readable({
        read() {
          this.destroy(notFound(MISSING));
        },
      });
    }
    return fs.createReadStream(this.pathOf(sha256));
  }

  /** True when a file with this key is stored. */
  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      return (await fsp.stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /** Removes the file; no-op when absent. */
  async delete(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await fsp.rm(this.pathOf(sha256), { force: true });
  }
}
