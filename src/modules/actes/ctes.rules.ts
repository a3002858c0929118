import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { NATURE_INFO, type NatureActe } from './actes.rules.js';

/**
 * @CTES (ACTES protocol, as S²LOW and Pastell implement it): identifiers, file names, the
 * transmission message 1-1 and its envelope, and the préfecture's answers 1-2 (AR) and 1-3
 * (anomalie). Pure: the bytes are assembled by ctes.service.ts.
 */

export const ACTES_NS = 'http://www.interieur.gouv.fr/ACTES#v1.1-20040216';
export const INSEE_NS = 'http://xml.insee.fr/schema';

/** Three-letter code of the transmitting operator, first part of the archive name (S²LOW uses SLO). */
export const CODE_OPERATEUR = 'CLO';
/**
 * `actes:Nature` of the emitting collectivité in the envelope. UNCONFIRMED: the code list of the
 * ACTES schema was not read; 25 is the value commonly configured for communes. A setting could
 * override it if a préfecture refuses it.
 */
export const NATURE_COLLECTIVITE_COMMUNE = '25';

/** Department on 3 characters: 62 → 062, 2A → 02A, 971 → 971. */
export function departement3(dep: string): string {
  const d = dep.toUpperCase();
  return d.length >= 3 ? d.slice(0, 3) : d.padStart(3, '0');
}

export interface ActeIdParts {
  departement: string;
  siren: string;
  dateDecision: string;
  numero: string;
  nature: NatureActe;
}

/** IDActe: DPT-SIREN-YYYYMMDD-NUMACTE-NATURE (e.g. 062-216200010-20261120-D2026_001-DE). */
export function idActe(p: ActeIdParts): string {
  return [
    departement3(p.departement),
    p.siren,
    p.dateDecision.replace(/-/g, ''),
    p.numero,
    NATURE_INFO[p.nature].abrege,
  ].join('-');
}

export const ID_ACTE_PATTERN = /^([0-9]{3}|0[0-9][AB])-([0-9]{9})-([0-9]{8})-([A-Za-z0-9_]{1,15})-(DE|AR|AI|CC|BF|AU)$/;

/** The parts of an IDActe, or null when malformed. */
export function parseIdActe(
  id: string,
): { departement: string; siren: string; date: string; numero: string; abrege: string } | null {
  const m = id.trim().match(ID_ACTE_PATTERN);
  if (!m) return null;
  const [, departement = '', siren = '', d = '', numero = '', abrege = ''] = m;
  return { departement, siren, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, numero, abrege };
}

/** File of a message: <IDActe>-<type>_<seq>.<ext>; _0 is the business XML, _1 the act, _2… annexes. */
export const messageFileName = (id: string, type: string, seq: number, ext: string): string =>
  `${id}-${type}_${seq}.${ext}`;

/** A typed annex is prefixed by its CodeTypePJ (e.g. 22_PN-…_2.pdf). */
export const typedFileName = (name: string, typePj: string | null): string => (typePj ? `${typePj}-${name}` : name);

/** Envelope from the collectivité: EACT--SIREN--YYYYMMDD-N.xml. */
export const envelopeName = (siren: string, date: string, n: number): string =>
  `EACT--${siren}--${date.replace(/-/g, '')}-${n}.xml`;

/** The archive a tiers de télétransmission takes: <ITC>-<envelope without .xml>.tar.gz. */
export const archiveName = (envelope: string): string => `${CODE_OPERATEUR}-${envelope.replace(/\.xml$/, '')}.tar.gz`;

export interface ActeMessage {
  id: string;
  nature: NatureActe;
  numero: string;
  dateDecision: string;
  matiereCode: string | null;
  objet: string;
  classificationDate: string | null;
  document: string;
  annexes: string[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
});

/**
 * XML text in ISO-8859-1 as the ACTES exchanges are: characters outside Latin-1 (’, œ, €) become
 * character references, which any XML parser reads back as the same characters.
 */
export function latin1Xml(body: string): Buffer {
  const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>\n${body}`;
  let text = '';
  for (const c of xml) {
    const code = c.codePointAt(0) ?? 0;
    text += code > 0xff ? `&#${code};` : c;
  }
  return Buffer.from(text, 'latin1');
}

/** Message 1-1: the act's metadata, its document and annexes (S²LOW generateActeXMLFile). */
export function acteXml(m: ActeMessage): string {
  const codes = (m.matiereCode ?? '').split('.').filter(Boolean).slice(0, 5);
  const acte: Record<string, unknown> = {
    '@_xmlns:actes': ACTES_NS,
    '@_xmlns:insee': INSEE_NS,
    '@_actes:Date': m.dateDecision,
    '@_actes:NumeroInterne': m.numero,
    '@_actes:CodeNatureActe': String(NATURE_INFO[m.nature].code),
  };
  codes.forEach((c, i) => {
    acte[`actes:CodeMatiere${i + 1}`] = { '@_actes:CodeMatiere': c };
  });
  acte['actes:Objet'] = m.objet;
  acte['actes:ClassificationDateVersion'] = m.classificationDate ?? m.dateDecision;
  acte['actes:Document'] = { 'actes:NomFichier': m.document };
  if (m.annexes.length > 0) {
    acte['actes:Annexes'] = {
      '@_actes:Nombre': String(m.annexes.length),
      'actes:Annexe': m.annexes.map((n) => ({ 'actes:NomFichier': n })),
    };
  }
  acte['actes:DocumentPapier'] = 'N';
  return builder.build({ 'actes:Acte': acte }) as string;
}

export interface Emetteur {
  siren: string;
  departement: string;
  arrondissement: string | null;
  referentNom: string | null;
  referentTelephone: string | null;
  referentEmail: string | null;
}

/** Envelope EnveloppeCLMISILL: who sends, whom to answer, which message files. */
export function envelopeXml(e: Emetteur, formulaires: string[]): string {
  const referent: Record<string, string> = {};
  if (e.referentNom) referent['actes:Nom'] = e.referentNom;
  if (e.referentTelephone) referent['actes:Telephone'] = e.referentTelephone;
  if (e.referentEmail) referent['actes:Email'] = e.referentEmail;
  return builder.build({
    'actes:EnveloppeCLMISILL': {
      '@_xmlns:actes': ACTES_NS,
      '@_xmlns:insee': INSEE_NS,
      'actes:Emetteur': {
        'actes:IDCL': {
          '@_insee:SIREN': e.siren,
          '@_actes:Departement': departement3(e.departement),
          '@_actes:Arrondissement': e.arrondissement ?? '1',
          '@_actes:Nature': NATURE_COLLECTIVITE_COMMUNE,
        },
        ...(Object.keys(referent).length > 0 && { 'actes:Referent': referent }),
      },
      ...(e.referentEmail && { 'actes:AdressesRetour': { 'actes:Email': e.referentEmail } }),
      'actes:FormulairesEnvoyes': { 'actes:Formulaire': formulaires.map((f) => ({ 'actes:NomFichier': f })) },
    },
  }) as string;
}

export type PrefectureReturn =
  | { type: '1-2'; idActe: string; dateReception: string; classificationDate: string | null }
  | { type: '1-3'; idActe: string | null; date: string | null; nature: string | null; detail: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
});

const text = (v: unknown): string =>
  (typeof v === 'string'
    ? v
    : typeof v === 'object' && v && '#text' in v
      ? String((v as { '#text': unknown })['#text'])
      : ''
  ).trim();

/** Reads an AR (ARActe, 1-2) or an anomaly (AnomalieActe, 1-3); the French problem otherwise. */
export function parsePrefectureReturn(xml: string): PrefectureReturn | { problem: string } {
  let doc: Record<string, Record<string, unknown>>;
  try {
    doc = parser.parse(xml) as Record<string, Record<string, unknown>>;
  } catch {
    return { problem: 'Ce fichier n’est pas un fichier XML lisible.' };
  }
  const ar = doc.ARActe;
  if (ar && typeof ar === 'object') {
    const idActe = String(ar['@_IDActe'] ?? '').trim();
    const dateReception = String(ar['@_DateReception'] ?? '').trim();
    if (!parseIdActe(idActe)) return { problem: 'L’accusé de réception ne porte pas d’identifiant d’acte valide.' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dateReception))
      return { problem: 'L’accusé de réception ne porte pas de date valide.' };
    const cls = text(ar.ClassificationDateVersionEnCours);
    return { type: '1-2', idActe, dateReception, classificationDate: cls || null };
  }
  const ano = doc.AnomalieActe;
  if (ano && typeof ano === 'object') {
    const idActe = String(ano['@_IDActe'] ?? '').trim() || null;
    const detail = text(ano.Detail);
    const date = text(ano.Date) || null;
    return {
      type: '1-3',
      idActe,
      date: date && /^\d{4}-\d{2}-\d{2}$/.test(date.slice(0, 10)) ? date.slice(0, 10) : null,
      nature: text(ano.Nature) || null,
      detail: detail || 'Anomalie signalée par la préfecture, sans détail.',
    };
  }
  return { problem: 'Ce fichier n’est ni un accusé de réception (1-2) ni une anomalie (1-3) de la préfecture.' };
}

/** The acte's IDActe an anomaly file concerns, from its name (…-1-3_0.xml) when the XML lacks it. */
export function idActeFromFileName(name: string): string | null {
  const m = name.match(/(?:^|\/)([^/]+)-1-[23]_\d+\.xml$/);
  return m?.[1] && parseIdActe(m[1]) ? m[1] : null;
}

/** SERVICE of a préfecture envelope name EACT--PREF062-SIREN-DATE-N.xml (SCDL PREF_ID), or null. */
export function serviceFromEnvelope(name: string): string | null {
  const m = name.match(/EACT--((?:PREF|SPREF|SGAR)[0-9]{3}[0-9]?)-/);
  return m?.[1] ?? null;
}
