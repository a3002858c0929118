import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pino from 'pino';
import { registerTestCommune } from '../../../tests/helpers/communes.js';
import { createUser, grantRole, type Role } from '../../core/auth/index.js';
import type { Actor, CommuneCtx } from '../../core/context.js';
import { DiskFileStore } from '../../core/files/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import type { NewDeliberation } from './actes.service.js';

/** Test factories of the acts module. */

export const silentLog = pino({ level: 'silent' });
export const systemTest: Actor = { kind: 'system', label: 'test' };
export const secretaire: Actor = {
  kind: 'user',
  userId: 1,
  displayName: 'Claire Secrétaire',
  isOperator: false,
  role: 'secretaire',
};
export const agent: Actor = { kind: 'user', userId: 2, displayName: 'Paul Agent', isOperator: false, role: 'agent' };

/** A commune with no host, for isolation tests. */
export function makeCommune(
  db: Database,
  insee: string,
  nom: string,
  now: Date,
  over: { population?: number } = {},
): Promise<Commune> {
  return registerTestCommune(db, now, insee, nom, {
    slug: nom.toLowerCase(),
    population: over.population ?? 850,
    siren: '216200010',
    siret: '21620001000017',
  });
}

/** A real user holding `role` in the commune (foreign keys need one). */
export async function makeMember(
  db: Database,
  commune: Commune,
  now: Date,
  role: Role = 'secretaire',
  email = `${role}.${commune.slug}@exemple.fr`,
): Promise<Actor> {
  const platform = { db, now: () => now, log: silentLog, actor: systemTest };
  const displayName = role === 'secretaire' ? 'Claire Martin' : 'Paul Durand';
  const userId = await createUser(platform, { email, displayName });
  await grantRole({ ...platform, commune }, userId, role);
  return { kind: 'user', userId, displayName, isOperator: false, role };
}

/** A file store in a fresh temporary directory. */
export function tempFileStore(): DiskFileStore {
  return new DiskFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-actes-')));
}

export function actesCtx(
  db: Database,
  commune: Commune,
  now: () => Date,
  files: DiskFileStore,
  actor: Actor = secretaire,
): CommuneCtx & { files: DiskFileStore } {
  return { db, commune, now, log: silentLog, actor, files };
}

/** A délibération as the conseil module records it. */
export const deliberationInput = (over: Partial<NewDeliberation> = {}): NewDeliberation => ({
  seanceId: 7,
  pointId: 31,
  objet: 'Tarifs de la cantine scolaire pour l’année 2027',
  dateDecision: '2026-11-20',
  matiereCode: '7.10',
  auteurNom: 'Marie Lefebvre',
  auteurQualite: 'Maire',
  texte:
    'Le conseil municipal,\n\nVu le code général des collectivités territoriales,\n\nConsidérant la hausse du coût des denrées,\n\nDécide de fixer le prix du repas à 3,40 €.\n\nVote : 11 pour, 2 contre, 1 abstention.',
  vote: { effectif: 15, presents: 12, representes: 2, pour: 11, contre: 2, abstention: 1, nePrendPasPart: 0 },
  ...over,
});

/** A tiny valid PDF. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A zip archive of files stored without compression (for import tests; the import reads any zip). */
export function storedZip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Posts a multipart form as a browser does (fields and files), with the client's cookies. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field: string; name: string; bytes: Buffer }[],
): { payload: Buffer; contentType: string } {
  const boundary = '----clocher-actes';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
