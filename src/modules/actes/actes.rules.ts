/**
 * Pure rules of the acts register: natures and their @CTES codes, numbering, states, the two tracks
 * (publicité, transmission) and the exécutoire character derived from them (CGCT L2131-1, L2131-2).
 * No clock, no I/O: dates come in as arguments.
 */

import { toParisLocal } from '../../core/paris-time.js';

export const NATURES = [
  'deliberation',
  'arrete_reglementaire',
  'arrete_individuel',
  'contrat',
  'budget',
  'autre',
] as const;
export type NatureActe = (typeof NATURES)[number];

/** @CTES CodeNatureActe (1–6) and TypeAbrege, from the préfecture's classification. */
export const NATURE_INFO: Record<NatureActe, { code: number; abrege: string; label: string; prefix: string }> = {
  deliberation: { code: 1, abrege: 'DE', label: 'Délibération', prefix: 'D' },
  arrete_reglementaire: { code: 2, abrege: 'AR', label: 'Arrêté réglementaire', prefix: 'A' },
  arrete_individuel: { code: 3, abrege: 'AI', label: 'Arrêté individuel', prefix: 'A' },
  contrat: { code: 4, abrege: 'CC', label: 'Contrat, convention ou avenant', prefix: 'C' },
  budget: { code: 5, abrege: 'BF', label: 'Document budgétaire ou financier', prefix: 'B' },
  autre: { code: 6, abrege: 'AU', label: 'Autre acte', prefix: 'X' },
};

export const isNature = (v: string): v is NatureActe => (NATURES as readonly string[]).includes(v);

export function natureFromCode(code: number): NatureActe | null {
  return NATURES.find((n) => NATURE_INFO[n].code === code) ?? null;
}

/** Individual decisions are notified to the persons concerned, never published (L2131-1 II). */
export const isIndividuelle = (nature: NatureActe): boolean => nature === 'arrete_individuel';

/**
 * Numéro interne: at most 15 characters, uppercase letters, digits and `_`, starting and ending with
 * a letter or digit (S²LOW's rule, stricter than the ACTES XSD: `-` separates the IDActe fields).
 */
export const NUMERO_PATTERN = /^([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]$/;

/** The French problem with a numéro, or null. */
export function numeroProblem(numero: string): string | null {
  if (numero === '') return 'Indiquez le numéro de l’acte.';
  if (numero.length > 15) return 'Le numéro ne peut pas dépasser 15 caractères.';
  if (!NUMERO_PATTERN.test(numero)) {
    return 'Le numéro ne peut contenir que des lettres majuscules sans accent, des chiffres et « _ », et doit commencer et finir par une lettre ou un chiffre.';
  }
  return null;
}

/** As Pastell does: upper case, `-` and spaces become `_`. */
export const normalizeNumero = (typed: string): string =>
  typed
    .trim()
    .toUpperCase()
    .replace(/[-\s]+/g, '_');

/**
 * The next free number of a nature in a year: prefix + year + `_` + 3-digit sequence (D2026_004).
 * `taken` holds the numbers already used that start with the same stem.
 */
export function nextNumero(nature: NatureActe, year: number, taken: Iterable<string>): string {
  const stem = `${NATURE_INFO[nature].prefix}${year}_`;
  let max = 0;
  for (const n of taken) {
    if (!n.startsWith(stem)) continue;
    const seq = Number(n.slice(stem.length));
    if (Number.isInteger(seq) && seq > max) max = seq;
  }
  return `${stem}${String(max + 1).padStart(3, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// States

export const STATUTS = ['projet', 'signe', 'publie', 'notifie', 'retire', 'annule'] as const;
export type ActeStatut = (typeof STATUTS)[number];

export const STATUT_LABELS: Record<ActeStatut, string> = {
  projet: 'Projet',
  signe: 'Signé',
  publie: 'Publié',
  notifie: 'Notifié',
  retire: 'Retiré',
  annule: 'Annulé',
};

export type ActeAction = 'modifier' | 'signer' | 'publier' | 'notifier' | 'retirer' | 'annuler' | 'transmettre';

interface Transition {
  from: readonly ActeStatut[];
  to: ActeStatut | null;
  guard?: (a: { nature: NatureActe }) => string | null;
}

const notIndividual = (a: { nature: NatureActe }) =>
  isIndividuelle(a.nature)
    ? 'Une décision individuelle n’est pas publiée : elle est notifiée aux personnes intéressées.'
    : null;
const individualOnly = (a: { nature: NatureActe }) =>
  isIndividuelle(a.nature) ? null : 'Seule une décision individuelle est notifiée ; cet acte doit être publié.';

/** The state machine: which action is possible from which state, and where it leads. */
export const TRANSITIONS: Record<ActeAction, Transition> = {
  modifier: { from: ['projet'], to: null },
  signer: { from: ['projet'], to: 'signe' },
  publier: { from: ['signe'], to: 'publie', guard: notIndividual },
  notifier: { from: ['signe'], to: 'notifie', guard: individualOnly },
  retirer: { from: ['signe', 'publie', 'notifie'], to: 'retire' },
  annuler: { from: ['signe', 'publie', 'notifie'], to: 'annule' },
  transmettre: { from: ['signe', 'publie', 'notifie'], to: null },
};

/** Refusal messages more precise than the generic one. */
const REFUSALS: Partial<Record<ActeAction, Partial<Record<ActeStatut, string>>>> = {
  publier: { projet: 'L’acte doit être signé avant d’être publié.' },
  notifier: { projet: 'L’acte doit être signé avant d’être notifié.' },
  retirer: { projet: 'Un projet d’acte n’a pas à être retiré : il n’a pas d’existence juridique.' },
  annuler: { projet: 'Un projet d’acte ne peut pas être annulé.' },
  transmettre: { projet: 'L’acte doit être signé avant d’être transmis à la préfecture.' },
};

/**
 * The French reason why `action` is impossible on an act in `statut`, or null when it is possible.
 */
export function transitionProblem(action: ActeAction, a: { statut: ActeStatut; nature: NatureActe }): string | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(a.statut)) {
    if (action === 'modifier') return 'Un acte signé ne peut plus être modifié : son document est définitif.';
    return (
      REFUSALS[action]?.[a.statut] ?? `Cette action n’est pas possible : l’acte est « ${STATUT_LABELS[a.statut]} ».`
    );
  }
  return t.guard?.(a) ?? null;
}

export function nextStatut(action: ActeAction, current: ActeStatut): ActeStatut {
  return TRANSITIONS[action].to ?? current;
}

// ---------------------------------------------------------------------------------------------
// Publicité

export const PUBLICITE_MODES = ['electronique', 'affichage', 'papier'] as const;
export type PubliciteMode = (typeof PUBLICITE_MODES)[number];

export const PUBLICITE_LABELS: Record<PubliciteMode | 'notification', string> = {
  electronique: 'Publication sous forme électronique',
  affichage: 'Affichage',
  papier: 'Publication sur papier',
  notification: 'Notification aux intéressés',
};

/** Below this population the council chooses the publicity mode (CGCT L2131-1 IV). */
export const SEUIL_CHOIX_PUBLICITE = 3500;

/**
 * The commune's publicity mode: electronic for communes of 3,500 inhabitants and more; below, the
 * council's choice, electronic when it has not chosen (L2131-1 IV).
 */
export function modePublicite(population: number, choisi: PubliciteMode | null): PubliciteMode {
  if (population >= SEUIL_CHOIX_PUBLICITE) return 'electronique';
  return choisi ?? 'electronique';
}

// ---------------------------------------------------------------------------------------------
// Transmission to the préfet (CGCT L2131-2 I)

/** The exclusions of L2131-2 I an agent can tick; each applies to some natures only. */
export const EXCEPTIONS_TRANSMISSION = {
  voirie: {
    label:
      'Délibération sur les droits de voirie et de stationnement, le classement, le déclassement, l’alignement ou les voies communales',
    natures: ['deliberation'],
  },
  fonction_publique: {
    label: 'Délibération sur les taux de promotion, l’affiliation au centre de gestion ou ses missions facultatives',
    natures: ['deliberation'],
  },
  circulation: {
    label: 'Arrêté de police relatif à la circulation et au stationnement (hors sanctions)',
    natures: ['arrete_reglementaire', 'arrete_individuel'],
  },
  debit_boissons: {
    label: 'Arrêté sur un débit de boissons temporaire tenu par une association',
    natures: ['arrete_reglementaire', 'arrete_individuel'],
  },
} as const satisfies Record<string, { label: string; natures: readonly NatureActe[] }>;
export type ExceptionTransmission = keyof typeof EXCEPTIONS_TRANSMISSION;
export const isExceptionTransmission = (v: string): v is ExceptionTransmission => v in EXCEPTIONS_TRANSMISSION;

/**
 * Level-2 matières whose individual decisions L2131-2 lists: police (2°), recruitment and dismissal
 * of contract agents (5°), land-use authorisations (6°); contracts: loans, délégations de service
 * public (4°). Public contracts above the decree's threshold are decided by the agent (the
 * threshold is not known here: UNCONFIRMED).
 */
const INDIVIDUELS_TRANSMIS = ['6.1', '4.2', '2.2'];
const CONTRATS_TRANSMIS = ['7.3', '1.2'];

const level2 = (code: string | null): string | null => {
  const m = code?.match(/^(\d+)\.(\d+)/);
  return m ? `${m[1]}.${m[2]}` : null;
};

/**
 * Whether an act must be sent to the préfet (CGCT L2131-2 I). `exception` is one of the listed
 * exclusions, ticked by the agent; it only counts for the natures it concerns.
 */
export function transmissionRequise(a: {
  nature: NatureActe;
  matiereCode: string | null;
  exception: ExceptionTransmission | null;
  contratAuDessusDuSeuil?: boolean;
}): boolean {
  const excluded =
    a.exception !== null && (EXCEPTIONS_TRANSMISSION[a.exception].natures as readonly string[]).includes(a.nature);
  if (excluded) return false;
  const m = level2(a.matiereCode);
  switch (a.nature) {
    case 'deliberation':
    case 'arrete_reglementaire':
    case 'budget':
      return true;
    case 'arrete_individuel':
      return m !== null && INDIVIDUELS_TRANSMIS.includes(m);
    case 'contrat':
      return (m !== null && CONTRATS_TRANSMIS.includes(m)) || (m === '1.1' && a.contratAuDessusDuSeuil === true);
    case 'autre':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Exécutoire (CGCT L2131-1 I)

export interface ActeTracks {
  nature: NatureActe;
  statut: ActeStatut;
  /** ISO instants / YYYY-MM-DD dates, or null. */
  publieLe: string | null;
  notifieLe: string | null;
  transmissionRequise: boolean;
  transmisLe: string | null;
}

export interface Executoire {
  executoire: boolean;
  /** YYYY-MM-DD from which it is exécutoire, when it is. */
  depuis: string | null;
  /** What is missing, in French, when it is not. */
  manque: string[];
}

/** The Paris calendar day of a date (YYYY-MM-DD) or of an instant (a publication at 00:30 in Paris is that day). */
const day = (v: string) => (v.length > 10 ? toParisLocal(new Date(v)).date : v);

/**
 * Exécutoire = brought to the knowledge of those concerned (publication, or notification for an
 * individual decision) AND, for acts L2131-2 lists, transmitted to the préfet. The préfecture's
 * acknowledgement is not a condition. A withdrawn or annulled act is no longer exécutoire.
 */
export function executoire(a: ActeTracks): Executoire {
  if (a.statut === 'retire' || a.statut === 'annule') {
    return {
      executoire: false,
      depuis: null,
      manque: [a.statut === 'retire' ? 'L’acte a été retiré.' : 'L’acte a été annulé.'],
    };
  }
  const manque: string[] = [];
  const connu = isIndividuelle(a.nature) ? a.notifieLe : a.publieLe;
  if (!connu) manque.push(isIndividuelle(a.nature) ? 'notification aux intéressés' : 'publication');
  if (a.transmissionRequise && !a.transmisLe) manque.push('transmission à la préfecture');
  if (manque.length > 0 || !connu) return { executoire: false, depuis: null, manque };
  const dates = [day(connu), ...(a.transmissionRequise && a.transmisLe ? [day(a.transmisLe)] : [])];
  return { executoire: true, depuis: dates.sort().at(-1) ?? null, manque: [] };
}

// ---------------------------------------------------------------------------------------------
// Votes

export interface DeliberationVote {
  effectif: number;
  presents: number;
  representes: number;
  pour: number;
  contre: number;
  abstention: number;
  nePrendPasPart: number;
}

/** The French problem with vote figures, or null. */
export function voteProblem(v: DeliberationVote): string | null {
  const all = Object.values(v);
  if (all.some((n) => !Number.isInteger(n) || n < 0)) return 'Les chiffres du vote doivent être des entiers positifs.';
  if (v.presents > v.effectif) return 'Le nombre de présents dépasse le nombre de membres en exercice.';
  if (v.presents + v.representes > v.effectif) {
    return 'Présents et représentés dépassent le nombre de membres en exercice.';
  }
  if (v.pour + v.contre + v.abstention + v.nePrendPasPart > v.presents + v.representes) {
    return 'Le nombre de voix dépasse celui des présents et représentés.';
  }
  return null;
}

/** SCDL VOTE_REEL: the members who took part in the vote (pour + contre + abstention). */
export const voteReel = (v: Pick<DeliberationVote, 'pour' | 'contre' | 'abstention'>): number =>
  v.pour + v.contre + v.abstention;

// ---------------------------------------------------------------------------------------------
// Dates

export const isIsoDate = (v: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
