import sanitizeHtml from 'sanitize-html';

/** HTML that went through the allow-list below: the only HTML a view may insert as is. */
export type SafeHtml = string & { readonly __safeHtml: unique symbol };

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'figure',
    'figcaption',
    'hr',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'hreflang'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Images come from the commune's media library only (relative URLs): no third-party request.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // An <h1> belongs to the page title: content headings start at h2.
  transformTags: { h1: 'h2', b: 'strong', i: 'em' },
  exclusiveFilter: (frame) => frame.tag === 'p' && frame.text.trim() === '' && !frame.mediaChildren?.length,
};

/** Sanitizes editor HTML by an allow-list: scripts, event handlers, styles and unknown tags are removed. */
export function sanitizeRichText(html: string): SafeHtml {
  return sanitizeHtml(html, OPTIONS).trim() as SafeHtml;
}

/** Marks HTML read back from the database, where only sanitized HTML is ever written. */
export const storedSafeHtml = (html: string): SafeHtml => html as SafeHtml;

/** Plain text of rich text (search index, excerpts, feeds). */
export function richTextToPlain(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|tr|blockquote|figcaption)>|<br\s*\/?>/gi, '$& '), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short excerpt that ends on a word. */
export function excerpt(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}
