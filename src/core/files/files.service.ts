import { fileTypeFromBuffer } from 'file-type';
import { actorUserId, type CommuneCtx } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import type { FileStore } from './file-store.js';
import * as repo from './files.repo.js';
import { cleanFileName, formatProblem, sizeProblem, type UploadRules } from './files.rules.js';

export interface UploadInput extends UploadRules {
  bytes: Buffer;
  /** As the browser sent it: only displayed, never trusted for the type. */
  originalName: string;
  /** Form field the error is shown beside. */
  field?: string;
}

/**
 * Checks an upload by its content (the name and the declared type are ignored), stores the bytes
 * and records that the commune owns a copy. An unaccepted format or size is an Invalid error whose
 * French message names the accepted formats and the size limit.
 */
export async function storeUpload(
  ctx: CommuneCtx & { files: FileStore },
  input: UploadInput,
): Promise<repo.StoredFile> {
  const field = input.field ?? 'file';
  const tooBig = sizeProblem(input.bytes.length, input);
  if (tooBig) throw invalid(tooBig, { [field]: tooBig });
  // Content not recognized: the generic binary type, which no list of accepted formats names.
  const mime = (await fileTypeFromBuffer(input.bytes))?.mime ?? 'application/octet-stream';
  const badFormat = formatProblem(mime, input);
  if (badFormat) throw invalid(badFormat, { [field]: badFormat });
  // Bytes first: if the insert fails, an unreferenced blob remains (harmless, reused on retry).
  const blob = await ctx.files.put(input.bytes);
  return repo.insertStoredFile(new TenantScope(ctx.db, ctx.commune.id), {
    sha256: blob.sha256,
    mime,
    size: blob.size,
    originalName: cleanFileName(input.originalName),
    now: ctx.now().toISOString(),
    createdBy: actorUserId(ctx.actor),
  });
}

/** A file of the current commune; NotFound for an unknown id or another commune's file. */
export async function getStoredFile(ctx: CommuneCtx, id: number): Promise<repo.StoredFile> {
  const file = await repo.findStoredFile(new TenantScope(ctx.db, ctx.commune.id), id);
  if (!file) throw notFound('Ce fichier est introuvable.');
  return file;
}
