import { excerpt, richTextToPlain } from '../../core/content/index.js';

/** Pure rules of the actualités: pages of the public list, image addresses, summaries. */

export const PAGE_SIZE = 10;
export const HOME_COUNT = 3;
export const FEED_COUNT = 20;

/**
 * The page number of `?page=`: 1 when absent, null when malformed (a 400). Only plain positive
 * integers are accepted ("01", "1.0", "-1", "1e3" are not).
 */
export function parsePageNumber(raw: unknown): number | null {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

/** How many pages `total` items fill (at least one, so that an empty list still has its page). */
export const pageCount = (total: number, size = PAGE_SIZE): number => Math.max(1, Math.ceil(total / size));

/** An image of the commune's media library: a relative URL under /medias/, nothing that leaves the site. */
export function isMediaUrl(url: string): boolean {
  return /^\/medias\/[A-Za-z0-9._~%/-]+$/.test(url) && !url.includes('//') && !url.split('/').some((s) => s === '..');
}

/** The chapô, or the beginning of the text (lists, home page, feed, meta description). */
export const summaryOf = (a: { chapo: string; bodyHtml: string }, max = 220): string =>
  a.chapo || excerpt(richTextToPlain(a.bodyHtml), max);
