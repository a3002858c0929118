import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { isSha256 } from '../files/file-store.js';
import { loadTar } from '../lazy-libs.js';
import type { RowCounts } from './snapshot.js';

/**
 * The content of a backup: a gzipped tar holding `manifest.json` first, the database copy, the
 * instance secret (when it lives in the data dir) and `files/aa/bb/<sha256>` (the file store).
 * The manifest lists every entry with its SHA-256 and the row count of every table.
 */

export const MANIFEST = 'manifest.json';
export const SECRET = 'secret';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: 1;
  name: string;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  database: ManifestEntry;
  rowCounts: RowCounts;
  /** The data dir's secret file; null when the secret comes from CLOCHER_SECRET. */
  secret: ManifestEntry | null;
  files: ManifestEntry[];
}

export class ArchiveError extends Error {}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function entryOf(root: string, rel: string): Promise<ManifestEntry> {
  const full = path.join(root, rel);
  const [sha256, stat] = await Promise.all([sha256OfFile(full), fsp.stat(full)]);
  return { path: rel, sha256, size: stat.size };
}

/** The stored files of the file store (`aa/bb/<sha256>`), temporary files left aside. */
export async function listStoredFiles(filesDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(path.join(filesDir, rel), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (depth < 2 && e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)) await walk(child, depth + 1);
      else if (depth === 2 && e.isFile() && isSha256(e.name)) out.push(child);
    }
  };
  await walk('', 0);
  return out;
}

/**
 * Writes the manifest into `staging` (which already holds the database copy and the secret) and
 * returns the tar stream of the backup, uncompressed. `filesDir` is reached through a symbolic
 * link `staging/files`, so that the 1 GB of files is never copied.
 */
export async function packBackup(input: {
  staging: string;
  filesDir: string;
  facts: Pick<Manifest, 'name' | 'createdAt' | 'engine' | 'rowCounts'>;
  databaseFile: string;
  hasSecret: boolean;
}): Promise<{ manifest: Manifest; stream: Readable; totalBytes: number }> {
  const { staging } = input;
  await fsp.symlink(input.filesDir, path.join(staging, 'files'), 'dir').catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fsp.mkdir(input.filesDir, { recursive: true });
    await fsp.symlink(input.filesDir, path.join(staging, 'files'), 'dir');
  });
  const stored = await listStoredFiles(input.filesDir);
  const files: ManifestEntry[] = [];
  for (const rel of stored) files.push(await entryOf(staging, `files/${rel}`));
  const manifest: Manifest = {
    format: 1,
    ...input.facts,
    database: await entryOf(staging, input.databaseFile),
    secret: input.hasSecret ? await entryOf(staging, SECRET) : null,
    files,
  };
  await fsp.writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 1));
  const paths = [MANIFEST, input.databaseFile, ...(input.hasSecret ? [SECRET] : []), ...files.map((f) => f.path)];
  const totalBytes = manifest.database.size + files.reduce((n, f) => n + f.size, 0);
  const tar = await loadTar();
  const stream = tar.c({ cwd: staging, portable: true, noDirRecurse: true }, paths) as unknown as Readable;
  return { manifest, stream, totalBytes };
}

/** Gzip as used in backups: fast, since the stored files are mostly compressed already. */
export const backupGzip = () => zlib.createGzip({ level: 1 });

/**
 * Unpacks a decrypted backup stream into `dir`, then checks every entry against the manifest:
 * each SHA-256, each size, and nothing missing or extra. Returns the manifest.
 */
export async function unpackAndCheck(decrypted: Readable, dir: string): Promise<Manifest> {
  await fsp.mkdir(dir, { recursive: true });
  const tar = await loadTar();
  await pipeline(decrypted, zlib.createGunzip(), tar.x({ cwd: dir, strict: true, preservePaths: false }));
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fsp.readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new ArchiveError('the backup has no readable manifest');
  }
  if (manifest.format !== 1) throw new ArchiveError(`unknown backup format ${String(manifest.format)}`);
  const expected = [manifest.database, ...(manifest.secret ? [manifest.secret] : []), ...manifest.files];
  for (const entry of expected) {
    if (entry.path.includes('..') || path.isAbsolute(entry.path)) throw new ArchiveError(`bad path ${entry.path}`);
    let actual: ManifestEntry;
    try {
      actual = await entryOf(dir, entry.path);
    } catch {
      throw new ArchiveError(`${entry.path} is missing from the backup`);
    }
    if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) {
      throw new ArchiveError(`${entry.path} does not match its checksum`);
    }
    if (entry.path.startsWith('files/') && path.basename(entry.path) !== entry.sha256) {
      throw new ArchiveError(`${entry.path} is not named by its content`);
    }
  }
  const stored = await listStoredFiles(path.join(dir, 'files'));
  if (stored.length !== manifest.files.length) {
    throw new ArchiveError(`the backup holds ${stored.length} files, its manifest ${manifest.files.length}`);
  }
  return manifest;
}
