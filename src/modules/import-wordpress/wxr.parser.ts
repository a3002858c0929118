import { XMLParser } from 'fast-xml-parser';

/**
 * Reads a WordPress export (WXR: RSS 2.0 with the wp:, content:, excerpt: and dc: namespaces).
 * Pure: a string in, plain items out; no file is read (a WXR holds none).
 */

export type WxrType = 'post' | 'page' | 'attachment';

export interface WxrItem {
  id: number;
  type: WxrType;
  title: string;
  /** `wp:post_name`, URL-decoded; may be empty for drafts. */
  slug: string;
  /** `publish`, `draft`, `future`, `pending`, `private`, `inherit`, `trash`… */
  status: string;
  /** Publication date (from `wp:post_date_gmt`, else `wp:post_date` read as UTC), or null. */
  date: Date | null;
  contentHtml: string;
  excerptHtml: string;
  parentId: number;
  menuOrder: number;
  link: string;
  guid: string;
  /** Attachments: the file's URL on the old site. */
  attachmentUrl: string;
  /** `wp:postmeta` as a map (`_wp_attachment_image_alt`, `_thumbnail_id`…). */
  meta: Record<string, string>;
}

export interface WxrExport {
  /** `wp:base_site_url` (or the channel link), without a trailing slash. */
  siteUrl: string;
  items: WxrItem[];
}

export class WxrError extends Error {}

const ARRAYS = new Set(['item', 'wp:postmeta', 'category', 'wp:author', 'wp:term', 'wp:category', 'wp:tag']);

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return text((v as Record<string, unknown>)['#text']);
  return String(v);
};

const int = (v: unknown): number => {
  const n = Number.parseInt(text(v), 10);
  return Number.isFinite(n) ? n : 0;
};

function decodeSlug(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function parseDate(gmt: string, local: string): Date | null {
  for (const v of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(v.trim());
    if (m && m[1] !== '0000') {
      const [y, mo, da, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
      const d = new Date(Date.UTC(y, mo - 1, da, h, mi, se));
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return null;
}

function toItem(raw: Record<string, unknown>): WxrItem | null {
  const type = text(raw['wp:post_type']);
  if (type !== 'post' && type !== 'page' && type !== 'attachment') return null;
  const meta: Record<string, string> = {};
  for (const m of (raw['wp:postmeta'] as Record<string, unknown>[] | undefined) ?? []) {
    meta[text(m['wp:meta_key'])] = text(m['wp:meta_value']);
  }
  return {
    id: int(raw['wp:post_id']),
    type,
    title: text(raw.title).trim(),
    slug: decodeSlug(text(raw['wp:post_name']).trim()),
    status: text(raw['wp:status']).trim(),
    date: parseDate(text(raw['wp:post_date_gmt']), text(raw['wp:post_date'])),
    contentHtml: text(raw['content:encoded']),
    excerptHtml: text(raw['excerpt:encoded']),
    parentId: int(raw['wp:post_parent']),
    menuOrder: int(raw['wp:menu_order']),
    link: text(raw.link).trim(),
    guid: text(raw.guid).trim(),
    attachmentUrl: text(raw['wp:attachment_url']).trim(),
    meta,
  };
}

/** Parses a WXR document; throws WxrError when it is not a WordPress export. */
export function parseWxr(xml: string): WxrExport {
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      processEntities: true,
      isArray: (name) => ARRAYS.has(name),
    }).parse(xml, true);
  } catch (error) {
    throw new WxrError(`not well-formed XML: ${(error as Error).message}`);
  }
  const channel = (doc.rss as Record<string, unknown> | undefined)?.channel as Record<string, unknown> | undefined;
  if (!channel || (channel['wp:wxr_version'] === undefined && channel['wp:base_site_url'] === undefined)) {
    throw new WxrError('not a WordPress export (no rss/channel with wp:wxr_version)');
  }
  const siteUrl = (text(channel['wp:base_site_url']) || text(channel.link)).trim().replace(/\/+$/, '');
  const items = ((channel.item as Record<string, unknown>[] | undefined) ?? [])
    .map(toItem)
    .filter((i): i is WxrItem => i !== null && i.id > 0);
  return { siteUrl, items };
}
