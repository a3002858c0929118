/**
 * Pure rules of the état-civil requests (décret n° 2017-890 du 6 mai 2017, arts. 27–34; CIEC
 * convention n° 16; Code du patrimoine L213-2): which documents exist for which act, who may obtain
 * them, and the fields the law requires for each combination.
 */

export type Acte = 'naissance' | 'mariage' | 'deces' | 'reconnaissance';
export type Document = 'copie_integrale' | 'extrait_avec_filiation' | 'extrait_sans_filiation' | 'extrait_plurilingue';
export type Lien = 'interesse' | 'conjoint' | 'ascendant' | 'descendant' | 'representant_legal' | 'autre';

export const ACTE_LABELS: Record<Acte, string> = {
  naissance: 'Acte de naissance',
  mariage: 'Acte de mariage',
  deces: 'Acte de décès',
  reconnaissance: 'Acte de reconnaissance',
};

export const DOCUMENT_LABELS: Record<Document, string> = {
  copie_integrale: 'Copie intégrale',
  extrait_avec_filiation: 'Extrait avec filiation',
  extrait_sans_filiation: 'Extrait sans filiation',
  extrait_plurilingue: 'Extrait plurilingue',
};

export const LIEN_LABELS: Record<Lien, string> = {
  interesse: 'Je suis la personne concernée (majeure ou émancipée)',
  conjoint: 'Son époux ou son épouse',
  ascendant: 'Son père, sa mère, un grand-parent',
  descendant: 'Son enfant, un petit-enfant',
  representant_legal: 'Son représentant légal (tuteur…)',
  autre: 'Une autre personne',
};

/** The documents that exist for each act. Décès: copie intégrale (art. 33) and plurilingue (formule C). */
const DOCUMENTS_OF: Record<Acte, readonly Document[]> = {
  naissance: ['copie_integrale', 'extrait_avec_filiation', 'extrait_sans_filiation', 'extrait_plurilingue'],
  mariage: ['copie_integrale', 'extrait_avec_filiation', 'extrait_sans_filiation', 'extrait_plurilingue'],
  deces: ['copie_integrale', 'extrait_plurilingue'],
  reconnaissance: ['copie_integrale'],
};

/** Archives: anyone may obtain acts older than 75 years (Code du patrimoine L213-2). */
export const ARCHIVE_YEARS = 75;

const FAMILY: readonly Lien[] = ['interesse', 'conjoint', 'ascendant', 'descendant', 'representant_legal'];

export type Decision = { ok: true } | { ok: false; field: 'document' | 'lien'; raison: string };

const yearsBetween = (from: string, to: string): number => {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
};

/** Whether the requester may obtain this document, with the reason and what to do when not. */
export function mayObtain(r: {
  acte: Acte;
  document: Document;
  lien: Lien;
  dateActe: string;
  today: string;
}): Decision {
  if (!DOCUMENTS_OF[r.acte].includes(r.document)) {
    const exist = DOCUMENTS_OF[r.acte].map((d) => DOCUMENT_LABELS[d].toLowerCase()).join(', ');
    return {
      ok: false,
      field: 'document',
      raison: `Ce document n’existe pas pour un ${ACTE_LABELS[r.acte].toLowerCase()} : vous pouvez demander ${exist}.`,
    };
  }
  // Open to anyone: extrait sans filiation (art. 33), death acts, acts older than 75 years.
  if (r.document === 'extrait_sans_filiation' || r.acte === 'deces') return { ok: true };
  if (yearsBetween(r.dateActe, r.today) >= ARCHIVE_YEARS) return { ok: true };
  if (FAMILY.includes(r.lien)) return { ok: true };
  const alternative =
    r.acte === 'reconnaissance'
      ? ''
      : ' Vous pouvez demander un extrait sans filiation, que toute personne peut obtenir.';
  return {
    ok: false,
    field: 'lien',
    raison:
      `La loi réserve la ${DOCUMENT_LABELS[r.document].toLowerCase()} d’un acte de moins de ${ARCHIVE_YEARS} ans à la personne concernée, ` +
      `à son époux ou épouse, à ses ascendants, à ses descendants et à son représentant légal (décret n° 2017-890, art. 30).${alternative}` +
      ' Un professionnel habilité (notaire, avocat) fait sa demande pour son client ; dans les autres cas, adressez-vous au procureur de la République.',
  };
}

/** The fields the law requires for a combination (décret 2017-890, chapitre Ier), beyond the act's date and place. */
export function requiredFields(acte: Acte, document: Document): string[] {
  if (acte === 'reconnaissance') return ['nom_personne', 'prenoms_personne', 'date_evenement', 'lieu_evenement'];
  if (acte === 'deces') return ['nom_personne', 'prenoms_personne', 'date_evenement', 'lieu_evenement'];
  const base = ['nom_personne', 'prenoms_personne', 'date_evenement', 'lieu_evenement'];
  if (document === 'extrait_sans_filiation') return base;
  // Copie intégrale or extrait avec filiation (and plurilingue): the parents; for a marriage, the
  // spouse's birth date and place too.
  const parents = ['parent1'];
  return acte === 'mariage' ? [...base, 'date_naissance', 'lieu_naissance', ...parents] : [...base, ...parents];
}

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

/** The French problems of an état-civil request: missing required fields, documents refused. */
export function etatCivilProblems(answers: Record<string, string | string[]>, today: string): Record<string, string> {
  const acte = answers.acte as Acte | undefined;
  const document = answers.document as Document | undefined;
  const lien = answers.lien as Lien | undefined;
  if (!acte || !document || !lien) return {};
  const errors: Record<string, string> = {};
  for (const name of requiredFields(acte, document)) {
    if (answers[name] === undefined) errors[name] = 'La loi demande ce renseignement pour ce document.';
  }
  const dateActe = typeof answers.date_evenement === 'string' ? answers.date_evenement : today;
  const decision = mayObtain({ acte, document, lien, dateActe, today });
  if (!decision.ok) errors[decision.field] = decision.raison;
  return errors;
}

export const ETAT_CIVIL_OPTIONS = {
  acte: options(ACTE_LABELS),
  document: options(DOCUMENT_LABELS),
  lien: options(LIEN_LABELS),
};
