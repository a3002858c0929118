/**
 * Pure rules of the conseil municipal (CGCT L2121-10 to L2121-21, L2121-15, R2121-9). No clock, no
 * I/O: dates come in as YYYY-MM-DD strings. Rules the reference marks as unconfirmed take their
 * value from the commune's settings (`ConseilReglages`), with the documented default.
 */

export type Mandat = 'maire' | 'adjoint' | 'conseiller';
export type ModeScrutin = 'ordinaire' | 'public' | 'secret';
export type SensVote = 'pour' | 'contre' | 'abstention' | 'npp';

export const MANDAT_LABELS: Record<Mandat, string> = {
  maire: 'Maire',
  adjoint: 'Adjoint au maire',
  conseiller: 'Conseiller municipal',
};

export const MODE_LABELS: Record<ModeScrutin, string> = {
  ordinaire: 'vote à main levée',
  public: 'scrutin public',
  secret: 'scrutin secret',
};

export const SENS_LABELS: Record<SensVote, string> = {
  pour: 'Pour',
  contre: 'Contre',
  abstention: 'Abstention',
  npp: 'Ne prend pas part au vote',
};

export interface ConseilReglages {
  /** Null: by population (3 jours francs below 3,500 inhabitants, 5 from 3,500). */
  delaiJoursFrancs: number | null;
  /** Sundays and public holidays left out of the jours francs (default: counted). */
  exclureFeries: boolean;
  /** Minimum days between a séance without quorum and the reconvened one (L2121-17: 3). */
  delaiReconvocation: number;
}

export const DEFAULT_REGLAGES: ConseilReglages = {
  delaiJoursFrancs: null,
  exclureFeries: false,
  delaiReconvocation: 3,
};

/** Population from which L2121-12 (5 jours francs, note explicative de synthèse) applies. */
export const SEUIL_POPULATION = 3500;
/** L2121-20: a proxy is valid for at most three consecutive séances, except illness. */
export const MAX_SEANCES_CONSECUTIVES = 3;

// ---------------------------------------------------------------- members in office

export interface MandatPeriode {
  debut: string;
  fin: string | null;
}

/** In office on `date`: the mandate began on or before it and has not ended before it. */
export const enExercice = (m: MandatPeriode, date: string): boolean =>
  m.debut <= date && (m.fin === null || m.fin >= date);

/** The members in office on `date` (the "effectif" of the VOTE figures and of the quorum). */
export const membresEnExercice = <M extends MandatPeriode>(membres: readonly M[], date: string): M[] =>
  membres.filter((m) => enExercice(m, date));

/** A mandate's end, if any, cannot precede its start. */
export function mandatProblem(m: MandatPeriode): string | null {
  if (m.fin !== null && m.fin < m.debut) return 'La fin du mandat ne peut pas précéder son début.';
  return null;
}

// ---------------------------------------------------------------- convocation délai

const DAY_MS = 86_400_000;
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The délai in jours francs required for a séance (L2121-11, L2121-12; urgency: 1). */
export function delaiRequis(population: number, urgence: boolean, reglages: ConseilReglages): number {
  if (urgence) return 1;
  return reglages.delaiJoursFrancs ?? (population < SEUIL_POPULATION ? 3 : 5);
}

export type HolidaysOf = (year: number) => ReadonlySet<string>;

function counted(date: string, exclureFeries: boolean, holidays: HolidaysOf): boolean {
  if (!exclureFeries) return true;
  const d = new Date(utc(date));
  return d.getUTCDay() !== 0 && !holidays(d.getUTCFullYear()).has(date);
}

/**
 * Jours francs between sending and the séance: neither the day of sending nor the day of the
 * séance counts. With `exclureFeries`, Sundays and public holidays do not count either.
 */
export function joursFrancs(envoi: string, seance: string, exclureFeries: boolean, holidays: HolidaysOf): number {
  let n = 0;
  for (let t = utc(envoi) + DAY_MS; t < utc(seance); t += DAY_MS) {
    if (counted(isoOf(t), exclureFeries, holidays)) n++;
  }
  return n;
}

/** The last day on which the convocation can be sent to respect `delai` jours francs. */
export function dateLimiteEnvoi(seance: string, delai: number, exclureFeries: boolean, holidays: HolidaysOf): string {
  let t = utc(seance) - DAY_MS;
  let n = 0;
  while (n < delai) {
    if (counted(isoOf(t), exclureFeries, holidays)) n++;
    t -= DAY_MS;
  }
  return isoOf(t);
}

export interface DelaiConvocation {
  requis: number;
  francs: number;
  enRetard: boolean;
  dateLimite: string;
}

/** The délai check shown before sending and kept with the séance: a late convocation is flagged. */
export function verifierDelai(
  a: { envoi: string; seance: string; population: number; urgence: boolean },
  reglages: ConseilReglages,
  holidays: HolidaysOf,
): DelaiConvocation {
  const requis = delaiRequis(a.population, a.urgence, reglages);
  const francs = joursFrancs(a.envoi, a.seance, reglages.exclureFeries, holidays);
  const dateLimite = dateLimiteEnvoi(a.seance, requis, reglages.exclureFeries, holidays);
  return { requis, francs, enRetard: francs < requis, dateLimite };
}

/** A reconvened séance (after a failed quorum) must be at least `min` days after the first one. */
export function reconvocationProblem(premiere: string, nouvelle: string, min: number): string | null {
  const days = Math.round((utc(nouvelle) - utc(premiere)) / DAY_MS);
  if (days < min) {
    return `La séance de reconvocation doit avoir lieu au moins ${min} jours après la séance sans quorum.`;
  }
  return null;
}

// ---------------------------------------------------------------- attendance, proxies, quorum

export type StatutPresence = 'present' | 'absent' | 'excuse';

export interface Presence {
  membreId: number;
  statut: StatutPresence;
  /** First point attended (late arrival); null: from the opening. */
  arriveePoint: number | null;
  /** First point no longer attended (departure); null: until the end. */
  departPoint: number | null;
}

/** Present when point `numero` is discussed. */
export function presentAuPoint(p: Presence | undefined, numero: number): boolean {
  if (p?.statut !== 'present') return false;
  if (p.arriveePoint !== null && numero < p.arriveePoint) return false;
  if (p.departPoint !== null && numero >= p.departPoint) return false;
  return true;
}

/** An arrival after a departure makes no sense. */
export function presenceProblem(p: Presence): string | null {
  if (p.statut !== 'present' && (p.arriveePoint !== null || p.departPoint !== null)) {
    return 'Une arrivée ou un départ ne se note que pour un membre présent.';
  }
  if (p.arriveePoint !== null && p.departPoint !== null && p.departPoint <= p.arriveePoint) {
    return 'Le départ doit suivre l’arrivée : indiquez un point plus loin dans l’ordre du jour.';
  }
  return null;
}

export interface Procuration {
  mandantId: number;
  mandataireId: number;
  maladie: boolean;
}

export interface Composition {
  /** Members in office on the séance's date. */
  effectif: number;
  presents: number[];
  /** Absent members whose mandataire is present: they vote through the proxy. */
  representes: number[];
}

/** Who is present and who is represented when point `numero` is discussed. */
export function compositionAuPoint(
  membresEnExerciceIds: readonly number[],
  presences: readonly Presence[],
  procurations: readonly Procuration[],
  numero: number,
): Composition {
  const byId = new Map(presences.map((p) => [p.membreId, p]));
  const presents = membresEnExerciceIds.filter((id) => presentAuPoint(byId.get(id), numero));
  const here = new Set(presents);
  const representes = procurations
    .filter((p) => !here.has(p.mandantId) && here.has(p.mandataireId) && membresEnExerciceIds.includes(p.mandantId))
    .map((p) => p.mandantId);
  return { effectif: membresEnExerciceIds.length, presents, representes };
}

/** Majority of the members in office (L2121-17): more than half of them present. */
export const quorumRequis = (effectif: number): number => Math.floor(effectif / 2) + 1;

export interface Quorum {
  requis: number;
  presents: number;
  atteint: boolean;
  /** The séance is a reconvocation after a failed quorum: it deliberates without quorum. */
  sansQuorum: boolean;
}

/** The quorum counts members present only, never proxies; a reconvened séance needs none. */
export function quorum(effectif: number, presents: number, reconvocation: boolean): Quorum {
  const requis = quorumRequis(effectif);
  return { requis, presents, atteint: reconvocation || presents >= requis, sansQuorum: reconvocation };
}

/**
 * Why a proxy cannot be recorded, in French, or null (L2121-20): written, to a colleague, one held
 * at most per member, one given per member, and for at most three consecutive séances unless
 * illness duly established.
 */
export function procurationProblem(a: {
  mandantId: number;
  mandataireId: number;
  maladie: boolean;
  existantes: readonly Procuration[];
  enExerciceIds: readonly number[];
  /** Consecutive séances just before this one for which the mandant already gave a proxy. */
  consecutivesAvant: number;
  noms: (id: number) => string;
}): string | null {
  if (a.mandantId === a.mandataireId) return 'Un membre ne peut pas se donner procuration à lui-même.';
  if (!a.enExerciceIds.includes(a.mandantId) || !a.enExerciceIds.includes(a.mandataireId)) {
    return 'Le mandant et le mandataire doivent être membres en exercice du conseil à la date de la séance.';
  }
  if (a.existantes.some((p) => p.mandantId === a.mandantId)) {
    return `${a.noms(a.mandantId)} a déjà donné une procuration pour cette séance.`;
  }
  const held = a.existantes.find((p) => p.mandataireId === a.mandataireId);
  if (held) {
    return `${a.noms(a.mandataireId)} détient déjà la procuration de ${a.noms(held.mandantId)} : un conseiller ne peut détenir qu’une seule procuration.`;
  }
  if (a.existantes.some((p) => p.mandantId === a.mandataireId)) {
    return `${a.noms(a.mandataireId)} a donné sa propre procuration pour cette séance : il ne peut pas en recevoir.`;
  }
  if (!a.maladie && a.consecutivesAvant + 1 > MAX_SEANCES_CONSECUTIVES) {
    return `${a.noms(a.mandantId)} a déjà donné procuration pour les ${a.consecutivesAvant} séances précédentes : une procuration ne vaut pas pour plus de trois séances consécutives, sauf maladie dûment constatée.`;
  }
  return null;
}

/**
 * How many séances just before `seanceId` (in date order) the member gave a proxy for, without
 * interruption.
 */
export function procurationsConsecutivesAvant(
  seancesOrdonnees: readonly number[],
  seanceId: number,
  seancesAvecProcuration: ReadonlySet<number>,
): number {
  const i = seancesOrdonnees.indexOf(seanceId);
  let n = 0;
  for (let j = (i === -1 ? seancesOrdonnees.length : i) - 1; j >= 0; j--) {
    if (!seancesAvecProcuration.has(seancesOrdonnees[j] as number)) break;
    n++;
  }
  return n;
}

// ---------------------------------------------------------------- huis clos

/**
 * Huis clos (L2121-18): asked by three members or the maire, decided without debate by the
 * absolute majority of members present or represented.
 */
export function huisClosProblem(a: {
  demandeurs: number;
  demandeMaire: boolean;
  pour: number;
  votants: number;
}): string | null {
  if (!a.demandeMaire && a.demandeurs < 3) {
    return 'Le huis clos se demande par au moins trois membres ou par le maire.';
  }
  if (a.pour < 0 || a.pour > a.votants)
    return 'Le nombre de voix pour doit être compris entre 0 et le nombre de votants.';
  if (a.pour * 2 <= a.votants) {
    return 'Le huis clos n’est pas adopté : il faut la majorité absolue des membres présents ou représentés.';
  }
  return null;
}

// ---------------------------------------------------------------- votes

/**
 * The vote mode of a point (L2121-21): secret when a third of the members present ask, or for an
 * appointment unless the council waived it unanimously; otherwise public when a quarter ask.
 * Secret prevails when both are asked.
 */
export function modeScrutin(a: {
  presents: number;
  demandesPublic: number;
  demandesSecret: number;
  nomination: boolean;
  secretRenonce: boolean;
}): ModeScrutin {
  if (a.demandesSecret > 0 && a.demandesSecret * 3 >= a.presents) return 'secret';
  if (a.nomination && !a.secretRenonce) return 'secret';
  if (a.demandesPublic > 0 && a.demandesPublic * 4 >= a.presents) return 'public';
  return 'ordinaire';
}

export interface VoteFigures {
  pour: number;
  contre: number;
  abstention: number;
  npp: number;
}

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

/** Figures that do not add up to the members present and represented are refused. */
export function voteProblem(v: VoteFigures, votants: number): string | null {
  if (![v.pour, v.contre, v.abstention, v.npp].every(isCount)) {
    return 'Chaque nombre de voix doit être un entier positif ou nul.';
  }
  const total = v.pour + v.contre + v.abstention + v.npp;
  if (total !== votants) {
    return `Les voix ne correspondent pas : ${total} voix saisies (pour, contre, abstentions et ne prend pas part) pour ${votants} membres présents ou représentés.`;
  }
  return null;
}

export type Resultat = 'adopte' | 'rejete';

/**
 * The outcome (L2121-20): absolute majority of the suffrages exprimés (pour + contre); on a tie the
 * président's vote prevails, except in a secret ballot, where a tie rejects.
 */
export function resultatVote(
  v: VoteFigures,
  mode: ModeScrutin,
  votePresident: SensVote | null,
): { resultat: Resultat; voixPreponderante: boolean } {
  if (v.pour > v.contre) return { resultat: 'adopte', voixPreponderante: false };
  if (v.pour < v.contre || v.pour === 0) return { resultat: 'rejete', voixPreponderante: false };
  if (mode === 'secret' || (votePresident !== 'pour' && votePresident !== 'contre')) {
    return { resultat: 'rejete', voixPreponderante: false };
  }
  return { resultat: votePresident === 'pour' ? 'adopte' : 'rejete', voixPreponderante: true };
}

/** The figures of a scrutin public, from each voter's recorded vote. */
export function figuresNominatives(votes: readonly { sens: SensVote }[]): VoteFigures {
  const f: VoteFigures = { pour: 0, contre: 0, abstention: 0, npp: 0 };
  for (const v of votes) f[v.sens]++;
  return f;
}

/** Absolute majority of `exprimes`: more than half. */
export const majoriteAbsolue = (exprimes: number): number => Math.floor(exprimes / 2) + 1;

export interface TourInput {
  tour: number;
  votants: number;
  blancsNuls: number;
  /** Votes per candidate (member id). */
  voix: ReadonlyMap<number, number>;
  /** Birth dates (YYYY-MM-DD) of the candidates, for the tie of the third round. */
  naissances: ReadonlyMap<number, string | null>;
}

export type TourResult = { ok: true; eluId: number | null; exprimes: number } | { ok: false; problem: string };

/**
 * One round of an appointment (L2121-21): elected at the absolute majority of the suffrages
 * exprimés in the first two rounds; at the third, the relative majority, and on a tie the oldest.
 */
export function resultatTour(t: TourInput): TourResult {
  if (![1, 2, 3].includes(t.tour)) return { ok: false, problem: 'Une nomination se fait en trois tours au plus.' };
  const counts = [...t.voix.values()];
  if (![t.votants, t.blancsNuls, ...counts].every(isCount)) {
    return { ok: false, problem: 'Chaque nombre doit être un entier positif ou nul.' };
  }
  const exprimes = t.votants - t.blancsNuls;
  const sum = counts.reduce((a, b) => a + b, 0);
  if (exprimes < 0 || sum !== exprimes) {
    return {
      ok: false,
      problem: `Les voix ne correspondent pas : ${sum} voix pour les candidats, ${exprimes} suffrages exprimés (votants moins blancs et nuls).`,
    };
  }
  const best = Math.max(0, ...counts);
  const leaders = [...t.voix].filter(([, n]) => n === best && n > 0).map(([id]) => id);
  if (t.tour < 3) {
    const elu = best >= majoriteAbsolue(exprimes) && leaders.length === 1 ? (leaders[0] as number) : null;
    return { ok: true, eluId: elu, exprimes };
  }
  if (leaders.length === 0) return { ok: false, problem: 'Aucun candidat n’a obtenu de voix.' };
  if (leaders.length === 1) return { ok: true, eluId: leaders[0] as number, exprimes };
  const dated = leaders.map((id) => ({ id, naissance: t.naissances.get(id) ?? null }));
  if (dated.some((d) => d.naissance === null)) {
    return {
      ok: false,
      problem:
        'Égalité de voix : la date de naissance de chaque candidat à égalité est nécessaire (le plus âgé est élu).',
    };
  }
  dated.sort((a, b) => (a.naissance as string).localeCompare(b.naissance as string));
  if (dated[0]?.naissance === dated[1]?.naissance) {
    return { ok: false, problem: 'Égalité de voix entre candidats nés le même jour : départagez-les selon la loi.' };
  }
  return { ok: true, eluId: (dated[0] as { id: number }).id, exprimes };
}

// ---------------------------------------------------------------- procès-verbal

export type PvStatut = 'aucun' | 'brouillon' | 'approuve' | 'signe' | 'publie';
export type PvAction = 'rediger' | 'approuver' | 'signer' | 'publier';

/** The PV's life (L2121-15): drafted, approved at the next séance, signed, then published. */
export const PV_TRANSITIONS: readonly { from: PvStatut; action: PvAction; to: PvStatut }[] = [
  { from: 'aucun', action: 'rediger', to: 'brouillon' },
  { from: 'brouillon', action: 'rediger', to: 'brouillon' },
  { from: 'brouillon', action: 'approuver', to: 'approuve' },
  { from: 'approuve', action: 'signer', to: 'signe' },
  { from: 'signe', action: 'publier', to: 'publie' },
];

export const pvTransition = (from: PvStatut, action: PvAction): PvStatut | null =>
  PV_TRANSITIONS.find((t) => t.from === from && t.action === action)?.to ?? null;

export const PV_LABELS: Record<PvStatut, string> = {
  aucun: 'Pas encore rédigé',
  brouillon: 'Brouillon',
  approuve: 'Approuvé',
  signe: 'Signé',
  publie: 'Publié',
};

/** The PV is approved at the opening of a later séance, never the same one. */
export function approbationProblem(seanceDate: string, approbationDate: string): string | null {
  return approbationDate > seanceDate
    ? null
    : 'Le procès-verbal est arrêté au commencement d’une séance suivante : choisissez une séance postérieure.';
}
