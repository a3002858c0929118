import type { RegisterQuery } from '../actes.schemas.js';

const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const INSTANT = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const SIZE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "20 novembre 2026" from a YYYY-MM-DD date (read as a calendar day) or an ISO instant. */
export const formatDay = (v: string): string =>
  v.length === 10 ? DAY.format(new Date(`${v}T12:00:00Z`)) : DAY.format(new Date(v));

/** "21 novembre 2026 à 10:00", Paris time. */
export const formatInstant = (iso: string): string => INSTANT.format(new Date(iso));

export const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${SIZE.format(bytes / (1024 * 1024))} Mo`
    : bytes >= 1024
      ? `${SIZE.format(bytes / 1024)} ko`
      : `${bytes} octets`;

/** The register's query string, parameters in a fixed order (one cached page per search). */
export function canonicalRegisterQuery(q: RegisterQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.nature) p.set('nature', q.nature);
  if (q.matiere) p.set('matiere', q.matiere);
  if (q.annee !== null) p.set('annee', String(q.annee));
  if (q.seance !== null) p.set('seance', String(q.seance));
  if (q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}
