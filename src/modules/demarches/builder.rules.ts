/** Pure rules of the form builder: editing a draft form and its settings, what built-in types keep. */
import { ROLES } from '../../core/auth/roles.js';
import type { DemarcheSettings } from './demarches.builtins.js';
import { type FieldDef, type FieldType, MAX_TEXT } from './fields.rules.js';

/** Every field type with its French name (a Record: a new type must be named here). */
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Texte court',
  textarea: 'Texte long',
  email: 'Adresse électronique',
  phone: 'Téléphone',
  date: 'Date',
  number: 'Nombre',
  choice: 'Choix dans une liste',
  multichoice: 'Cases à cocher (plusieurs réponses)',
  yesno: 'Oui / non',
  address: 'Adresse',
  file: 'Pièce jointe',
  section: 'Titre de partie',
  help: 'Texte d’information',
};

export const FIELD_TYPES = Object.keys(FIELD_TYPE_LABELS) as FieldType[];
export const isFieldType = (s: string): s is FieldType => (FIELD_TYPES as string[]).includes(s);

/** Types whose answer is one of a list of options the builder writes. */
export const hasOptions = (t: FieldType): boolean => t === 'choice' || t === 'multichoice';

/** Names the requester's identity and the form's token already use. */
const RESERVED_NAMES = new Set(['prenom', 'nom', 'email', 'adresse', '_csrf']);

/**
 * Fields of built-in types that cannot be removed or reshaped (only their label and hint change):
 * état civil's mandatory content of a request (décret 2017-890) checked by etat-civil.rules.ts, and
 * what a room booking's hold reads (salle, date, créneau; the rooms' list is kept up to date).
 */
export const LOCKED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'etat-civil': [
    'acte',
    'document',
    'lien',
    'nom_personne',
    'prenoms_personne',
    'date_evenement',
    'lieu_evenement',
    'date_naissance',
    'lieu_naissance',
    'parent1',
    'parent2',
  ],
  'reservation-salle': ['salles_info', 'salle', 'date', 'creneau'],
};

export const isLocked = (slug: string, name: string): boolean => LOCKED_FIELDS[slug]?.includes(name) ?? false;

/** "Date de l'événement !" → "date_de_l_evenement" (form field names). */
export function slugify(label: string, sep = '_'): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '')
    .slice(0, 40);
}

/** A field name from its label, unique in the form and never an identity field's. */
export function fieldNameFor(label: string, form: readonly FieldDef[]): string {
  const base = slugify(label) || 'champ';
  const taken = new Set([...form.map((f) => f.name), ...RESERVED_NAMES]);
  if (!taken.has(base)) return base;
  let i = 2;
  while (taken.has(`${base}_${i}`)) i += 1;
  return `${base}_${i}`;
}

/** A démarche's address: lower case, digits and hyphens. */
export const isSlugShape = (s: string): boolean => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length <= 60;

/** One option a line; the value is derived from the label (kept when the label was already there). */
export function parseOptions(
  text: string,
  previous: readonly { value: string; label: string }[] = [],
): { options: { value: string; label: string }[]; error: string | null } {
  const labels = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (labels.length === 0) return { options: [], error: 'Saisissez au moins un choix, un par ligne.' };
  if (labels.some((l) => l.length > MAX_TEXT)) return { options: [], error: 'Un choix fait plus de 500 caractères.' };
  const options: { value: string; label: string }[] = [];
  for (const label of labels) {
    const kept = previous.find((o) => o.label === label)?.value;
    const value = kept ?? (slugify(label) || `choix_${options.length + 1}`);
    if (options.some((o) => o.value === value || o.label === label)) {
      return { options: [], error: `Le choix « ${label} » apparaît deux fois.` };
    }
    options.push({ value, label });
  }
  return { options, error: null };
}

/** Adds a field at the end of the form. */
export function addField(form: readonly FieldDef[], type: FieldType, label: string): FieldDef[] {
  const field: FieldDef = { name: fieldNameFor(label, form), type, label };
  if (hasOptions(type)) field.options = [{ value: 'choix_1', label: 'Choix 1' }];
  return [...form, field];
}

/** Moves a field one place up or down (nothing happens at the ends). */
export function moveField(form: readonly FieldDef[], name: string, dir: 'up' | 'down'): FieldDef[] {
  const i = form.findIndex((f) => f.name === name);
  const j = dir === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= form.length) return [...form];
  const next = [...form];
  [next[i], next[j]] = [next[j] as FieldDef, next[i] as FieldDef];
  return next;
}

/** Why a field cannot be removed, or null. */
export function removeProblem(slug: string, form: readonly FieldDef[], name: string): string | null {
  if (isLocked(slug, name)) return 'Ce champ est exigé pour traiter cette démarche : il ne peut pas être supprimé.';
  const dependent = form.find((f) => f.showIf?.field === name);
  if (dependent) return `Le champ « ${dependent.label} » dépend de celui-ci : retirez d’abord sa condition.`;
  return null;
}

export interface FieldEdit {
  label: string;
  hint: string;
  required: boolean;
  /** One option a line (choice lists). */
  options: string;
  /** Condition: the field it depends on ('' for none) and the values, one a line. */
  showIfField: string;
  showIfValues: string[];
}

/** Applies an edit to one field; returns the form or the French message of each bad input. */
export function editField(
  slug: string,
  form: readonly FieldDef[],
  name: string,
  edit: FieldEdit,
): { form: FieldDef[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const index = form.findIndex((f) => f.name === name);
  const field = form[index];
  if (!field) return { form: [...form], errors: { label: 'Ce champ n’existe plus.' } };
  const locked = isLocked(slug, name);
  const label = edit.label.trim();
  if (label === '') errors.label = 'Saisissez le libellé du champ.';
  const maxLabel = field.type === 'help' ? 2000 : MAX_TEXT;
  if (label.length > maxLabel) errors.label = `Saisissez au plus ${maxLabel} caractères.`;
  const hint = edit.hint.trim();
  if (hint.length > 1000) errors.hint = 'Saisissez au plus 1000 caractères.';
  const next: FieldDef = { ...field, label };
  if (hint) next.hint = hint;
  else delete next.hint;
  if (!locked) {
    if (edit.required && field.type !== 'section' && field.type !== 'help') next.required = true;
    else delete next.required;
    if (hasOptions(field.type)) {
      const parsed = parseOptions(edit.options, field.options);
      if (parsed.error) errors.options = parsed.error;
      else next.options = parsed.options;
    }
    const cond = conditionFor(form, index, edit);
    if (typeof cond === 'string') errors.showIf = cond;
    else if (cond) next.showIf = cond;
    else delete next.showIf;
  }
  const updated = form.map((f, i) => (i === index ? next : f));
  return { form: updated, errors };
}

/** The values a field may be conditioned on (its options, or oui/non). */
export function conditionValues(f: FieldDef): { value: string; label: string }[] {
  if (f.type === 'yesno')
    return [
      { value: 'oui', label: 'Oui' },
      { value: 'non', label: 'Non' },
    ];
  return hasOptions(f.type) ? (f.options ?? []) : [];
}

/** Fields placed before `index` that can drive a condition. */
export const conditionSources = (form: readonly FieldDef[], index: number): FieldDef[] =>
  form.slice(0, Math.max(0, index)).filter((f) => conditionValues(f).length > 0);

function conditionFor(
  form: readonly FieldDef[],
  index: number,
  edit: FieldEdit,
): FieldDef['showIf'] | string | undefined {
  if (edit.showIfField === '') return undefined;
  const source = conditionSources(form, index).find((f) => f.name === edit.showIfField);
  if (!source) return 'Choisissez un champ à choix placé avant celui-ci.';
  const allowed = conditionValues(source).map((o) => o.value);
  const values = edit.showIfValues.filter((v) => allowed.includes(v));
  if (values.length === 0) return 'Cochez au moins une réponse qui fait apparaître ce champ.';
  return { field: source.name, values };
}

/** Problems of a whole form before publication (French messages). */
export function formProblems(slug: string, form: readonly FieldDef[]): string[] {
  const problems: string[] = [];
  if (!form.some((f) => f.type !== 'section' && f.type !== 'help')) problems.push('Le formulaire n’a aucune question.');
  if (form.filter((f) => f.type === 'file').length > 1)
    problems.push('Un formulaire ne peut avoir qu’une seule pièce jointe.');
  const names = new Set<string>();
  form.forEach((f, i) => {
    if (names.has(f.name)) problems.push(`Deux champs portent le nom « ${f.name} ».`);
    names.add(f.name);
    if (hasOptions(f.type) && (f.options ?? []).length === 0) problems.push(`« ${f.label} » n’a aucun choix.`);
    if (f.showIf && !conditionSources(form, i).some((s) => s.name === f.showIf?.field))
      problems.push(`La condition de « ${f.label} » porte sur un champ absent ou placé après lui.`);
  });
  for (const name of LOCKED_FIELDS[slug] ?? [])
    if (!names.has(name)) problems.push(`Le champ exigé « ${name} » manque.`);
  return problems;
}

export interface SettingsInput {
  serviceNom: string;
  serviceEmail: string;
  serviceAdresse: string;
  serviceTelephone: string;
  silence: string;
  delaiUnite: string;
  delai: string;
  conservationMois: string;
  roles: string[];
  retenueJours?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .\-()]{6,20}$/;
const INT = /^\d{1,4}$/;

/** État civil requests are kept one year (décret 2017-890, art. 29). */
const FIXED_CONSERVATION: Readonly<Record<string, number>> = { 'etat-civil': 12 };

/** Settings from the builder's form; the French message of each bad input. */
export function parseSettings(
  slug: string,
  input: SettingsInput,
): { settings: DemarcheSettings | null; errors: Record<string, string> } {
  const e: Record<string, string> = {};
  const text = (v: string, key: string, what: string) => {
    const t = v.trim();
    if (t === '') e[key] = `${what} est obligatoire.`;
    else if (t.length > MAX_TEXT) e[key] = `Saisissez au plus ${MAX_TEXT} caractères.`;
    return t;
  };
  const nom = text(input.serviceNom, 'serviceNom', 'Le nom du service');
  const email = text(input.serviceEmail, 'serviceEmail', 'L’adresse électronique du service');
  if (!e.serviceEmail && !EMAIL.test(email)) e.serviceEmail = 'Saisissez une adresse électronique valide.';
  const adresse = text(input.serviceAdresse, 'serviceAdresse', 'L’adresse postale du service');
  const telephone = text(input.serviceTelephone, 'serviceTelephone', 'Le téléphone du service');
  if (!e.serviceTelephone && !PHONE.test(telephone)) e.serviceTelephone = 'Saisissez un numéro de téléphone valide.';
  const silence = input.silence;
  if (silence !== 'acceptation' && silence !== 'rejet' && silence !== 'aucune') e.silence = 'Choisissez une réponse.';
  let delaiJours = 0;
  let delaiMois: number | undefined;
  if (silence === 'acceptation' || silence === 'rejet') {
    const n = Number(input.delai);
    if (!INT.test(input.delai.trim()) || n < 1) e.delai = 'Saisissez un délai en nombre entier, au moins 1.';
    else if (input.delaiUnite === 'mois') {
      if (n > 24) e.delai = 'Saisissez au plus 24 mois.';
      delaiMois = n;
    } else if (input.delaiUnite === 'jours') {
      if (n > 500) e.delai = 'Saisissez au plus 500 jours ouvrés.';
      delaiJours = n;
    } else e.delaiUnite = 'Choisissez jours ouvrés ou mois.';
  }
  const conservation = Number(input.conservationMois);
  if (!INT.test(input.conservationMois.trim()) || conservation < 1 || conservation > 120)
    e.conservationMois = 'Saisissez une durée entre 1 et 120 mois.';
  const fixed = FIXED_CONSERVATION[slug];
  if (fixed !== undefined && conservation !== fixed)
    e.conservationMois = `Les demandes d’actes d’état civil sont conservées ${fixed} mois (décret 2017-890, art. 29).`;
  const roles = input.roles.filter((r) => (ROLES as readonly string[]).includes(r) && r !== 'elu');
  if (roles.length === 0) e.roles = 'Cochez au moins un rôle.';
  let retenueJours: number | undefined;
  if (input.retenueJours !== undefined) {
    const r = Number(input.retenueJours);
    if (!INT.test(input.retenueJours.trim()) || r < 1 || r > 60) e.retenueJours = 'Saisissez entre 1 et 60 jours.';
    retenueJours = r;
  }
  if (Object.keys(e).length > 0) return { settings: null, errors: e };
  const settings: DemarcheSettings = {
    service: { nom, email, adresse, telephone },
    silence: silence as DemarcheSettings['silence'],
    delaiJours,
    conservationMois: conservation,
    roles,
  };
  if (delaiMois !== undefined) settings.delaiMois = delaiMois;
  if (retenueJours !== undefined) settings.retenueJours = retenueJours;
  return { settings, errors: {} };
}

/** Roles that may process a type's requests (the operator and system always may). */
export const mayProcess = (settings: Pick<DemarcheSettings, 'roles'>, role: string | null): boolean =>
  role !== null && settings.roles.includes(role);
