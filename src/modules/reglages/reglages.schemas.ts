import { z } from 'zod';
import { formValues } from '../../core/http/forms.js';
import { isIsoDate, isIsoTime } from '../../core/paris-time.js';
import type { AccessibiliteInfo, Fermeture, MairieInfo, OpeningSlot } from '../../core/tenancy/index.js';
import { colorProblem } from './reglages.rules.js';

export const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const CLOSURE_ROWS = 4;

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })
    .default('');

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined));

const fieldsSchema = z.object({
  adresse: text(200, 'L’adresse'),
  codePostal: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, { message: 'Le code postal a 5 chiffres.' })
    .default(''),
  telephone: text(30, 'Le téléphone'),
  email: z
    .string()
    .trim()
    .max(254, { message: 'L’adresse électronique est trop longue.' })
    .refine((e) => e === '' || z.email().safeParse(e).success, { message: 'L’adresse électronique n’est pas valide.' })
    .default(''),
  dpo: text(300, 'Le contact du délégué'),
  auditeur: text(200, 'Le nom de l’auditeur'),
  nonConformites: text(5000, 'La liste des non-conformités'),
  derogations: text(5000, 'La liste des dérogations'),
  schemaPluriannuel: text(10_000, 'Le schéma pluriannuel'),
  planAction: text(10_000, 'Le plan d’action'),
  logoMediaId: optionalId,
  heroMediaId: optionalId,
});

export interface SettingsInput {
  color: string;
  logoMediaId: number | undefined;
  heroMediaId: number | undefined;
  info: MairieInfo;
}

type Result =
  | { ok: true; data: SettingsInput }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Reads the settings form (flat fields: `h1_o1` = Monday, morning, opening…) into the commune's
 * theme and MairieInfo, with one French message per faulty field.
 */
export function parseSettingsForm(body: unknown): Result {
  const values = formValues(body);
  const errors: Record<string, string> = {};
  const get = (k: string) => (values[k] ?? '').trim();
  const color = get('primaryColor').toLowerCase();
  const colorError = colorProblem(color);
  if (colorError) errors.primaryColor = colorError;
  const horaires: NonNullable<MairieInfo['horaires']> = {};
  for (const d of DAYS) {
    const slots: OpeningSlot[] = [];
    for (const half of ['1', '2']) {
      const [o, c] = [get(`h${d}_o${half}`), get(`h${d}_c${half}`)];
      if (!o && !c) continue;
      if (!isIsoTime(o) || !isIsoTime(c))
        errors[`h${d}_o${half}`] = 'Indiquez l’heure d’ouverture et de fermeture (hh:mm).';
      else if (o >= c) errors[`h${d}_o${half}`] = 'L’heure de fermeture doit suivre l’heure d’ouverture.';
      else slots.push({ opens: o, closes: c });
    }
    if (slots.length > 0) horaires[d] = slots;
  }
  const fermetures: Fermeture[] = [];
  for (let i = 0; i < CLOSURE_ROWS; i++) {
    const [du, au, motif] = [get(`f${i}_du`), get(`f${i}_au`) || get(`f${i}_du`), get(`f${i}_motif`)];
    if (!du && !motif) continue;
    if (!isIsoDate(du) || !isIsoDate(au)) errors[`f${i}_du`] = 'Indiquez les dates de la fermeture.';
    else if (au < du) errors[`f${i}_du`] = 'La fin de la fermeture doit suivre son début.';
    else fermetures.push({ du, au, motif: motif.slice(0, 120) || 'Fermeture exceptionnelle' });
  }
  const rate = get('tauxConformite');
  const taux = rate === '' ? undefined : Number(rate.replace(',', '.'));
  if (taux !== undefined && (!Number.isFinite(taux) || taux < 0 || taux > 100))
    errors.tauxConformite = 'Le taux est un nombre de 0 à 100.';
  const dateAudit = get('dateAudit');
  if (dateAudit && !isIsoDate(dateAudit)) errors.dateAudit = 'La date de l’audit n’est pas valide.';
  else if (taux !== undefined && !dateAudit)
    errors.dateAudit = 'Un taux de conformité vient d’un audit : indiquez sa date.';
  const parsed = fieldsSchema.safeParse(values);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors, values };
  const f = parsed.data;
  const accessibilite: AccessibiliteInfo = {
    ...(taux !== undefined && { tauxConformite: taux }),
    ...(dateAudit && { dateAudit }),
    ...(f.auditeur && { auditeur: f.auditeur }),
    ...(f.nonConformites && { nonConformites: f.nonConformites }),
    ...(f.derogations && { derogations: f.derogations }),
    ...(f.schemaPluriannuel && { schemaPluriannuel: f.schemaPluriannuel }),
    ...(f.planAction && { planAction: f.planAction }),
  };
  return {
    ok: true,
    data: {
      color,
      logoMediaId: f.logoMediaId,
      heroMediaId: f.heroMediaId,
      info: {
        adresse: f.adresse,
        codePostal: f.codePostal,
        telephone: f.telephone,
        email: f.email,
        dpo: f.dpo,
        horaires,
        fermetures,
        accessibilite,
      },
    },
  };
}

/** The form's values for the commune's current settings. */
export function settingsValues(
  theme: { primaryColor?: string; logoMediaId?: number; heroMediaId?: number },
  info: MairieInfo,
): Record<string, string> {
  const v: Record<string, string> = {
    primaryColor: theme.primaryColor ?? '#1f5f8b',
    logoMediaId: theme.logoMediaId ? String(theme.logoMediaId) : '',
    heroMediaId: theme.heroMediaId ? String(theme.heroMediaId) : '',
    adresse: info.adresse ?? '',
    codePostal: info.codePostal ?? '',
    telephone: info.telephone ?? '',
    email: info.email ?? '',
    dpo: info.dpo ?? '',
  };
  for (const d of DAYS) {
    (info.horaires?.[d] ?? []).forEach((s, i) => {
      v[`h${d}_o${i + 1}`] = s.opens;
      v[`h${d}_c${i + 1}`] = s.closes;
    });
  }
  (info.fermetures ?? []).slice(0, CLOSURE_ROWS).forEach((f, i) => {
    v[`f${i}_du`] = f.du;
    v[`f${i}_au`] = f.au;
    v[`f${i}_motif`] = f.motif;
  });
  const a = info.accessibilite ?? {};
  v.tauxConformite = a.tauxConformite === undefined ? '' : String(a.tauxConformite);
  v.dateAudit = a.dateAudit ?? '';
  v.auditeur = a.auditeur ?? '';
  v.nonConformites = a.nonConformites ?? '';
  v.derogations = a.derogations ?? '';
  v.schemaPluriannuel = a.schemaPluriannuel ?? '';
  v.planAction = a.planAction ?? '';
  return v;
}
