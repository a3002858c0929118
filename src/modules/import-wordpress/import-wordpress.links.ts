import { fileForWidth, type Media, mediaUrl } from '../medias/index.js';
import type { ImportedMedias } from './import-wordpress.medias.js';
import { autoParagraphs, originalUpload, rewriteLinks, uploadsPath, urlKey } from './import-wordpress.rules.js';
import type { WxrItem } from './wxr.parser.js';

/** Width of an image shown in a text when WordPress did not say (the editor's default). */
const DEFAULT_IMAGE_WIDTH = 1024;

/** The new addresses of the old site's posts, pages and files, and the rewriting of imported HTML. */
export class LinkMap {
  private readonly paths = new Map<string, string>();

  constructor(
    private readonly siteUrl: string,
    private readonly medias: ImportedMedias,
  ) {}

  /** Records the new path of an item under every URL WordPress knew it by (permalink, guid, ?p=id). */
  set(item: WxrItem, newPath: string): void {
    for (const url of [item.link, item.guid, `${this.siteUrl}/?p=${item.id}`]) {
      const key = url ? urlKey(url, this.siteUrl) : null;
      if (key) this.paths.set(key, newPath);
    }
  }

  /** The new URL of an old one, or null to keep it. */
  resolve(url: string, attr: 'href' | 'src'): string | null {
    const relative = uploadsPath(url);
    if (relative) return this.mediaLink(relative, attr);
    if (!/^(https?:)?\/\//i.test(url) && !url.startsWith('/') && !url.startsWith('?')) return null;
    const key = urlKey(url, this.siteUrl);
    const target = key ? this.paths.get(key) : undefined;
    if (!target) return null;
    const hash = url.indexOf('#');
    return hash === -1 ? target : `${target}${url.slice(hash)}`;
  }

  /** The imported HTML of a post or page, with paragraphs and its links pointing at the new site. */
  html(raw: string): string {
    return rewriteLinks(autoParagraphs(raw), (url, attr) => this.resolve(url, attr));
  }

  /** The URL of an imported image at a display width (the featured image of a post). */
  imageUrl(media: Media, width = DEFAULT_IMAGE_WIDTH): string | null {
    const file = media.kind === 'image' ? fileForWidth(media.files, width) : undefined;
    return file ? mediaUrl(media.id, file, 'image') : null;
  }

  private mediaLink(relative: string, attr: 'href' | 'src'): string | null {
    const original = originalUpload(relative);
    const media = this.medias.byPath.get(relative) ?? this.medias.byPath.get(original.path);
    if (!media) return null;
    if (media.kind === 'document') {
      const file = media.files[0];
      return file ? mediaUrl(media.id, file, 'document') : null;
    }
    // A link opens the largest copy; an image shows the copy closest to the size WordPress used.
    return this.imageUrl(media, attr === 'href' ? Number.MAX_SAFE_INTEGER : (original.width ?? DEFAULT_IMAGE_WIDTH));
  }
}
