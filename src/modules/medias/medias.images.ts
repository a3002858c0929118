import type { Sharp } from '../../core/lazy-libs.js';
import { targetWidths } from './medias.rules.js';

export interface ImageVariant {
  width: number;
  height: number;
  bytes: Buffer;
}

/**
 * Re-encodes an uploaded image into WebP at each target width. The output carries no metadata
 * (GPS position, camera…): sharp drops it unless asked; the EXIF orientation is applied first.
 */
export async function imageVariants(
  sharp: Sharp,
  bytes: Buffer,
): Promise<{ width: number; height: number; variants: ImageVariant[] }> {
  const base = sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate();
  const meta = await base.clone().toBuffer({ resolveWithObject: true });
  const { width, height } = meta.info;
  const variants: ImageVariant[] = [];
  for (const w of targetWidths(width)) {
    const out = await sharp(meta.data).resize({ width: w, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({
      resolveWithObject: true,
    });
    variants.push({ width: out.info.width, height: out.info.height, bytes: out.data });
  }
  return { width, height, variants };
}
