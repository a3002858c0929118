/** The shape of a questionnaire edition. Question codes are stable across editions (year-over-year change). */

export type QuestionType = 'choix' | 'choix_multiples' | 'nombre' | 'pourcentage' | 'echelle' | 'texte';

export interface Option {
  code: string;
  label: string;
}

/** Show (and count) a follow-up only when another question's answer is one of `valeurs`. */
export interface Condition {
  question: string;
  valeurs: string[];
}

export interface Question {
  code: string;
  type: QuestionType;
  label: string;
  aide?: string;
  /** Choices of `choix` and `choix_multiples`. */
  options?: Option[];
  /** Bounds of `echelle` (and labels of its ends). */
  min?: number;
  max?: number;
  minLabel?: string;
  maxLabel?: string;
  /** An optional question may stay unanswered when the answer is submitted. */
  facultative?: boolean;
  condition?: Condition;
  /** The option shown by population band in the results and compared with the national figure. */
  principale?: string;
}

export interface Theme {
  code: string;
  titre: string;
  questions: Question[];
}

export interface Questionnaire {
  /** Edition identifier, e.g. "reference-2025". */
  edition: string;
  titre: string;
  themes: Theme[];
}

/** A national figure of the reference edition, for one option of one question. */
export interface ReferenceFigure {
  question: string;
  option: string;
  /** Share 0–1. */
  part: number;
  /** How the publication worded it (« 2 mairies sur 10 », « plus de la moitié »). */
  libelle: string;
}

/** Answers by question code: an option code, option codes, a number, or a text. */
export type Valeur = string | string[] | number;
export type Valeurs = Record<string, Valeur>;

export const allQuestions = (q: Questionnaire): Question[] => q.themes.flatMap((t) => t.questions);
