import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../audit/index.js';
import type { Clock } from '../clock.js';
import { type Actor, actorUserId } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { DiskFileStore, isSha256 } from '../files/index.js';
import { loadYazl } from '../lazy-libs.js';
import { findCommuneBySlug } from '../tenancy/index.js';
import { communeRow, communeRows, tenantTables } from './commune-export.platform.repo.js';

export interface CommuneExportResult {
  path: string;
  tables: Record<string, number>;
  files: number;
}

/** One table as CSV: the columns of its rows, `;`-separated with a BOM (opens in a spreadsheet). */
function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0] ?? {});
  return stringify(rows, {
    header: true,
    columns,
    delimiter: ';',
    bom: true,
    cast: { boolean: (b) => (b ? '1' : '0') },
  });
}

/**
 * Writes all the data of one commune, for a commune leaving the platform: one CSV and one JSON per
 * tenant table (every table with a commune_id), the commune's own row, and its stored files under
 * `files/<sha256>`. As a folder, or a zip with `zip: true`. Audited in the commune's chain.
 */
export async function exportCommune(
  deps: { db: Database; now: Clock; actor: Actor; dataDir: string },
  input: { slug: string; to: string; zip?: boolean },
): Promise<CommuneExportResult> {
  const commune = await findCommuneBySlug(deps.db, input.slug);
  if (!commune) throw notFound(`No commune "${input.slug}".`);
  const stamp = deps.now().toISOString().slice(0, 10);
  const base = `${commune.slug}-export-${stamp}`;
  const out = path.resolve(input.to, input.zip ? `${base}.zip` : base);
  const entries: { name: string; data?: Buffer; file?: string }[] = [];
  const tables: Record<string, number> = {};
  const own = await communeRow(deps.db, commune.id);
  entries.push({ name: 'commune.json', data: Buffer.from(JSON.stringify(own, null, 2)) });
  const fileKeys = new Set<string>();
  for (const table of await tenantTables(deps.db)) {
    const rows = await communeRows(deps.db, table, commune.id);
    tables[table] = rows.length;
    entries.push({ name: `tables/${table}.json`, data: Buffer.from(JSON.stringify(rows, null, 1)) });
    entries.push({ name: `tables/${table}.csv`, data: Buffer.from(toCsv(rows)) });
    if (table === 'stored_file') for (const r of rows) if (isSha256(String(r.sha256))) fileKeys.add(String(r.sha256));
  }
  const store = new DiskFileStore(path.join(deps.dataDir, 'files'));
  for (const key of [...fileKeys].sort()) {
    if (await store.has(key)) entries.push({ name: `files/${key}`, file: store.pathOf(key) });
  }
  const files = entries.filter((e) => e.file).length;
  const summary = { commune: commune.slug, insee: commune.insee, exportedAt: deps.now().toISOString(), tables, files };
  entries.push({ name: 'export.json', data: Buffer.from(JSON.stringify(summary, null, 2)) });
  await (input.zip ? writeZip(out, entries) : writeFolder(out, entries));
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      communeId: commune.id,
      occurredAt: deps.now(),
      action: 'commune.exported',
      actorUserId: actorUserId(deps.actor),
      objectType: 'commune',
      objectId: commune.id,
      details: { files, tables: Object.keys(tables).length, zip: Boolean(input.zip) },
    }),
  );
  return { path: out, tables, files };
}

async function writeFolder(out: string, entries: { name: string; data?: Buffer; file?: string }[]): Promise<void> {
  await fsp.mkdir(path.dirname(out), { recursive: true });
  await fsp.mkdir(out, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') throw conflict(`${out} already exists: remove it or choose another --to.`);
    throw error;
  });
  for (const e of entries) {
    const target = path.join(out, e.name);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    if (e.file) await fsp.copyFile(e.file, target);
    else await fsp.writeFile(target, e.data ?? Buffer.alloc(0));
  }
}

async function writeZip(out: string, entries: { name: string; data?: Buffer; file?: string }[]): Promise<void> {
  await fsp.mkdir(path.dirname(out), { recursive: true });
  const yazl = await loadYazl();
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.file) zip.addFile(e.file, e.name, { compress: false });
    else zip.addBuffer(e.data ?? Buffer.alloc(0), e.name);
  }
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(out, { flags: 'wx' }));
}
