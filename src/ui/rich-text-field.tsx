import { assetUrl } from './assets.js';

/**
 * A rich-text field: a plain textarea of HTML that the back-office editor script enhances. The
 * server sanitizes what is posted (core/content sanitizeRichText), editor or not.
 */
export function RichTextField(props: {
  name: string;
  label: string;
  value?: string;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={`champ-${props.name}`} class="field__label">
        {props.label}
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
      <textarea
        class="input input--area"
        id={`champ-${props.name}`}
        name={props.name}
        rows={16}
        data-editor="riche"
        aria-describedby={
          [props.hint && `aide-${props.name}`, props.error && `erreur-${props.name}`].filter(Boolean).join(' ') ||
          undefined
        }
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** The editor's scripts, to put at the end of a back-office page that holds a RichTextField. */
export function EditorScripts() {
  return (
    <>
      <script src="/static/vendor/tinymce/tinymce.min.js" defer />
      <script src={assetUrl('js/editor.js')} defer />
    </>
  );
}
