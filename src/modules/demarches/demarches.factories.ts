import pino from 'pino';
import { registerTestCommune } from '../../../tests/helpers/communes.js';
import type { Actor, CommuneCtx } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';

/** Test factories of the démarches module. */

export const silentLog = pino({ level: 'silent' });
export const systemTest: Actor = { kind: 'system', label: 'test' };
export const secretaire: Actor = {
  kind: 'user',
  userId: 1,
  displayName: 'Claire Secrétaire',
  isOperator: false,
  role: 'secretaire',
};
export const elu: Actor = { kind: 'user', userId: 2, displayName: 'Élu', isOperator: false, role: 'elu' };

/** A commune with no host, for isolation tests. */
export function makeCommune(db: Database, insee: string, nom: string, now: Date): Promise<Commune> {
  return registerTestCommune(db, now, insee, nom, {
    population: 500,
    info: {
      adresse: '1 place de la Mairie',
      codePostal: '62000',
      telephone: '03 21 00 00 00',
      email: 'mairie@exemple.fr',
    },
  });
}

export function ctxFor(db: Database, commune: Commune, now: () => Date, actor: Actor = systemTest): CommuneCtx {
  return { db, commune, now, log: silentLog, actor };
}

/** Valid values of the contact form. */
export const contactValues = (over: Record<string, string> = {}): Record<string, string> => ({
  objet: 'Horaires',
  question: 'Quels sont les horaires de la mairie ?',
  prenom: 'Léa',
  nom: 'Martin',
  email: 'lea.martin@exemple.fr',
  adresse: '3 rue des Lilas, 62000 Bellerive',
  ...over,
});

/** A tiny valid PDF. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A PDF unique to submission i, so that each stored file can be checked byte for byte. */
export const pdfOf = (i: number): Buffer => Buffer.concat([SMALL_PDF, Buffer.from(`%citoyen-${i}\n`)]);

/**
 * The multipart body of « Contacter la mairie » posted by citizen i, with a PDF (`pdfOf(i)` as
 * `piece-<i>.pdf`), as a browser sends it with `boundary`.
 */
export function contactSubmission(csrf: string, i: number, boundary: string): Buffer {
  const fields: Record<string, string> = {
    _csrf: csrf,
    objet: `Question n° ${i}`,
    question: 'Quels sont les horaires de la mairie pendant les vacances ?',
    prenom: 'Léa',
    nom: 'Martin',
    email: `citoyen${i}@exemple.fr`,
    adresse: '3 rue des Lilas, 62000 Bellerive-sur-Lys',
  };
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="piece"; filename="piece-${i}.pdf"\r\n\r\n`),
    pdfOf(i),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return Buffer.concat(parts);
}
