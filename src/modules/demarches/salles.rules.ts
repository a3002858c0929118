/** Pure rules of the rooms' back-office: what a room's form accepts, the month calendar. */
import { CRENEAUX } from './reservation.rules.js';

export interface SalleInput {
  nom: string;
  capacite: string;
  tarifs: string;
  description: string;
  equipements: string;
  photos: string[];
}

export interface SalleValues {
  nom: string;
  capacite: number;
  tarifs: string;
  description: string;
  equipements: string;
  photos: number[];
}

/** Checks a room's form (photo ids are checked against the media library by the service). */
export function parseSalle(input: SalleInput): { salle: SalleValues | null; errors: Record<string, string> } {
  const e: Record<string, string> = {};
  const nom = input.nom.trim();
  if (nom === '') e.nom = 'Saisissez le nom de la salle.';
  else if (nom.length > 120) e.nom = 'Saisissez au plus 120 caractères.';
  const capacite = Number(input.capacite.trim());
  if (!/^\d{1,5}$/.test(input.capacite.trim()) || capacite < 1 || capacite > 10_000)
    e.capacite = 'Saisissez un nombre de personnes entre 1 et 10 000.';
  const tarifs = input.tarifs.trim();
  if (tarifs === '') e.tarifs = 'Indiquez les tarifs (ou « gratuit »).';
  else if (tarifs.length > 2000) e.tarifs = 'Saisissez au plus 2 000 caractères.';
  const description = input.description.trim();
  if (description.length > 5000) e.description = 'Saisissez au plus 5 000 caractères.';
  const equipements = input.equipements
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
  if (equipements.length > 2000) e.equipements = 'Saisissez au plus 2 000 caractères.';
  if (input.photos.some((p) => !/^\d{1,12}$/.test(p))) e.photos = 'Une des photos choisies est mal formée.';
  if (input.photos.length > 12) e.photos = 'Choisissez au plus 12 photos.';
  if (Object.keys(e).length > 0) return { salle: null, errors: e };
  return {
    salle: { nom, capacite, tarifs, description, equipements, photos: [...new Set(input.photos.map(Number))] },
    errors: {},
  };
}

export const isMonthShape = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** "2027-06" → the previous and next months. */
export function adjacentMonths(month: string): { prev: string; next: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const fmt = (d: Date) => d.toISOString().slice(0, 7);
  return { prev: fmt(new Date(Date.UTC(y, m - 2, 1))), next: fmt(new Date(Date.UTC(y, m, 1))) };
}

/** The days (YYYY-MM-DD) of a month. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export type SlotState = 'libre' | 'demande' | 'reserve' | 'passe';

/**
 * The state of every slot of a room for a month: taken slots (confirmed or held) from the list,
 * today and earlier « passe » (bookings start tomorrow).
 */
export function monthGrid(
  month: string,
  today: string,
  taken: readonly { date: string; creneau: string; confirme: boolean }[],
): { date: string; slots: { creneau: string; state: SlotState }[] }[] {
  const byKey = new Map(taken.map((t) => [`${t.date}/${t.creneau}`, t.confirme ? 'reserve' : 'demande'] as const));
  return daysOfMonth(month).map((date) => ({
    date,
    slots: CRENEAUX.map((c) => ({
      creneau: c.value,
      state: date <= today ? 'passe' : (byKey.get(`${date}/${c.value}`) ?? 'libre'),
    })),
  }));
}
