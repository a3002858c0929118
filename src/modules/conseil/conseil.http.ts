import type { AppError } from '../../core/errors.js';
import { isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';

/** Small helpers shared by the conseil's routes. */

export function parseId(raw: unknown, what = 'Cette séance n’existe pas.'): number {
  const p = idParam.safeParse({ id: raw });
  if (!p.success) throw notFound(what);
  return p.data.id;
}

/** A refused change (Invalid, Conflict, InvalidTransition) shown again on its form; anything else rethrown. */
export function formError(error: unknown): { status: number; errors: Record<string, string>; message: string } {
  if (isAppError(error, 'Invalid') || isAppError(error, 'Conflict') || isAppError(error, 'InvalidTransition')) {
    const e = error as AppError;
    const errors = Object.keys(e.fields).length > 0 ? e.fields : { _form: e.message };
    return { status: e.code === 'Invalid' ? 400 : 409, errors, message: e.message };
  }
  throw error;
}
