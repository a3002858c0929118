import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import {
  CsrfField,
  ErrorSummary,
  type Errors,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../ui/form.js';
import { CLOSURE_ROWS, DAYS } from '../reglages.schemas.js';

const DAY_LABELS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];

const LABELS: Record<string, string> = {
  primaryColor: 'Couleur principale',
  adresse: 'Adresse',
  codePostal: 'Code postal',
  telephone: 'Téléphone',
  email: 'Courriel',
  dpo: 'Délégué à la protection des données',
  tauxConformite: 'Taux de conformité',
  dateAudit: 'Date de l’audit',
};
for (const [i, d] of DAY_LABELS.entries()) {
  LABELS[`h${i + 1}_o1`] = `${d} matin`;
  LABELS[`h${i + 1}_o2`] = `${d} après-midi`;
}
for (let i = 0; i < CLOSURE_ROWS; i++) LABELS[`f${i}_du`] = `Fermeture ${i + 1}`;

function TimePair({
  name,
  label,
  values,
  errors,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Errors;
}) {
  const [o, c] = [`${name.replace('X', 'o')}`, `${name.replace('X', 'c')}`];
  return (
    <div class={errors[o] ? 'time-pair field--error' : 'time-pair'}>
      <span class="time-pair__label" id={`legende-${o}`}>
        {label}
      </span>
      {errors[o] && (
        <p class="field__error" id={`erreur-${o}`}>
          {errors[o]}
        </p>
      )}
      <label class="sr-only" for={`champ-${o}`}>
        {label}, ouverture
      </label>
      <input class="input input--time" type="time" id={`champ-${o}`} name={o} value={values[o] ?? ''} />
      <span aria-hidden="true"> à </span>
      <label class="sr-only" for={`champ-${c}`}>
        {label}, fermeture
      </label>
      <input class="input input--time" type="time" id={`champ-${c}`} name={c} value={values[c] ?? ''} />
    </div>
  );
}

export interface ReglagesView {
  shell: AdminShell;
  values: Record<string, string>;
  errors: Errors;
  images: { value: string; label: string }[];
  saved?: boolean;
}

export function ReglagesPage(v: ReglagesView) {
  const { values, errors } = v;
  const imageOptions = [{ value: '', label: '— Aucune —' }, ...v.images];
  return (
    <AdminLayout shell={v.shell} title="Réglages du site">
      <h1>Réglages du site</h1>
      {v.saved && <Notice kind="success">Les réglages ont été enregistrés.</Notice>}
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action="/admin/reglages" novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <fieldset class="fieldset card">
          <legend>Apparence</legend>
          <TextField
            name="primaryColor"
            label="Couleur principale"
            hint="Au format #rrggbb. Elle doit être assez foncée pour que le texte blanc reste lisible (contraste 4,5:1)."
            value={values.primaryColor}
            error={errors.primaryColor}
            required
          />
          <SelectField name="logoMediaId" label="Logo ou blason" options={imageOptions} value={values.logoMediaId} />
          <SelectField
            name="heroMediaId"
            label="Photo de la page d’accueil"
            options={imageOptions}
            value={values.heroMediaId}
          />
          <p class="field__hint">Les images viennent de la médiathèque.</p>
        </fieldset>
        <fieldset class="fieldset card">
          <legend>Coordonnées de la mairie</legend>
          <TextField name="adresse" label="Adresse" value={values.adresse} error={errors.adresse} />
          <TextField name="codePostal" label="Code postal" value={values.codePostal} error={errors.codePostal} />
          <TextField name="telephone" label="Téléphone" type="tel" value={values.telephone} error={errors.telephone} />
          <TextField name="email" label="Courriel" type="email" value={values.email} error={errors.email} />
          <TextField
            name="dpo"
            label="Délégué à la protection des données (DPO)"
            hint="Nom ou organisme et moyen de contact, affichés sur la page « Données personnelles »."
            value={values.dpo}
            error={errors.dpo}
          />
        </fieldset>
        <fieldset class="fieldset card">
          <legend>Horaires d’ouverture</legend>
          <p class="field__hint">Laissez vide une demi-journée de fermeture.</p>
          {DAYS.map((d, i) => (
            <div key={d} class="day-hours">
              <p class="day-hours__name">{DAY_LABELS[i]}</p>
              <TimePair name={`h${d}_X1`} label={`${DAY_LABELS[i]} matin`} values={values} errors={errors} />
              <TimePair name={`h${d}_X2`} label={`${DAY_LABELS[i]} après-midi`} values={values} errors={errors} />
            </div>
          ))}
        </fieldset>
        <fieldset class="fieldset card">
          <legend>Fermetures exceptionnelles</legend>
          {Array.from({ length: CLOSURE_ROWS }, (_, i) => (
            <div key={i} class={errors[`f${i}_du`] ? 'closure field--error' : 'closure'}>
              {errors[`f${i}_du`] && (
                <p class="field__error" id={`erreur-f${i}_du`}>
                  {errors[`f${i}_du`]}
                </p>
              )}
              <TextField name={`f${i}_du`} label={`Fermeture ${i + 1} : du`} type="date" value={values[`f${i}_du`]} />
              <TextField name={`f${i}_au`} label="au" type="date" value={values[`f${i}_au`]} />
              <TextField name={`f${i}_motif`} label="motif" value={values[`f${i}_motif`]} />
            </div>
          ))}
        </fieldset>
        <fieldset class="fieldset card">
          <legend>Déclaration d’accessibilité</legend>
          <p class="field__hint">
            Le site est déclaré « non conforme » tant qu’aucun audit RGAA n’est enregistré : des tests automatiques ne
            remplacent pas un audit.
          </p>
          <TextField
            name="tauxConformite"
            label="Taux de conformité du dernier audit (%)"
            type="number"
            value={values.tauxConformite}
            error={errors.tauxConformite}
          />
          <TextField
            name="dateAudit"
            label="Date de l’audit"
            type="date"
            value={values.dateAudit}
            error={errors.dateAudit}
          />
          <TextField name="auditeur" label="Réalisé par" value={values.auditeur} />
          <TextAreaField
            name="nonConformites"
            label="Contenus non accessibles (non-conformités)"
            value={values.nonConformites}
          />
          <TextAreaField
            name="derogations"
            label="Dérogations pour charge disproportionnée"
            value={values.derogations}
          />
          <TextAreaField
            name="schemaPluriannuel"
            label="Schéma pluriannuel de mise en accessibilité"
            value={values.schemaPluriannuel}
            rows={6}
          />
          <TextAreaField name="planAction" label="Plan d’action de l’année" value={values.planAction} rows={6} />
        </fieldset>
        <button type="submit" class="button">
          Enregistrer les réglages
        </button>
      </form>
    </AdminLayout>
  );
}
