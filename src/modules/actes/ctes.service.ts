import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CommuneCtx } from '../../core/context.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { loadTar } from '../../core/lazy-libs.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './actes.repo.js';
import { type ActesCtx, assertTransition, audit, loadActe, manageScope } from './actes.service.js';
import {
  acteXml,
  archiveName,
  envelopeName,
  envelopeXml,
  idActe,
  idActeFromFileName,
  latin1Xml,
  messageFileName,
  parseIdActe,
  parsePrefectureReturn,
  serviceFromEnvelope,
  typedFileName,
} from './ctes.rules.js';
import { findReglage } from './reglage.repo.js';

const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** The IDActe of an act of this commune (needs the commune's SIREN). */
export function idActeOf(ctx: CommuneCtx, a: repo.Acte): string {
  if (!ctx.commune.siren) {
    throw invalid('Le SIREN de la commune n’est pas renseigné : il est nécessaire pour transmettre un acte.');
  }
  return idActe({
    departement: ctx.commune.departement,
    siren: ctx.commune.siren,
    dateDecision: a.dateDecision,
    numero: a.numero,
    nature: a.nature,
  });
}

/**
 * The tar.gz a tiers de télétransmission takes for a signed act subject to transmission: the
 * envelope, the 1-1 message and the act's PDF and annexes, named as ACTES names them.
 */
export async function buildCtesArchive(ctx: ActesCtx, acteId: number): Promise<{ name: string; bytes: Buffer }> {
  const scope = manageScope(ctx);
  const a = await loadActe(scope, acteId);
  assertTransition('transmettre', a);
  if (!a.transmissionRequise) {
    throw new AppError('InvalidTransition', 'Cet acte n’est pas soumis à l’obligation de transmission au préfet.');
  }
  if (a.documentFileId === null) throw invalid('L’acte n’a pas de document à transmettre.');
  const id = idActeOf(ctx, a);
  const annexes = await repo.listAnnexes(scope, a.id);
  const files = await repo.filesByIds(scope, [a.documentFileId, ...annexes.map((x) => x.fileId)]);
  const doc = files.get(a.documentFileId);
  if (!doc) throw notFound('Le document de l’acte est introuvable.');
  const docName = messageFileName(id, '1-1', 1, 'pdf');
  const annexNames = annexes.map((x, i) =>
    typedFileName(messageFileName(id, '1-1', i + 2, EXT[files.get(x.fileId)?.mime ?? ''] ?? 'pdf'), x.typePj),
  );
  const xmlName = messageFileName(id, '1-1', 0, 'xml');
  const message = acteXml({
    id,
    nature: a.nature,
    numero: a.numero,
    dateDecision: a.dateDecision,
    matiereCode: a.matiereCode,
    objet: a.objet,
    classificationDate: a.classificationDate,
    document: docName,
    annexes: annexNames,
  });
  const reglage = await findReglage(scope);
  const envelope = envelopeName(ctx.commune.siren ?? '', toParisLocal(ctx.now()).date, a.id);
  const envelopeText = envelopeXml(
    {
      siren: ctx.commune.siren ?? '',
      departement: ctx.commune.departement,
      arrondissement: reglage.arrondissement,
      referentNom: reglage.referentNom,
      referentTelephone: reglage.referentTelephone,
      referentEmail: reglage.referentEmail,
    },
    [xmlName],
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'clocher-ctes-'));
  try {
    await fs.writeFile(path.join(dir, envelope), latin1Xml(envelopeText));
    await fs.writeFile(path.join(dir, xmlName), latin1Xml(message));
    await fs.writeFile(path.join(dir, docName), await ctx.files.get(doc.sha256));
    for (const [i, x] of annexes.entries()) {
      const f = files.get(x.fileId);
      if (f) await fs.writeFile(path.join(dir, annexNames[i] as string), await ctx.files.get(f.sha256));
    }
    const name = archiveName(envelope);
    const out = path.join(dir, name);
    const tar = await loadTar();
    await tar.create({ gzip: true, cwd: dir, file: out, portable: true }, [envelope, xmlName, docName, ...annexNames]);
    return { name, bytes: await fs.readFile(out) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The XML files of an upload: the file itself, or the members of a tar.gz from the tiers. */
async function xmlFilesOf(bytes: Buffer, filename: string): Promise<{ name: string; text: string }[]> {
  const gz = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gz) return [{ name: filename, text: bytes.toString('latin1') }];
  const out: { name: string; text: string }[] = [];
  const tar = await loadTar();
  try {
    await pipeline(
      Readable.from([bytes]),
      tar.list({
        onReadEntry: (entry) => {
          if (!/\.xml$/i.test(entry.path) || entry.size > 5 * 1024 * 1024) {
            entry.resume();
            return;
          }
          const chunks: Buffer[] = [];
          entry.on('data', (c: Buffer) => chunks.push(c));
          entry.on('end', () => out.push({ name: entry.path, text: Buffer.concat(chunks).toString('latin1') }));
        },
      }),
    );
  } catch {
    throw invalid('L’archive envoyée est illisible.', { fichier: 'L’archive envoyée est illisible.' });
  }
  return out;
}

/** XML read as Latin-1 is re-read as UTF-8 when its declaration says so. */
const decoded = (text: string): string =>
  /encoding=["']UTF-8["']/i.test(text.slice(0, 100)) ? Buffer.from(text, 'latin1').toString('utf8') : text;

/**
 * Imports the préfecture's answer (an XML file, or the tiers' tar.gz): an AR (1-2) marks the act
 * transmitted and acknowledged; an anomaly (1-3) records the problem and the act is to be sent again.
 */
export async function importPrefectureReturn(
  ctx: CommuneCtx,
  upload: { bytes: Buffer; filename: string },
): Promise<{ acteId: number; type: '1-2' | '1-3' }> {
  manageScope(ctx);
  const xmls = await xmlFilesOf(upload.bytes, upload.filename);
  const service = xmls.map((x) => serviceFromEnvelope(x.name)).find((s) => s !== null) ?? null;
  for (const x of xmls) {
    const r = parsePrefectureReturn(decoded(x.text));
    if ('problem' in r) continue;
    const id = r.idActe ?? idActeFromFileName(x.name);
    const parts = id ? parseIdActe(id) : null;
    if (!id || !parts) throw invalid('Le retour de la préfecture ne dit pas quel acte il concerne.');
    if (parts.siren !== ctx.commune.siren) {
      throw invalid(`Ce retour concerne une autre collectivité (SIREN ${parts.siren}).`);
    }
    const acteId = await applyReturn(ctx, r, id, parts.numero, service);
    return { acteId, type: r.type };
  }
  const single = xmls.length === 1 && xmls[0] ? parsePrefectureReturn(decoded(xmls[0].text)) : null;
  const msg =
    single && 'problem' in single
      ? single.problem
      : 'Aucun accusé de réception ni anomalie de la préfecture dans ce fichier.';
  throw invalid(msg, { fichier: msg });
}

async function applyReturn(
  ctx: CommuneCtx,
  r: Exclude<ReturnType<typeof parsePrefectureReturn>, { problem: string }>,
  id: string,
  numero: string,
  service: string | null,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const a = (await repo.listActesByNumero(scope, numero))[0];
    if (!a) throw notFound(`Aucun acte n° ${numero} dans le registre de la commune.`);
    const nowIso = ctx.now().toISOString();
    if (r.type === '1-2') {
      await repo.updateActe(scope, a.id, {
        transmission_id: id,
        transmis_le: a.transmisLe ?? r.dateReception,
        ar_recu_le: r.dateReception,
        anomalie: null,
        pref_service: service ?? a.prefService,
        updated_at: nowIso,
      });
      await repo.insertEchange(scope, { acteId: a.id, type: '1-2', at: nowIso, details: { ...r, idActe: id } });
      await audit(trx, ctx, 'acte.acknowledged', a.id, {
        numero: a.numero,
        idActe: id,
        dateReception: r.dateReception,
      });
    } else {
      await repo.updateActe(scope, a.id, {
        transmis_le: null,
        ar_recu_le: null,
        anomalie: r.detail,
        updated_at: nowIso,
      });
      await repo.insertEchange(scope, { acteId: a.id, type: '1-3', at: nowIso, details: { ...r, idActe: id } });
      await audit(trx, ctx, 'acte.anomaly', a.id, { numero: a.numero, idActe: id, detail: r.detail });
    }
    await bumpContentVersion(trx, ctx.commune.id);
    return a.id;
  });
}
