import { fileTypeFromBuffer } from 'file-type';
import type { CommuneCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { type FileStore, formatProblem, sizeProblem, storeUpload } from '../../core/files/index.js';
import { loadSharp, type Sharp } from '../../core/lazy-libs.js';

/** One file per form, 10 Mo at most. */
export const MAX_PIECE_BYTES = 10 * 1024 * 1024;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PIECE_RULES = { allowed: ['application/pdf', ...IMAGE_TYPES], maxBytes: MAX_PIECE_BYTES } as const;

/** Re-encodes an image in its own format: EXIF orientation applied, every metadata (GPS…) dropped. */
async function reencode(sharp: Sharp, bytes: Buffer, mime: string): Promise<Buffer> {
  const img = sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate();
  if (mime === 'image/png') return img.png().toBuffer();
  if (mime === 'image/webp') return img.webp({ quality: 85 }).toBuffer();
  return img.jpeg({ quality: 85 }).toBuffer();
}

/**
 * Checks an uploaded piece by its content and stores it: images re-encoded, PDF kept (its header
 * checked by the detection), anything else (HEIC included) refused with the accepted formats.
 */
export async function storePiece(
  ctx: CommuneCtx & { files: FileStore },
  upload: { bytes: Buffer; filename: string },
  field: string,
): Promise<number> {
  const tooBig = sizeProblem(upload.bytes.length, PIECE_RULES);
  if (tooBig) throw invalid(tooBig, { [field]: tooBig });
  const mime = (await fileTypeFromBuffer(upload.bytes))?.mime ?? 'application/octet-stream';
  const bad = formatProblem(mime, PIECE_RULES);
  if (bad) throw invalid(bad, { [field]: bad });
  let bytes = upload.bytes;
  if (IMAGE_TYPES.includes(mime)) {
    // Loaded before the try: a library that cannot load is the server's fault, not the image's.
    const sharp = await loadSharp();
    try {
      bytes = await reencode(sharp, bytes, mime);
    } catch {
      const msg = 'Cette image est illisible ou abîmée. Envoyez une autre image, ou un PDF.';
      throw invalid(msg, { [field]: msg });
    }
  }
  const stored = await storeUpload(ctx, { bytes, originalName: upload.filename, field, ...PIECE_RULES });
  return stored.id;
}
