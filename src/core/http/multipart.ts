import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Marks a route that reads a multipart form: its anti-forgery token is checked after parsing. */
export const MULTIPART_ROUTE = { config: { multipartForm: true } } as const;

export interface MultipartForm {
  fields: Record<string, string>;
  /** Files by field name (a form may carry several when `maxFiles` allows). */
  files: Record<string, { bytes: Buffer; filename: string }>;
  /** The first file, for the usual one-file form. */
  file: { bytes: Buffer; filename: string } | null;
  /** A file was larger than allowed: its bytes were dropped. */
  fileTooLarge: boolean;
  /** The field of that file, when known. */
  tooLargeField: string | null;
}

/**
 * Reads a multipart form (fields and at most `maxFiles` files of `maxFileBytes` each), then checks its `_csrf`
 * field exactly as the app checks url-encoded forms. A file over the limit is reported, not thrown,
 * so that the form can be shown again with its message.
 */
export async function readMultipartForm(
  req: FastifyRequest,
  reply: FastifyReply,
  maxFileBytes: number,
  { maxFiles = 1 }: { maxFiles?: number } = {},
): Promise<MultipartForm> {
  if (!req.isMultipart()) throw new AppError('Invalid', 'Le formulaire doit être envoyé avec son fichier (multipart).');
  const fields: Record<string, string> = {};
  const files: MultipartForm['files'] = {};
  let file: MultipartForm['file'] = null;
  let tooLargeField: string | null = null;
  let fileTooLarge = false;
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxFileBytes, files: maxFiles, fields: 40, fieldSize: 200_000 },
    })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      } else {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated) {
          fileTooLarge = true;
          tooLargeField ??= part.fieldname;
        } else if (part.filename) {
          files[part.fieldname] = { bytes: Buffer.concat(chunks), filename: part.filename };
          file ??= files[part.fieldname] ?? null;
        }
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') fileTooLarge = true;
    else if (code?.startsWith('FST_'))
      throw new AppError('Invalid', 'Le formulaire envoyé est incomplet ou mal formé.');
    else throw error;
  }
  req.body = fields;
  await new Promise<void>((resolve, reject) => {
    req.server.csrfProtection(req, reply, (error?: unknown) => (error ? reject(error) : resolve()));
  });
  return { fields, files, file, fileTooLarge, tooLargeField };
}
