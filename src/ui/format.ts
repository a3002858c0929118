/** French date formatting, on France's time zone. Formatters are built once: they are costly. */
const FORMATS = {
  short: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }),
  medium: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }),
} as const;

/** "28/11/2026 19:28" (short) or "28 nov. 2026, 19:28" (medium). */
export function formatDateTime(iso: string, style: keyof typeof FORMATS = 'short'): string {
  return FORMATS[style].format(new Date(iso));
}
