import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  type Errors,
  Notice,
  SelectField,
  TextField,
} from '../../../ui/form.js';
import { ALLERGENS, allergensText, COURSES, LABELS } from '../cantine.rules.js';
import type { Plat } from '../plats.service.js';
import { LabelAbbr } from './plat-info.js';

const MESSAGES: Record<string, string> = {
  cree: 'Le plat a été ajouté.',
  modifie: 'Le plat a été modifié ; les menus qui le servent sont à jour.',
};

/** /admin/cantine/plats: every dish, course by course, with what is still to be entered. */
export function PlatsPage(v: { shell: AdminShell; plats: Plat[]; message?: string | undefined }) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Plats de la cantine">
      <p>
        <a href="/admin/cantine">← Retour à la cantine</a>
      </p>
      <h1>Plats de la cantine</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a class="button" href="/admin/cantine/plats/nouveau">
          Ajouter un plat
        </a>
      </p>
      {COURSES.map((c) => {
        const plats = v.plats.filter((p) => p.type === c.code);
        if (plats.length === 0) return null;
        return (
          <div key={c.code} class="table-wrap cantine-table-wrap">
            <table class="table">
              <caption>{c.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Plat</th>
                  <th scope="col">Labels</th>
                  <th scope="col">Allergènes</th>
                </tr>
              </thead>
              <tbody>
                {plats.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <a href={`/admin/cantine/plats/${p.id}`}>{p.nom}</a>
                      {p.vegetarien && <span class="cantine-tag"> végétarien</span>}
                    </th>
                    <td>
                      {p.labels.map((code) => (
                        <LabelAbbr key={code} code={code} />
                      ))}
                    </td>
                    <td>
                      {p.allergenesRenseignes ? (
                        allergensText(p.allergenes, true)
                      ) : (
                        <span class="badge badge--muted">À renseigner</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </AdminLayout>
  );
}

function CheckboxGroup(p: {
  name: string;
  legend: string;
  hint: string;
  options: { value: string; label: string; hint?: string }[];
  checked: string[];
  error?: string | undefined;
}) {
  return (
    <fieldset class={p.error ? 'field field--error cantine-cases' : 'field cantine-cases'} id={`champ-${p.name}`}>
      <legend class="field__label">{p.legend}</legend>
      <p class="field__hint">{p.hint}</p>
      {p.error && <p class="field__error">{p.error}</p>}
      {p.options.map((o) => (
        <div key={o.value} class="field--checkbox cantine-case">
          <input
            type="checkbox"
            class="checkbox"
            id={`champ-${p.name}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={p.checked.includes(o.value)}
            aria-describedby={o.hint ? `aide-${p.name}-${o.value}` : undefined}
          />
          <label for={`champ-${p.name}-${o.value}`}>{o.label}</label>
          {o.hint && (
            <p class="field__hint" id={`aide-${p.name}-${o.value}`}>
              {o.hint}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}

export interface PlatFormValues {
  nom: string;
  type: string;
  allergenes: string[];
  labels: string[];
  vegetarien: boolean;
}

/** Adds or edits a dish: its course, the 14 allergens, its labels. */
export function PlatFormPage(v: { shell: AdminShell; plat: Plat | null; values: PlatFormValues; errors?: Errors }) {
  const errors = v.errors ?? {};
  const title = v.plat ? `Modifier « ${v.plat.nom} »` : 'Ajouter un plat';
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href="/admin/cantine/plats">← Retour aux plats</a>
      </p>
      <h1>{title}</h1>
      {v.plat && !v.plat.allergenesRenseignes && (
        <Notice kind="info">Les allergènes de ce plat n’ont pas encore été renseignés.</Notice>
      )}
      <ErrorSummary
        errors={errors}
        labels={{ nom: 'Nom du plat', type: 'Type de plat', allergenes: 'Allergènes', labels: 'Labels' }}
      />
      <form
        method="post"
        action={v.plat ? `/admin/cantine/plats/${v.plat.id}` : '/admin/cantine/plats/nouveau'}
        novalidate
        class="card"
      >
        <CsrfField token={v.shell.csrfToken} />
        <TextField name="nom" label="Nom du plat" value={v.values.nom} error={errors.nom} required />
        <SelectField
          name="type"
          label="Type de plat"
          options={COURSES.map((c) => ({ value: c.code, label: c.label }))}
          value={v.values.type}
          error={errors.type}
          required
        />
        <CheckboxField
          name="vegetarien"
          label="Plat végétarien (sans viande ni poisson)"
          checked={v.values.vegetarien}
        />
        <CheckboxGroup
          name="allergenes"
          legend="Allergènes présents"
          hint="Cochez chaque allergène que le plat contient. Sans case cochée, le site affiche « aucun allergène à déclarer »."
          options={ALLERGENS.map((a) => ({ value: a.code, label: a.label, hint: a.legal }))}
          checked={v.values.allergenes}
          error={errors.allergenes}
        />
        <CheckboxGroup
          name="labels"
          legend="Signes de qualité"
          hint="Ceux que la loi EGalim compte parmi les produits durables et de qualité."
          options={LABELS.map((l) => ({ value: l.code, label: `${l.label} (${l.abbr})` }))}
          checked={v.values.labels}
          error={errors.labels}
        />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
    </AdminLayout>
  );
}
