import type { Errors } from '../../../ui/form.js';
import { fieldName, optionField } from '../barometre.schemas.js';
import type { Question, Questionnaire } from '../questionnaire.types.js';
import { allQuestions } from '../questionnaire.types.js';
import { categoryLabel } from '../resultats.model.js';

/** One question of the questionnaire as accessible form fields (fieldset and legend for choices). */

export function conditionText(q: Question, questionnaire: Questionnaire): string | null {
  if (!q.condition) return null;
  const parent = allQuestions(questionnaire).find((p) => p.code === q.condition!.question);
  if (!parent) return null;
  const answers = q.condition.valeurs.map((v) => `« ${categoryLabel(parent, v)} »`).join(' ou ');
  return `Si vous avez répondu ${answers} à « ${parent.label} »`;
}

interface FieldProps {
  q: Question;
  questionnaire: Questionnaire;
  raw: Record<string, string>;
  errors: Errors;
  prerempli: boolean;
}

function Extras({ q, name, error, prerempli }: { q: Question; name: string; error?: string; prerempli: boolean }) {
  return (
    <>
      {prerempli && (
        <p class="field__hint" id={`prerempli-${name}`}>
          <span class="badge bq__prerempli">pré-rempli</span> D’après le site de la commune sur Clocher : vérifiez la
          réponse.
        </p>
      )}
      {q.aide && (
        <p class="field__hint" id={`aide-${name}`}>
          {q.aide}
        </p>
      )}
      {error && (
        <p class="field__error" id={`erreur-${name}`}>
          <span class="sr-only">Erreur : </span>
          {error}
        </p>
      )}
    </>
  );
}

const describedBy = (name: string, q: Question, error: string | undefined, prerempli: boolean) =>
  [prerempli && `prerempli-${name}`, q.aide && `aide-${name}`, error && `erreur-${name}`].filter(Boolean).join(' ') ||
  undefined;

function Legend({ q, questionnaire }: { q: Question; questionnaire: Questionnaire }) {
  const cond = conditionText(q, questionnaire);
  return (
    <legend class="field__label">
      {cond && <span class="bq__condition">{cond} : </span>}
      {q.label}
      {q.facultative && <span class="bq__optional"> (facultatif)</span>}
    </legend>
  );
}

function choices(q: Question): { code: string; label: string }[] {
  if (q.type === 'echelle') {
    const out = [];
    for (let l = q.min ?? 1; l <= (q.max ?? 5); l++) out.push({ code: String(l), label: categoryLabel(q, String(l)) });
    return out;
  }
  return q.options ?? [];
}

export function QuestionField({ q, questionnaire, raw, errors, prerempli }: FieldProps) {
  const name = fieldName(q);
  const error = errors[name];
  const cls = `field bq${error ? ' field--error' : ''}${q.condition ? ' bq--suivi' : ''}`;
  const desc = describedBy(name, q, error, prerempli);
  if (q.type === 'choix' || q.type === 'echelle' || q.type === 'choix_multiples') {
    const multiple = q.type === 'choix_multiples';
    return (
      <fieldset class={cls} aria-describedby={desc}>
        <Legend q={q} questionnaire={questionnaire} />
        <Extras q={q} name={name} error={error} prerempli={prerempli} />
        <div class={q.type === 'echelle' ? 'bq__options bq__options--inline' : 'bq__options'}>
          {choices(q).map((o, i) => {
            const id = i === 0 ? `champ-${name}` : `champ-${name}-${o.code}`;
            const checked = multiple ? raw[optionField(q, o.code)] !== undefined : raw[name] === o.code;
            return (
              <div class="bq__option" key={o.code}>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  id={id}
                  name={multiple ? optionField(q, o.code) : name}
                  value={multiple ? 'on' : o.code}
                  checked={checked}
                />
                <label for={id}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    );
  }
  const Input =
    q.type === 'texte' ? (
      <textarea class="input input--text" id={`champ-${name}`} name={name} rows={4} aria-describedby={desc}>
        {raw[name] ?? ''}
      </textarea>
    ) : (
      <input
        class="input bq__short"
        id={`champ-${name}`}
        name={name}
        type="text"
        inputMode={q.type === 'pourcentage' ? 'decimal' : 'numeric'}
        value={raw[name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={desc}
      />
    );
  const cond = conditionText(q, questionnaire);
  return (
    <div class={cls}>
      <label for={`champ-${name}`} class="field__label">
        {cond && <span class="bq__condition">{cond} : </span>}
        {q.label}
        {q.type === 'pourcentage' && ' (en %)'}
        {q.facultative && <span class="bq__optional"> (facultatif)</span>}
      </label>
      <Extras q={q} name={name} error={error} prerempli={prerempli} />
      {Input}
    </div>
  );
}
