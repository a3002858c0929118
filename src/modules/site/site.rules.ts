import type { MairieInfo, OpeningSlot } from '../../core/tenancy/index.js';

/** Pure rules of the public site. */

/** Slugs the platform's own routes use: a page may not take them. */
export const RESERVED_SLUGS = new Set([
  'actualites',
  'agenda',
  'alertes',
  'cantine',
  'demarches',
  'suivi',
  'actes',
  'conseil-municipal',
  'donnees',
  'admin',
  'plateforme',
  'observatoire',
  'recherche',
  'static',
  'theme.css',
  'mentions-legales',
  'accessibilite',
  'donnees-personnelles',
  'plan-du-site',
  'sitemap.xml',
  'robots.txt',
  'healthz',
  'readyz',
]);

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant, in France's time zone. */
const PARIS_WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'Europe/Paris' });

export function parisWeekday(at: Date): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const name = PARIS_WEEKDAY.format(at);
  return (['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export const weekdayLabel = (day: number): string => WEEKDAYS[day - 1] ?? '';

/** "08:30" → "8 h 30", "14:00" → "14 h" (the French way). */
export function formatHour(hhmm: string): string {
  const [h = '0', m = '00'] = hhmm.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

export function formatSlots(slots: OpeningSlot[] | undefined): string {
  if (!slots || slots.length === 0) return 'fermé';
  return slots.map((s) => `de ${formatHour(s.opens)} à ${formatHour(s.closes)}`).join(' et ');
}

/** The mairie's opening hours on the day of `at`, in words: "ouverte aujourd’hui de 8 h 30 à 12 h". */
export function openingToday(info: MairieInfo, at: Date): { open: boolean; text: string } {
  const slots = info.horaires?.[String(parisWeekday(at)) as '1'] ?? [];
  if (slots.length === 0) return { open: false, text: 'La mairie est fermée aujourd’hui.' };
  return { open: true, text: `La mairie est ouverte aujourd’hui ${formatSlots(slots)}.` };
}

/** The whole week, Monday first. */
export function weekHours(info: MairieInfo): { day: string; text: string }[] {
  return [1, 2, 3, 4, 5, 6, 7].map((d) => ({
    day: weekdayLabel(d),
    text: formatSlots(info.horaires?.[String(d) as '1']),
  }));
}

export type TextBlock = { kind: 'p'; text: string } | { kind: 'h2'; text: string } | { kind: 'ul'; items: string[] };

/** Splits a page body into blocks: paragraphs, "## " headings, "- " lists. Never HTML. */
export function parseBody(body: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'p', text: paragraph.join(' ') });
    if (list.length > 0) blocks.push({ kind: 'ul', items: list });
    paragraph = [];
    list = [];
  };
  for (const raw of body.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') flush();
    else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'h2', text: line.slice(3).trim() });
    } else if (line.startsWith('- ')) {
      if (paragraph.length > 0) flush();
      list.push(line.slice(2).trim());
    } else {
      if (list.length > 0) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
