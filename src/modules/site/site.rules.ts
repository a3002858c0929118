import { frenchHour } from '../../core/french-dates.js';
import { toParisLocal } from '../../core/paris-time.js';
import { closureOn, type MairieInfo, type OpeningSlot } from '../../core/tenancy/index.js';

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
export function parisWeekday(at: Date): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const sundayFirst = new Date(`${toParisLocal(at).date}T00:00:00Z`).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export const weekdayLabel = (day: number): string => WEEKDAYS[day - 1] ?? '';

export function formatSlots(slots: OpeningSlot[] | undefined): string {
  if (!slots || slots.length === 0) return 'fermé';
  return slots.map((s) => `de ${frenchHour(s.opens)} à ${frenchHour(s.closes)}`).join(' et ');
}

/** The mairie's opening hours on the day of `at`, in words: "ouverte aujourd’hui de 8 h 30 à 12 h". */
export function openingToday(info: MairieInfo, at: Date): { open: boolean; text: string } {
  const closure = closureOn(info.fermetures, toParisLocal(at).date);
  if (closure) return { open: false, text: `La mairie est fermée aujourd’hui (${closure.motif}).` };
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

export const MAX_PAGE_DEPTH = 3;

/** The French problem with a page slug at this level, or null. */
export function slugProblem(slug: string, isTopLevel: boolean): string | null {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    return 'L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets.';
  }
  if (slug.length > 80) return 'L’adresse ne doit pas dépasser 80 caractères.';
  if (isTopLevel && RESERVED_SLUGS.has(slug)) {
    return `L’adresse « ${slug} » est réservée par le site (rubrique de la plateforme) : choisissez-en une autre.`;
  }
  return null;
}

export interface TreeItem {
  id: number;
  parentId: number | null;
}

/** Depth of a page placed under `parentId` (1 at the top). */
export function depthUnder(parentId: number | null, items: TreeItem[]): number {
  let depth = 1;
  let current = parentId;
  const byId = new Map(items.map((i) => [i.id, i]));
  while (current !== null && depth <= items.length + 1) {
    depth++;
    current = byId.get(current)?.parentId ?? null;
  }
  return depth;
}

/** Ids of every page below `id`. */
export function descendantIds(id: number, items: TreeItem[]): number[] {
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const i of items) {
      if (i.parentId === parent && !out.includes(i.id)) {
        out.push(i.id);
        walk(i.id);
      }
    }
  };
  walk(id);
  return out;
}

/** Height of the subtree rooted at `id` (1 for a leaf). */
export function subtreeHeight(id: number, items: TreeItem[]): number {
  const children = items.filter((i) => i.parentId === id);
  return 1 + Math.max(0, ...children.map((c) => subtreeHeight(c.id, items)));
}

const escapeHtml = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text with "## " headings and "- " lists → simple HTML (escaped), for imported or seeded text. */
export function plainTextToHtml(text: string): string {
  return parseBody(text)
    .map((b) =>
      b.kind === 'h2'
        ? `<h2>${escapeHtml(b.text)}</h2>`
        : b.kind === 'ul'
          ? `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
          : `<p>${escapeHtml(b.text)}</p>`,
    )
    .join('\n');
}
