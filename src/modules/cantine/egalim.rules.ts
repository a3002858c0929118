/**
 * EGalim shares of a year (loi n° 2018-938, Code rural et de la pêche maritime L230-5-1; décret
 * n° 2019-351): since 1 January 2022, at least 50 % of purchases (value excluding VAT) must be
 * "durables et de qualité", and at least 20 % of all purchases organic. Organic products count in
 * the 50 %: the 20 % is a share of the total, not of the 50 %. Amounts are in cents. Pure.
 */

export const EGALIM_TARGETS = { durable: 50, bio: 20 } as const;

/** Largest yearly amount accepted (10 million euros): beyond it, a typing mistake is likelier. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

export interface EgalimAmounts {
  /** Food purchases of the year, excluding VAT. */
  totalCents: number;
  /** Of which "durables et de qualité" (organic included). */
  durableCents: number;
  /** Of which organic (or in conversion). */
  bioCents: number;
}

export interface EgalimShares {
  /** Percentages rounded to one decimal, for display. */
  durable: number;
  bio: number;
  /** Compared on the exact amounts, not on the rounded percentages. */
  durableMet: boolean;
  bioMet: boolean;
}

/** The shares of a year and whether each legal target is met. */
export function egalimShares(a: EgalimAmounts): EgalimShares {
  const pct = (part: number) => (a.totalCents > 0 ? Math.round((part * 1000) / a.totalCents) / 10 : 0);
  return {
    durable: pct(a.durableCents),
    bio: pct(a.bioCents),
    durableMet: a.totalCents > 0 && a.durableCents * 100 >= EGALIM_TARGETS.durable * a.totalCents,
    bioMet: a.totalCents > 0 && a.bioCents * 100 >= EGALIM_TARGETS.bio * a.totalCents,
  };
}

/** What is inconsistent in a year's amounts, by field, in French; empty when they hold together. */
export function egalimProblems(a: EgalimAmounts): Partial<Record<'total' | 'durable' | 'bio', string>> {
  const problems: Partial<Record<'total' | 'durable' | 'bio', string>> = {};
  if (a.totalCents <= 0) problems.total = 'Le montant total des achats doit être supérieur à zéro.';
  if (a.durableCents > a.totalCents) {
    problems.durable = 'Les achats durables et de qualité ne peuvent pas dépasser le total des achats.';
  }
  if (a.bioCents > a.durableCents) {
    problems.bio = 'Les achats bio font partie des achats durables et de qualité : ils ne peuvent pas les dépasser.';
  }
  return problems;
}

/**
 * An amount typed in euros, the French way ("12 345,67", "12345.5", "41 200 €") → cents, or null
 * when it is not an amount (negative, more than two decimals, letters).
 */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const m = /^(\d{1,10})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const PERCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** 4120000 → "41 200,00 €". */
export const formatEuros = (cents: number): string => EUROS.format(cents / 100);

/** Cents → the value shown in a form field: "41200,00". */
export const eurosInputValue = (cents: number): string =>
  `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** 52.5 → "52,5 %". */
export const formatPercent = (value: number): string => `${PERCENT.format(value)} %`;
