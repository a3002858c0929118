import type { ComponentChildren } from 'preact';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  type Errors,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../ui/form.js';
import { POINT_FIELD_LABELS } from '../conseil.schemas.js';

/** Pieces shared by the conseil's back-office pages. */

type Option = { value: string; label: string };

/** A member's options in a select, after the empty choice (« — aucun — », « — à désigner — »…). */
export const membreOptions = (membres: readonly { id: number; prenom: string; nom: string }[], empty: string) => [
  { value: '', label: empty },
  ...membres.map((m) => ({ value: String(m.id), label: `${m.prenom} ${m.nom}` })),
];

/** A captioned table with a header row of column titles; the rows come as children. */
export function DataTable(props: { caption: string; columns: readonly string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** The fields of a point of the ordre du jour, with their error summary: the same when adding and changing it. */
export function PointFields(props: {
  csrfToken: string;
  values: Record<string, string>;
  errors: Errors;
  membres: Option[];
}) {
  const { values, errors } = props;
  return (
    <>
      <ErrorSummary errors={errors} labels={POINT_FIELD_LABELS} />
      <CsrfField token={props.csrfToken} />
      <TextField name="titre" label="Titre" required value={values.titre} error={errors.titre} />
      <SelectField
        name="rapporteurId"
        label="Rapporteur"
        value={values.rapporteurId}
        options={props.membres}
        error={errors.rapporteurId}
      />
      <TextAreaField
        name="note"
        label="Note explicative"
        hint="Séparez les paragraphes par une ligne vide : chacun devient un considérant du projet de délibération."
        value={values.note}
        error={errors.note}
        rows={5}
      />
      <TextField
        name="matiereCode"
        label="Matière (nomenclature ACTES)"
        hint="Par exemple 7.1 pour les décisions budgétaires."
        value={values.matiereCode}
        error={errors.matiereCode}
      />
      <CheckboxField
        name="nomination"
        label="Nomination ou désignation (scrutin secret sauf renonciation unanime, trois tours au plus)"
        checked={Boolean(values.nomination)}
      />
    </>
  );
}
