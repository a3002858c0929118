import { notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { refusal } from '../../core/http/forms.js';

/** Small helpers shared by the conseil's routes. */

export function parseId(raw: unknown, what = 'Cette séance n’existe pas.'): number {
  const p = idParam.safeParse({ id: raw });
  if (!p.success) throw notFound(what);
  return p.data.id;
}

/** A refused change (Invalid, Conflict, InvalidTransition) shown again on its form; anything else rethrown. */
export function formError(error: unknown): { status: number; errors: Record<string, string>; message: string } {
  const r = refusal(error);
  return {
    status: r.status,
    errors: Object.keys(r.fields).length > 0 ? r.fields : { _form: r.message },
    message: r.message,
  };
}
