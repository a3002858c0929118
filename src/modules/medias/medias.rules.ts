/** Pure rules of the media library. */

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_TYPES = ['application/pdf'] as const;
export const ACCEPTED_TYPES = [...IMAGE_TYPES, ...DOCUMENT_TYPES];

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Widths served to browsers (srcset); an image is never enlarged. */
export const IMAGE_WIDTHS = [320, 640, 1024, 1600] as const;
/** The largest width kept (a 6000 px photo is reduced). */
export const MAX_IMAGE_WIDTH = 2400;

export interface MediaFile {
  sha256: string;
  size: number;
  width?: number;
  height?: number;
}

/** Widths to produce for an image `width` pixels wide: the standard ones below it, and itself (capped). */
export function targetWidths(width: number): number[] {
  const top = Math.min(width, MAX_IMAGE_WIDTH);
  return [...new Set([...IMAGE_WIDTHS.filter((w) => w < top), top])];
}

/** The French problem with an image's text alternative, or null (RGAA 1.1 / 1.2). */
export function altProblem(alt: string, decorative: boolean): string | null {
  if (decorative) return null;
  if (alt.trim() === '') {
    return 'Décrivez l’image en quelques mots (texte alternatif), ou indiquez qu’elle est décorative.';
  }
  if (alt.length > 250) return 'Le texte alternatif ne doit pas dépasser 250 caractères.';
  return null;
}

/** The file of an image best suited to a display `width` (the smallest at least as wide). */
export function fileForWidth(files: MediaFile[], width: number): MediaFile | undefined {
  const sorted = [...files].sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  return sorted.find((f) => (f.width ?? 0) >= width) ?? sorted.at(-1);
}

/** URL of an image at a width, or of a document. */
export const mediaUrl = (id: number, file: MediaFile, kind: 'image' | 'document'): string =>
  kind === 'image' ? `/medias/${id}/${file.width}.webp` : `/medias/${id}/document.pdf`;
