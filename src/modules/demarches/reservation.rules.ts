/** Pure rules of room bookings: slots, how long a pending request holds its slot. */

export const CRENEAUX = [
  { value: 'matin', label: 'Matin (8 h – 12 h)' },
  { value: 'apres_midi', label: 'Après-midi (13 h – 18 h)' },
  { value: 'soiree', label: 'Soirée (18 h – 1 h)' },
] as const;

/** Days a pending request holds its slot before it lapses (the type's default setting). */
export const DEFAULT_RETENUE_JOURS = 7;

/** Until when a request made at `now` holds its slot. */
export const holdUntil = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();

/** A hold still counts while it is confirmed (no end) or its end is in the future. */
export const isHoldActive = (expiresAt: string | null, now: Date): boolean =>
  expiresAt === null || Date.parse(expiresAt) > now.getTime();

/** The problem with a booking date (today or before, or more than 18 months ahead), or null. */
export function bookingDateProblem(date: string, today: string): string | null {
  if (date <= today) return 'Choisissez une date à partir de demain.';
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const max = new Date(Date.UTC(y, m - 1 + 18, d)).toISOString().slice(0, 10);
  return date > max ? 'Les réservations sont ouvertes 18 mois à l’avance au plus.' : null;
}

/** What the agent's decision does to the slot: confirm it, free it, or leave it held. */
export function holdAfterStatus(to: string): 'confirmer' | 'liberer' | null {
  if (to === 'acceptee') return 'confirmer';
  if (to === 'refusee' || to === 'close') return 'liberer';
  return null;
}
