import { createHash } from 'node:crypto';
import { slugFromTitle } from '../../core/content/slug.rules.js';
import type { WxrItem } from './wxr.parser.js';

/** Pure rules of the WordPress import: slugs, page placement, old URLs and link rewriting. */

/** The site has three levels of pages at most (as the page form). */
export const MAX_IMPORT_DEPTH = 3;
/** Appended to a top-level page slug that the platform reserves (`actualites` → `actualites-page`). */
export const RESERVED_SUFFIX = '-page';

/** The file's path inside wp-content/uploads (`2024/05/photo.jpg`), or null for another URL. */
export function uploadsPath(url: string): string | null {
  const m = /\/wp-content\/uploads\/([^?#"']+)/i.exec(url);
  if (!m?.[1]) return null;
  let path: string;
  try {
    path = decodeURIComponent(m[1]);
  } catch {
    path = m[1];
  }
  return safeRelativePath(path);
}

/** A relative path without `..`, absolute parts or backslashes, or null. */
export function safeRelativePath(path: string): string | null {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..')) return null;
  return parts.join('/');
}

/** A resized copy made by WordPress (`photo-300x200.jpg`, `photo-scaled.jpg`) → the original and the width. */
export function originalUpload(path: string): { path: string; width: number | null } {
  const sized = /^(.*)-(\d{2,5})x(\d{2,5})(\.[a-z0-9]+)$/i.exec(path);
  if (sized) return { path: `${sized[1]}${sized[4]}`, width: Number(sized[2]) };
  const scaled = /^(.*)-scaled(\.[a-z0-9]+)$/i.exec(path);
  if (scaled) return { path: `${scaled[1]}${scaled[2]}`, width: null };
  return { path, width: null };
}

/** The slug of an item: its `post_name` if usable, else made from its title. */
export function itemSlug(item: Pick<WxrItem, 'slug' | 'title' | 'type' | 'id'>): string {
  return slugFromTitle(item.slug) || slugFromTitle(item.title) || `${item.type}-${item.id}`;
}

/** A URL reduced to what identifies a page: host and path, no scheme, trailing slash or fragment. */
export function urlKey(url: string, siteUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(url, `${siteUrl}/`);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.host.toLowerCase().replace(/^www\./, '');
  const path = u.pathname.replace(/\/+$/, '');
  const id = u.searchParams.get('p') ?? u.searchParams.get('page_id') ?? u.searchParams.get('attachment_id');
  return id && /^\d+$/.test(id) ? `${host}?id=${id}` : `${host}${path}`;
}

export interface PlacedPage {
  item: WxrItem;
  /** The WordPress id of the parent kept (null at the top). */
  parentWpId: number | null;
  depth: number;
  /** Set when the page was moved up because it was deeper than allowed. */
  movedUp: boolean;
  /** Set when the parent was missing from the export. */
  orphan: boolean;
}

/** Orders pages parents first and caps their depth: a page too deep goes under its deepest allowed ancestor. */
export function placePages(pages: WxrItem[]): PlacedPage[] {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const chain = (p: WxrItem): WxrItem[] => {
    const ancestors: WxrItem[] = [];
    const seen = new Set([p.id]);
    let parent = byId.get(p.parentId);
    while (parent && !seen.has(parent.id)) {
      ancestors.unshift(parent);
      seen.add(parent.id);
      parent = byId.get(parent.parentId);
    }
    return ancestors;
  };
  const placed = pages.map((item) => {
    const ancestors = chain(item).slice(0, MAX_IMPORT_DEPTH - 1);
    const parent = ancestors.at(-1);
    return {
      item,
      parentWpId: parent?.id ?? null,
      depth: ancestors.length + 1,
      movedUp: chain(item).length > ancestors.length,
      orphan: item.parentId !== 0 && !byId.has(item.parentId),
    };
  });
  return placed.sort((a, b) => a.depth - b.depth || a.item.menuOrder - b.item.menuOrder || a.item.id - b.item.id);
}

const BLOCK = /<(p|div|h[1-6]|ul|ol|table|blockquote|figure|pre|section)\b/i;

/** WordPress stores classic content without paragraphs (wpautop adds them on display): add them. */
export function autoParagraphs(html: string): string {
  const trimmed = html.replace(/<!--[\s\S]*?-->/g, '').trim();
  if (trimmed === '' || BLOCK.test(trimmed)) return trimmed;
  return trimmed
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.trim().replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * Rewrites the `href` and `src` of an HTML fragment with `resolve` (null keeps the value), and drops
 * `srcset`/`sizes`, which point at the old site's resized copies.
 */
export function rewriteLinks(html: string, resolve: (url: string, attr: 'href' | 'src') => string | null): string {
  return html
    .replace(/\s(?:srcset|sizes)\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/(\s(href|src)\s*=\s*)("([^"]*)"|'([^']*)')/gi, (whole, head: string, attr: string, _q, dq, sq) => {
      const url = (dq ?? sq ?? '') as string;
      const next = resolve(url.replace(/&amp;/g, '&'), attr.toLowerCase() as 'href' | 'src');
      return next === null ? whole : `${head}"${next}"`;
    });
}

/** A stable fingerprint of what an import writes for an item. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
