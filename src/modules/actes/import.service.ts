import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Entry } from 'yauzl';
import { actorUserId } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { storeUpload } from '../../core/files/index.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { loadYauzl } from '../../core/lazy-libs.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './actes.repo.js';
import { isIndividuelle, transmissionRequise } from './actes.rules.js';
import { type ActesCtx, audit, manageScope, PDF_RULES } from './actes.service.js';
import { currentClassification } from './classification.repo.js';
import { NOMENCLATURE_NATIONALE } from './classification.rules.js';
import { checkImport, type ImportLine, type ImportProblem } from './import.rules.js';
import { appendRegistre } from './registre.service.js';

/** Largest archive or folder of PDFs read at once. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** The files of a zip archive by base name (directories ignored). */
export async function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const yauzl = await loadYauzl();
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    let total = 0;
    const fail = () => reject(invalid('L’archive ZIP est illisible.', { archive: 'L’archive ZIP est illisible.' }));
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return fail();
      zip.on('error', fail);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: Entry) => {
        const name = path.posix.basename(entry.fileName);
        total += entry.uncompressedSize;
        if (total > MAX_IMPORT_BYTES) {
          zip.close();
          return reject(invalid('L’archive dépasse 200 Mo une fois décompressée : découpez l’import.'));
        }
        if (entry.fileName.endsWith('/') || name.startsWith('.')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail();
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            files.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The files of a folder by name (not recursive). */
export async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (e.isFile() && !e.name.startsWith('.')) files.set(e.name, await fs.readFile(path.join(dir, e.name)));
  }
  return files;
}

export type ImportResult = { ok: true; count: number } | { ok: false; problems: ImportProblem[] };

/**
 * Imports past acts, all or nothing: every line is checked (numbers, dates, natures, matières, PDF
 * present and really a PDF) before anything is written; then the acts are recorded as published
 * (or notified), their documents chained in the register, in one transaction.
 */
export async function importActes(
  ctx: ActesCtx,
  input: { csv: string; files: Map<string, Buffer> },
): Promise<ImportResult> {
  const scope = manageScope(ctx);
  const taken = new Set((await scope.selectFrom('acte').select('numero').execute()).map((r) => r.numero));
  const cls = (await currentClassification(scope)) ?? NOMENCLATURE_NATIONALE;
  const checked = checkImport(input.csv, {
    taken,
    matieres: new Set(cls.items.map((i) => i.code)),
    files: new Set(input.files.keys()),
  });
  if (!checked.ok) return checked;
  const problems: ImportProblem[] = [];
  for (const l of checked.lines) {
    const bytes = input.files.get(l.fichier);
    const mime = bytes ? (await fileTypeFromBuffer(bytes))?.mime : undefined;
    if (mime !== 'application/pdf')
      problems.push({ line: l.line, message: `Le fichier ${l.fichier} n’est pas un PDF.` });
  }
  if (problems.length > 0) return { ok: false, problems };
  await ctx.db.transaction().execute(async (trx) => {
    const tx = new TenantScope(trx, ctx.commune.id);
    const stored = new Map<string, number>();
    for (const l of checked.lines) {
      let fileId = stored.get(l.fichier);
      if (fileId === undefined) {
        const bytes = input.files.get(l.fichier) as Buffer;
        fileId = (await storeUpload({ ...ctx, db: trx }, { ...PDF_RULES, bytes, originalName: l.fichier })).id;
        stored.set(l.fichier, fileId);
      }
      await insertImported(ctx, trx, tx, l, fileId, cls);
    }
    await bumpContentVersion(trx, ctx.commune.id);
    await audit(trx, ctx, 'actes.imported', null, { count: checked.lines.length });
  });
  return { ok: true, count: checked.lines.length };
}

async function insertImported(
  ctx: ActesCtx,
  trx: Parameters<typeof audit>[0],
  scope: TenantScope,
  l: ImportLine,
  fileId: number,
  cls: { dateVersion: string; items: { code: string; libelle: string }[] },
): Promise<void> {
  const nowIso = ctx.now().toISOString();
  const individuel = isIndividuelle(l.nature);
  const publieLe = individuel ? null : `${l.datePublication}T00:00:00.000Z`;
  const id = await repo.insertActe(scope, {
    numero: l.numero,
    nature: l.nature,
    matiere_code: l.matiereCode,
    matiere_libelle: l.matiereCode ? (cls.items.find((i) => i.code === l.matiereCode)?.libelle ?? null) : null,
    classification_date: l.matiereCode ? cls.dateVersion || null : null,
    objet: l.objet,
    date_decision: l.dateDecision,
    auteur_nom: l.auteurNom,
    auteur_qualite: l.auteurQualite,
    texte: l.texte,
    seance_id: null,
    point_id: null,
    ...repo.voteColumns(null),
    statut: individuel ? 'notifie' : 'publie',
    document_file_id: fileId,
    document_source: 'depose',
    signe_le: `${l.dateDecision}T00:00:00.000Z`,
    publicite_mode: individuel ? 'notification' : 'electronique',
    publie_le: publieLe,
    notifie_le: individuel ? l.datePublication : null,
    transmission_requise: transmissionRequise({ nature: l.nature, matiereCode: l.matiereCode, exception: null })
      ? 1
      : 0,
    transmission_exception: null,
    transmission_id: l.identifiant,
    transmis_le: l.transmisLe,
    ar_recu_le: l.arRecuLe,
    anomalie: null,
    pref_service: null,
    fin_le: null,
    fin_motif: null,
    importe: 1,
    created_by: actorUserId(ctx.actor),
    created_at: nowIso,
    updated_at: nowIso,
  });
  const acte = await repo.findActe(scope, id);
  if (acte && publieLe) {
    const sha = (await repo.filesByIds(scope, [fileId])).get(fileId)?.sha256 ?? '';
    await appendRegistre(scope, { acte, kind: 'publication', date: publieLe, documents: [sha], now: ctx.now() });
  }
  await audit(trx, ctx, 'acte.imported', id, { numero: l.numero, nature: l.nature });
}
