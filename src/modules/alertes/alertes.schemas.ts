import { z } from 'zod';
import { emailField, requiredText } from '../../core/http/fields.js';
import { type FormResult, formValues, parseForm } from '../../core/http/forms.js';
import { ALERTE_KINDS, type AlerteKind, SEVERITIES, type Severity, validatePeriod } from './alertes.rules.js';

export const TITLE_MAX = 150;
export const BODY_MAX = 1000;

const fieldsSchema = z.object({
  kind: z.enum(ALERTE_KINDS, { message: 'Choisissez un type d’alerte dans la liste.' }),
  severity: z.enum(SEVERITIES, { message: 'Choisissez un niveau dans la liste.' }),
  title: requiredText('Le titre', TITLE_MAX),
  body: requiredText('Le texte', BODY_MAX),
  // Read by validatePeriod below (Paris clock, end after start).
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
});

/** An alert as typed in the back-office form, validated. */
export interface AlerteInput {
  kind: AlerteKind;
  severity: Severity;
  title: string;
  body: string;
  startsAt: Date;
  endsAt: Date;
}

/** Labels of the form's fields, for the error summary. */
export const ALERTE_FIELD_LABELS: Record<string, string> = {
  kind: 'Type d’alerte',
  severity: 'Niveau',
  title: 'Titre',
  body: 'Texte',
  startsAt: 'Début',
  endsAt: 'Fin',
};

/** Validates the alert form: every field's message at once, the period included. */
export function parseAlerteForm(body: unknown): FormResult<AlerteInput> {
  const fields = parseForm(fieldsSchema, body);
  const values = formValues(body);
  const period = validatePeriod(values.startsAt ?? '', values.endsAt ?? '');
  const errors: Record<string, string> = { ...(fields.ok ? {} : fields.errors), ...(period.ok ? {} : period.errors) };
  if (!fields.ok || !period.ok) {
    // Field order of the form, for the summary.
    const ordered = Object.fromEntries(
      Object.keys(ALERTE_FIELD_LABELS)
        .filter((k) => errors[k])
        .map((k) => [k, errors[k] as string]),
    );
    return { ok: false, errors: { ...ordered, ...errors }, values };
  }
  const { kind, severity, title } = fields.data;
  // Plain text: line breaks normalized, nothing else touched (views escape it).
  const text = fields.data.body.replace(/\r\n?/g, '\n');
  return {
    ok: true,
    data: { kind, severity, title, body: text, startsAt: period.startsAt, endsAt: period.endsAt },
  };
}

export const abonnementSchema = z.object({ email: emailField });
