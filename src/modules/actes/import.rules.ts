import { parse } from 'csv-parse/sync';
import {
  isIndividuelle,
  isIsoDate,
  isNature,
  NATURE_INFO,
  NATURES,
  type NatureActe,
  normalizeNumero,
  numeroProblem,
} from './actes.rules.js';

/**
 * Bulk import of past acts: a CSV of metadata (one act a line) beside their PDFs. Pure: checks every
 * line and says, in French, what is wrong with each, so that nothing is imported until all is right.
 */

export const IMPORT_COLUMNS = [
  'numero',
  'nature',
  'objet',
  'date_decision',
  'matiere',
  'auteur_nom',
  'auteur_qualite',
  'date_publication',
  'fichier',
] as const;
export const IMPORT_OPTIONAL_COLUMNS = ['transmis_le', 'identifiant_actes', 'ar_recu_le', 'texte'] as const;

export interface ImportLine {
  line: number;
  numero: string;
  nature: NatureActe;
  objet: string;
  dateDecision: string;
  matiereCode: string | null;
  auteurNom: string;
  auteurQualite: string;
  /** Publication date, or notification date for an individual decision. */
  datePublication: string;
  fichier: string;
  transmisLe: string | null;
  identifiant: string | null;
  arRecuLe: string | null;
  texte: string;
}

export interface ImportProblem {
  line: number;
  message: string;
}

/** A nature as a key (arrete_individuel), an @CTES code (3) or abbreviation (AI). */
export function natureOf(v: string): NatureActe | null {
  const t = v.trim();
  if (isNature(t)) return t;
  const upper = t.toUpperCase();
  return NATURES.find((n) => NATURE_INFO[n].abrege === upper || String(NATURE_INFO[n].code) === t) ?? null;
}

/** Dates typed as JJ/MM/AAAA are accepted as well as AAAA-MM-JJ. */
export function dateOf(v: string): string | null {
  const t = v.trim();
  const fr = t.match(/^(\d{2})\/(\d{2})\/(\d{4})$/);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : t;
  return isIsoDate(iso) ? iso : null;
}

export interface ImportContext {
  /** Numbers already used in the commune. */
  taken: ReadonlySet<string>;
  /** Matière codes of the classification in force. */
  matieres: ReadonlySet<string>;
  /** Names of the files given beside the CSV (base names). */
  files: ReadonlySet<string>;
}

/** Reads and checks the CSV; either every line is right, or the problems of every wrong line. */
export function checkImport(
  csv: string,
  c: ImportContext,
): { ok: true; lines: ImportLine[] } | { ok: false; problems: ImportProblem[] } {
  let records: Record<string, string>[];
  try {
    const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    records = parse(csv, {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      bom: true,
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as Record<string, string>[];
  } catch (e) {
    return { ok: false, problems: [{ line: 0, message: `Le fichier CSV est illisible : ${(e as Error).message}` }] };
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = IMPORT_COLUMNS.filter((k) => !header.includes(k));
  if (records.length === 0)
    return { ok: false, problems: [{ line: 0, message: 'Le fichier ne contient aucun acte.' }] };
  if (missing.length > 0) {
    return { ok: false, problems: [{ line: 1, message: `Colonnes manquantes : ${missing.join(', ')}.` }] };
  }
  const problems: ImportProblem[] = [];
  const lines: ImportLine[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const line = i + 2;
    const say = (message: string) => problems.push({ line, message });
    const get = (k: string) => (r[k] ?? '').trim();
    const numero = normalizeNumero(get('numero'));
    const np = numeroProblem(numero);
    if (np) say(np);
    else if (c.taken.has(numero)) say(`Le numéro ${numero} est déjà attribué à un acte de la commune.`);
    else if (seen.has(numero)) say(`Le numéro ${numero} figure déjà à la ligne ${seen.get(numero)}.`);
    seen.set(numero, seen.get(numero) ?? line);
    const nature = natureOf(get('nature'));
    if (!nature) say(`La nature « ${get('nature')} » n’est pas reconnue (DE, AR, AI, CC, BF ou AU).`);
    const objet = get('objet');
    if (objet === '') say('L’objet est obligatoire.');
    else if (objet.length > 499) say('L’objet dépasse 499 caractères.');
    const dateDecision = dateOf(get('date_decision'));
    if (!dateDecision) say(`La date de décision « ${get('date_decision')} » n’est pas une date valide.`);
    const matiere = get('matiere');
    if (matiere !== '' && !c.matieres.has(matiere)) say(`La matière ${matiere} n’existe pas dans la classification.`);
    const auteurNom = get('auteur_nom');
    const auteurQualite = get('auteur_qualite');
    if (auteurNom === '' || auteurQualite === '') say('Le nom et la qualité du signataire sont obligatoires.');
    const datePublication = dateOf(get('date_publication'));
    if (!datePublication) {
      say(
        nature && isIndividuelle(nature)
          ? 'La date de notification (colonne date_publication) est obligatoire et doit être valide.'
          : 'La date de publication est obligatoire et doit être valide.',
      );
    } else if (dateDecision && datePublication < dateDecision) say('La publication ne peut pas précéder la décision.');
    const fichier = get('fichier').split(/[\\/]/).at(-1) ?? '';
    if (fichier === '') say('Le nom du fichier PDF est obligatoire.');
    else if (!c.files.has(fichier)) say(`Le fichier ${fichier} est absent du dossier ou de l’archive.`);
    const transmisLe = get('transmis_le') ? dateOf(get('transmis_le')) : null;
    if (get('transmis_le') && !transmisLe) say(`La date de transmission « ${get('transmis_le')} » n’est pas valide.`);
    const arRecuLe = get('ar_recu_le') ? dateOf(get('ar_recu_le')) : null;
    if (get('ar_recu_le') && !arRecuLe) say(`La date d’accusé de réception « ${get('ar_recu_le')} » n’est pas valide.`);
    if (nature && dateDecision && datePublication && !np && objet && fichier) {
      lines.push({
        line,
        numero,
        nature,
        objet,
        dateDecision,
        matiereCode: matiere || null,
        auteurNom,
        auteurQualite,
        datePublication,
        fichier,
        transmisLe,
        identifiant: get('identifiant_actes') || null,
        arRecuLe,
        texte: get('texte'),
      });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
