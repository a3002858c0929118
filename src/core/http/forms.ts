import type {} from '@fastify/csrf-protection';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { isAppError } from '../errors.js';

/** Field name → French message, as shown beside each field and in the summary. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Raw form values as strings (to refill the form after an error). */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') values[k] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') values[k] = v[0];
    }
  }
  return values;
}

/** Validates a posted form with its zod schema; on failure, one French message per field. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(body) };
}

/**
 * The anti-forgery token of a page that holds a POST form. Generating it sets the CSRF cookie, so
 * such a page is never cached; pages without a form never call this and set no cookie.
 */
export function formToken(reply: FastifyReply): string {
  reply.header('cache-control', 'no-store');
  return reply.generateCsrf();
}

/**
 * A refused change the person can act on (bad input, a conflict, a step out of order), to show
 * again on its form: the French reason, the fields concerned, and 400 or 409. Anything else is
 * thrown again (a 404, a 403, a server error).
 */
export function refusal(error: unknown): { message: string; fields: FieldErrors; status: 400 | 409 } {
  if (!isAppError(error, 'Invalid') && !isAppError(error, 'Conflict') && !isAppError(error, 'InvalidTransition')) {
    throw error;
  }
  return { message: error.message, fields: error.fields, status: error.code === 'Invalid' ? 400 : 409 };
}
