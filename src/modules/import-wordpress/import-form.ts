import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';

/**
 * The import form carries two files (the export and the uploads zip), where the core's
 * readMultipartForm takes one: the same reading, with two files and a larger limit. Its `_csrf`
 * field is checked exactly as the app checks url-encoded forms (the route is a MULTIPART_ROUTE).
 */

/** The largest export or uploads archive the form accepts. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

export interface ImportForm {
  files: Record<string, { bytes: Buffer; filename: string }>;
  /** The name of a file field whose file was larger than allowed (its bytes were dropped). */
  tooLarge: string | null;
}

/** Reads the import form's files, then checks its anti-forgery token. */
export async function readImportForm(
  req: FastifyRequest,
  reply: FastifyReply,
  maxFileBytes = MAX_IMPORT_FILE_BYTES,
): Promise<ImportForm> {
  if (!req.isMultipart()) throw new AppError('Invalid', 'Le formulaire doit être envoyé avec son fichier (multipart).');
  const fields: Record<string, string> = {};
  const files: ImportForm['files'] = {};
  let tooLarge: string | null = null;
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxFileBytes, files: 2, fields: 10, fieldSize: 10_000 },
    })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated) tooLarge = part.fieldname;
      else if (part.filename && chunks.length > 0) {
        files[part.fieldname] = { bytes: Buffer.concat(chunks), filename: part.filename };
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = tooLarge ?? 'fichier';
    else if (code?.startsWith('FST_'))
      throw new AppError('Invalid', 'Le formulaire envoyé est incomplet ou mal formé.');
    else throw error;
  }
  req.body = fields;
  await new Promise<void>((resolve, reject) => {
    req.server.csrfProtection(req, reply, (error?: unknown) => (error ? reject(error) : resolve()));
  });
  return { files, tooLarge };
}
