import type { ComponentChildren } from 'preact';

/** Form components: every error is next to its field and listed in a summary at the top (RGAA 11). */

export type Errors = Record<string, string>;

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function ErrorSummary({ errors, labels }: { errors: Errors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} id="erreurs">
      <h2 id="error-summary-title" class="alert__title">
        {entries.length === 1
          ? 'Le formulaire contient une erreur'
          : `Le formulaire contient ${entries.length} erreurs`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {labels[field] ? (
              <a href={`#champ-${field}`}>
                {labels[field]} : {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

function FieldShell(props: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={`champ-${props.name}`} class="field__label">
        {props.label}
        {props.required && <span class="field__required"> (obligatoire)</span>}
      </label>
      {props.hint && (
        <p class="field__hint" id={`aide-${props.name}`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`erreur-${props.name}`}>
          <span class="sr-only">Erreur : </span>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

const describedBy = (p: FieldProps) =>
  [p.hint && `aide-${p.name}`, p.error && `erreur-${p.name}`].filter(Boolean).join(' ') || undefined;

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date' | 'time' | 'datetime-local' | 'search';
    autocomplete?: string;
  },
) {
  return (
    <FieldShell {...props}>
      <input
        class="input"
        id={`champ-${props.name}`}
        name={props.name}
        // preact types each input type separately; the union of our text-like types is sound
        {...({ type: props.type ?? 'text' } as { type: 'text' })}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: { value: string; label: string }[] },
) {
  return (
    <FieldShell {...props}>
      <select
        class="input"
        id={`champ-${props.name}`}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="field field--checkbox">
      <input type="checkbox" id={`champ-${props.name}`} name={props.name} checked={props.checked} class="checkbox" />
      <label for={`champ-${props.name}`}>{props.label}</label>
      {props.hint && <p class="field__hint">{props.hint}</p>}
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'success' | 'info' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function TextAreaField(props: FieldProps & { value?: string | undefined; rows?: number }) {
  return (
    <FieldShell {...props}>
      <textarea
        class="input input--text"
        id={`champ-${props.name}`}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}
