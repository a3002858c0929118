import { fileTypeFromBuffer } from 'file-type';
import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { forbidden, invalid, notFound } from '../../core/errors.js';
import { cleanFileName, type FileStore, formatProblem, sizeProblem } from '../../core/files/index.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { loadSharp } from '../../core/lazy-libs.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { canEditSite } from '../site/index.js';
import { imageVariants } from './medias.images.js';
import * as repo from './medias.repo.js';
import {
  ACCEPTED_TYPES,
  altProblem,
  DOCUMENT_TYPES,
  IMAGE_TYPES,
  MAX_DOCUMENT_BYTES,
  MAX_IMAGE_BYTES,
  type MediaFile,
} from './medias.rules.js';

export type MediaCtx = CommuneCtx & { files: FileStore };

export interface UploadMediaInput {
  bytes: Buffer;
  originalName: string;
  title: string;
  alt: string;
  decorative: boolean;
  /** Set by an import, so that a second import finds the file again. */
  sourceKey?: string | null;
}

function guard(ctx: CommuneCtx): TenantScope {
  if (!canEditSite(ctx.actor)) throw forbidden();
  return new TenantScope(ctx.db, ctx.commune.id);
}

/**
 * Adds an image or a PDF to the library. The type is read from the content; an image is
 * re-encoded into responsive WebP sizes without its metadata (GPS…) and needs a text alternative
 * unless decorative; a PDF is kept as sent.
 */
export async function uploadMedia(ctx: MediaCtx, input: UploadMediaInput): Promise<repo.Media> {
  const scope = guard(ctx);
  const mime = (await fileTypeFromBuffer(input.bytes))?.mime ?? 'application/octet-stream';
  const rules = {
    allowed: ACCEPTED_TYPES,
    maxBytes: (DOCUMENT_TYPES as readonly string[]).includes(mime) ? MAX_DOCUMENT_BYTES : MAX_IMAGE_BYTES,
  };
  const problem = sizeProblem(input.bytes.length, rules) ?? formatProblem(mime, rules);
  if (problem) throw invalid(problem, { fichier: problem });
  const isImage = (IMAGE_TYPES as readonly string[]).includes(mime);
  const alt = input.alt.trim();
  const altError = isImage ? altProblem(alt, input.decorative) : null;
  if (altError) throw invalid(altError, { alt: altError });
  const name = cleanFileName(input.originalName);
  const title = input.title.trim() || name.replace(/\.[a-z0-9]+$/i, '');
  let files: MediaFile[];
  let width: number | null = null;
  let height: number | null = null;
  if (isImage) {
    // Loaded before the try: a library that cannot load is the server's fault, not the image's.
    const sharp = await loadSharp();
    let processed: Awaited<ReturnType<typeof imageVariants>>;
    try {
      processed = await imageVariants(sharp, input.bytes);
    } catch {
      throw invalid('Cette image est endommagée ou illisible.', {
        fichier: 'Cette image est endommagée ou illisible.',
      });
    }
    width = processed.width;
    height = processed.height;
    files = [];
    for (const v of processed.variants) {
      const blob = await ctx.files.put(v.bytes);
      files.push({ sha256: blob.sha256, size: blob.size, width: v.width, height: v.height });
    }
  } else {
    const blob = await ctx.files.put(input.bytes);
    files = [{ sha256: blob.sha256, size: blob.size }];
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertMedia(new TenantScope(trx, scope.communeId), {
      kind: isImage ? 'image' : 'document',
      title: title.slice(0, 200),
      alt: input.decorative ? '' : alt,
      decorative: input.decorative,
      originalName: name,
      mime,
      size: input.bytes.length,
      width,
      height,
      files,
      sourceKey: input.sourceKey ?? null,
      now: ctx.now().toISOString(),
      createdBy: actorUserId(ctx.actor),
    });
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'media.uploaded',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'media',
      objectId: id,
      details: { kind: isImage ? 'image' : 'document', mime, size: input.bytes.length },
    });
    const media = await repo.findMedia(new TenantScope(trx, scope.communeId), id);
    if (!media) throw notFound();
    return media;
  });
}

export async function listCommuneMedia(
  ctx: CommuneCtx,
  page: number,
  perPage = 24,
): Promise<{ items: repo.Media[]; total: number }> {
  const scope = guard(ctx);
  const [items, total] = await Promise.all([
    repo.listMedia(scope, perPage, (page - 1) * perPage),
    repo.countMedia(scope),
  ]);
  return { items, total };
}

export async function getMedia(ctx: CommuneCtx, id: number): Promise<repo.Media> {
  const media = await repo.findMedia(guard(ctx), id);
  if (!media) throw notFound('Ce fichier n’existe pas dans la médiathèque.');
  return media;
}

/** A file imported earlier from the same source, if any (imports are idempotent). */
export async function findImportedMedia(ctx: CommuneCtx, sourceKey: string): Promise<repo.Media | undefined> {
  return repo.findMediaBySource(guard(ctx), sourceKey);
}

/** Changes the title and the text alternative of a file. */
export async function updateMediaText(
  ctx: CommuneCtx,
  id: number,
  v: { title: string; alt: string; decorative: boolean },
): Promise<void> {
  const media = await getMedia(ctx, id);
  const altError = media.kind === 'image' ? altProblem(v.alt, v.decorative) : null;
  if (altError) throw invalid(altError, { alt: altError });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateMediaText(new TenantScope(trx, ctx.commune.id), id, {
      title: v.title.trim() || media.title,
      alt: v.decorative ? '' : v.alt.trim(),
      decorative: v.decorative,
    });
    await bumpContentVersion(trx, ctx.commune.id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'media.updated',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'media',
      objectId: id,
    });
  });
}

/** Removes a file from the library (pages that show it lose the image). */
export async function deleteMedia(ctx: CommuneCtx, id: number): Promise<void> {
  await getMedia(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteMedia(new TenantScope(trx, ctx.commune.id), id);
    await bumpContentVersion(trx, ctx.commune.id);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'media.deleted',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'media',
      objectId: id,
    });
  });
}

/** The bytes a public URL asks for: `/medias/<id>/<width>.webp` or `/medias/<id>/document.pdf`. */
export async function publicMediaFile(
  ctx: Pick<CommuneCtx, 'db' | 'commune'> & { files: FileStore },
  id: number,
  name: string,
): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  const media = await repo.findMedia(new TenantScope(ctx.db, ctx.commune.id), id);
  if (!media) throw notFound();
  if (media.kind === 'document') {
    const file = media.files[0];
    if (name !== 'document.pdf' || !file) throw notFound();
    return { bytes: await ctx.files.get(file.sha256), mime: 'application/pdf', filename: media.originalName };
  }
  const width = /^(\d{2,4})\.webp$/.exec(name)?.[1];
  const file = width ? media.files.find((f) => f.width === Number(width)) : undefined;
  if (!file) throw notFound();
  return { bytes: await ctx.files.get(file.sha256), mime: 'image/webp', filename: `${media.id}-${width}.webp` };
}

/** The commune's images (to choose a logo or a photo). */
export async function listImages(ctx: CommuneCtx): Promise<repo.Media[]> {
  return (await repo.listMedia(new TenantScope(ctx.db, ctx.commune.id), 500, 0)).filter((m) => m.kind === 'image');
}
