import type { Errors } from '../../../ui/form.js';
import { SelectField, TextAreaField, TextField } from '../../../ui/form.js';
import { type FieldDef, isDisplayOnly } from '../fields.rules.js';

/** Raw values to refill a form: a string, or a list for multiple choices. */
export type FormValues = Record<string, string | string[] | undefined>;

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function conditionHint(field: FieldDef, all: readonly FieldDef[]): string | undefined {
  if (!field.showIf) return field.hint;
  const other = all.find((f) => f.name === field.showIf?.field);
  const labels = field.showIf.values.map((v) => other?.options?.find((o) => o.value === v)?.label ?? v);
  const cond = `À remplir seulement si « ${other?.label ?? field.showIf.field} » vaut : ${labels.join(' ou ')}.`;
  return field.hint ? `${field.hint} ${cond}` : cond;
}

function ChoiceGroup(p: { field: FieldDef; hint?: string | undefined; values: string[]; error?: string | undefined }) {
  const { field } = p;
  const options =
    field.type === 'yesno'
      ? [
          { value: 'oui', label: 'Oui' },
          { value: 'non', label: 'Non' },
        ]
      : (field.options ?? []);
  const type = field.type === 'multichoice' ? 'checkbox' : 'radio';
  const describedBy = [p.hint && `aide-${field.name}`, p.error && `erreur-${field.name}`].filter(Boolean).join(' ');
  return (
    <fieldset
      class={p.error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy || undefined}
    >
      <legend class="field__label">
        {field.label}
        {field.required && <span class="field__required"> (obligatoire)</span>}
      </legend>
      {p.hint && (
        <p class="field__hint" id={`aide-${field.name}`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="field__error" id={`erreur-${field.name}`}>
          <span class="sr-only">Erreur : </span>
          {p.error}
        </p>
      )}
      {options.map((o, i) => (
        <div class="field--checkbox" key={o.value}>
          <input
            type={type}
            class="checkbox"
            id={i === 0 ? `champ-${field.name}` : `champ-${field.name}-${i}`}
            name={field.name}
            value={o.value}
            checked={p.values.includes(o.value)}
          />
          <label for={i === 0 ? `champ-${field.name}` : `champ-${field.name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function FileInput(p: { field: FieldDef; hint?: string | undefined; error?: string | undefined }) {
  const id = `champ-${p.field.name}`;
  const hint = `${p.hint ? `${p.hint} ` : ''}Formats acceptés : PDF, JPEG, PNG ou WebP, 10 Mo au maximum.`;
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={id} class="field__label">
        {p.field.label}
        {p.field.required && <span class="field__required"> (obligatoire)</span>}
      </label>
      <p class="field__hint" id={`aide-${p.field.name}`}>
        {hint}
      </p>
      {p.error && (
        <p class="field__error" id={`erreur-${p.field.name}`}>
          <span class="sr-only">Erreur : </span>
          {p.error}
        </p>
      )}
      <input
        type="file"
        id={id}
        name={p.field.name}
        class="input"
        accept="application/pdf,image/jpeg,image/png,image/webp"
        aria-describedby={[`aide-${p.field.name}`, p.error && `erreur-${p.field.name}`].filter(Boolean).join(' ')}
      />
    </div>
  );
}

/** One field of a démarche form, as its type asks. */
export function FormField(p: { field: FieldDef; all: readonly FieldDef[]; values: FormValues; errors: Errors }) {
  const { field } = p;
  if (field.type === 'section') return <h2 class="demarche-section">{field.label}</h2>;
  if (field.type === 'help') return <p class="field__hint demarche-help">{field.label}</p>;
  const common = {
    name: field.name,
    label: field.label,
    hint: conditionHint(field, p.all),
    error: p.errors[field.name],
    required: field.required === true && !field.showIf,
  };
  const value = single(p.values[field.name]);
  switch (field.type) {
    case 'textarea':
    case 'address':
      return <TextAreaField {...common} value={value} rows={field.type === 'address' ? 3 : 6} />;
    case 'choice':
      return (
        <SelectField
          {...common}
          value={value}
          options={[{ value: '', label: '— Choisir —' }, ...(field.options ?? [])]}
        />
      );
    case 'multichoice':
    case 'yesno':
      return <ChoiceGroup field={field} hint={common.hint} values={list(p.values[field.name])} error={common.error} />;
    case 'file':
      return <FileInput field={field} hint={common.hint} error={common.error} />;
    default: {
      const type = ({ email: 'email', phone: 'tel', date: 'date', number: 'text' } as const)[
        field.type as 'email' | 'phone' | 'date' | 'number'
      ];
      const autocomplete = field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : undefined;
      return <TextField {...common} type={type ?? 'text'} value={value} autocomplete={autocomplete} />;
    }
  }
}

/** Labels of the form's fields, for the error summary. */
export const fieldLabels = (fields: readonly FieldDef[]): Record<string, string> =>
  Object.fromEntries(fields.filter((f) => !isDisplayOnly(f)).map((f) => [f.name, f.label]));
