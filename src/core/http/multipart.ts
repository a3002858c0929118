import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Marks a route that reads a multipart form: its anti-forgery token is checked after parsing. */
export const MULTIPART_ROUTE = { config: { multipartForm: true } } as const;

export interface MultipartForm {
  fields: Record<string, string>;
  file: { bytes: Buffer; filename: string } | null;
  /** The file was larger than allowed: its bytes were dropped. */
  fileTooLarge: boolean;
}

/**
 * Reads a multipart form (fields and at most one file of `maxFileBytes`), then checks its `_csrf`
 * field exactly as the app checks url-encoded forms. A file over the limit is reported, not thrown,
 * so that the form can be shown again with its message.
 */
export async function readMultipartForm(
  req: FastifyRequest,
  reply: FastifyReply,
  maxFileBytes: number,
): Promise<MultipartForm> {
  if (!req.isMultipart()) throw new AppError('Invalid', 'Le formulaire doit être envoyé avec son fichier (multipart).');
  const fields: Record<string, string> = {};
  let file: MultipartForm['file'] = null;
  let fileTooLarge = false;
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxFileBytes, files: 1, fields: 40, fieldSize: 200_000 },
    })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      } else {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated) fileTooLarge = true;
        else if (part.filename) file = { bytes: Buffer.concat(chunks), filename: part.filename };
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
  return { fields, file, fileTooLarge };
}
