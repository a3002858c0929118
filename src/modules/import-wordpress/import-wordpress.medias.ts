import path from 'node:path';
import { isAppError } from '../../core/errors.js';
import { findImportedMedia, type Media, type MediaCtx, uploadMedia } from '../medias/index.js';
import type { ImportReport } from './import-wordpress.report.js';
import { uploadsPath } from './import-wordpress.rules.js';
import type { UploadsSource } from './uploads-source.js';
import type { WxrItem } from './wxr.parser.js';

/** The imported files, by their path in uploads and by their WordPress attachment id. */
export interface ImportedMedias {
  byPath: Map<string, Media>;
  byWpId: Map<number, Media>;
}

/**
 * Brings the attachments into the media library: found in the uploads by their path, imported once
 * (`sourceKey` = `wp:<path>`), images re-encoded by the library, PDFs kept; a missing file is reported.
 */
export async function importMedias(
  ctx: MediaCtx,
  attachments: WxrItem[],
  uploads: UploadsSource,
  report: ImportReport,
): Promise<ImportedMedias> {
  const result: ImportedMedias = { byPath: new Map(), byWpId: new Map() };
  for (const item of attachments) {
    const relative = uploadsPath(item.attachmentUrl);
    if (!relative) {
      report.problems.push({ code: 'missing-file', name: item.attachmentUrl || item.title });
      continue;
    }
    const media = await importOne(ctx, item, relative, uploads, report);
    if (!media) continue;
    result.byPath.set(relative, media);
    result.byWpId.set(item.id, media);
  }
  return result;
}

async function importOne(
  ctx: MediaCtx,
  item: WxrItem,
  relative: string,
  uploads: UploadsSource,
  report: ImportReport,
): Promise<Media | null> {
  const sourceKey = `wp:${relative}`;
  const existing = await findImportedMedia(ctx, sourceKey);
  if (existing) {
    report.counts.medias.skipped++;
    return existing;
  }
  const bytes = await uploads.read(relative);
  if (!bytes) {
    report.problems.push({ code: 'missing-file', name: relative });
    return null;
  }
  const alt = (item.meta._wp_attachment_image_alt ?? '').trim().slice(0, 250);
  try {
    const media = await uploadMedia(ctx, {
      bytes,
      originalName: path.posix.basename(relative),
      title: item.title,
      alt,
      decorative: alt === '',
      sourceKey,
    });
    report.counts.medias.created++;
    if (media.kind === 'image' && alt === '') report.problems.push({ code: 'no-alt', name: relative });
    return media;
  } catch (error) {
    if (!isAppError(error, 'Invalid')) throw error;
    report.problems.push({ code: 'media-refused', name: relative, reason: error.message });
    return null;
  }
}
