import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import type { CategoryView } from '../conservation.service.js';
import type { Bordereau, BordereauStatut, Item } from '../rgpd.repo.js';
import { durationLabel } from '../rgpd.rules.js';
import { frDate, RgpdNav } from './rgpd-nav.js';

export const STATUT_LABELS: Record<BordereauStatut, string> = {
  a_viser: 'En attente du visa des archives',
  vise: 'Visé, élimination à la prochaine exécution',
  execute: 'Éliminé',
};

const STATUT_BADGES: Record<BordereauStatut, string> = {
  a_viser: 'badge badge--warning',
  vise: 'badge badge--info',
  execute: 'badge badge--success',
};

export interface EliminationsView {
  shell: AdminShell;
  bordereaux: Bordereau[];
  categories: CategoryView[];
  canEdit: boolean;
  values?: Record<string, string> | undefined;
  errors?: Errors | undefined;
  message?: string | undefined;
}

function Bordereaux({ list }: { list: Bordereau[] }) {
  if (list.length === 0)
    return <p>Aucun bordereau pour l’instant : rien n’a encore dépassé sa durée de conservation.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
    <section class="table-wrap" aria-label="Bordereaux d’élimination" tabIndex={0}>
      <table class="table">
        <caption>
          {list.length} bordereau{list.length > 1 ? 'x' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">N°</th>
            <th scope="col">Établi le</th>
            <th scope="col">Contenu</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {list.map((b) => (
            <tr key={b.id}>
              <th scope="row">
                <a href={`/admin/rgpd/eliminations/${b.id}`}>
                  <span class="sr-only">Bordereau </span>
                  {b.id}
                </a>
              </th>
              <td>{formatDateTime(b.createdAt)}</td>
              <td>
                {b.libelle}
                {b.archive && <span class="small muted"> (archives publiques)</span>}
              </td>
              <td>
                <span class={STATUT_BADGES[b.statut]}>{STATUT_LABELS[b.statut]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const ARCHIVE_OPTIONS = [
  { value: '1', label: 'Oui : élimination après visa du service d’archives' },
  { value: '0', label: 'Non : anonymisation automatique à l’échéance' },
];

function Conservation({ v }: { v: EliminationsView }) {
  const errors = v.errors ?? {};
  if (!v.canEdit) {
    return (
      <ul>
        {v.categories.map((c) => (
          <li key={c.def.key}>
            {c.def.label} : {durationLabel(c.def.unit, c.retention.duree)}
            {c.retention.archive ? ', archives publiques (visa requis)' : ''}
          </li>
        ))}
      </ul>
    );
  }
  const labels: Record<string, string> = {};
  v.categories.forEach((c, i) => {
    labels[`duree_${i}`] = `${c.def.label} – durée`;
    labels[`archive_${i}`] = `${c.def.label} – archives publiques`;
  });
  return (
    <form method="post" action="/admin/rgpd/conservation" noValidate>
      <CsrfField token={v.shell.csrfToken} />
      <ErrorSummary errors={errors} labels={labels} />
      {v.categories.map((c, i) => (
        <fieldset class="fieldset card" key={c.def.key}>
          <legend>{c.def.label}</legend>
          <input type="hidden" name={`categorie_${i}`} value={c.def.key} />
          <p class="small muted">
            {c.def.source}
            {!c.isSet && ' Valeur par défaut.'}
          </p>
          <div class="field-row">
            <TextField
              name={`duree_${i}`}
              label={`Durée, en ${c.def.unit}`}
              type="number"
              value={v.values?.[`duree_${i}`] ?? String(c.retention.duree)}
              error={errors[`duree_${i}`]}
              required
            />
            <SelectField
              name={`archive_${i}`}
              label="Archives publiques"
              value={v.values?.[`archive_${i}`] ?? (c.retention.archive ? '1' : '0')}
              options={ARCHIVE_OPTIONS}
              error={errors[`archive_${i}`]}
            />
          </div>
        </fieldset>
      ))}
      <button type="submit" class="button">
        Enregistrer les durées
      </button>
    </form>
  );
}

/** /admin/rgpd/eliminations: the bordereaux d'élimination and the retention periods. */
export function EliminationsPage(v: EliminationsView) {
  return (
    <AdminLayout shell={v.shell} title="Conservation et éliminations">
      <RgpdNav current="/admin/rgpd/eliminations" />
      <h1>Conservation et éliminations</h1>
      {v.message === 'conservation' && <Notice kind="success">Les durées de conservation ont été enregistrées.</Notice>}
      <p class="lead">
        Chaque nuit, ce qui a dépassé sa durée de conservation est inscrit sur un bordereau d’élimination. Les archives
        publiques ne sont détruites qu’une fois le visa du service d’archives enregistré (Code du patrimoine L212-2) ;
        les autres données sont anonymisées aussitôt. Le journal de traçabilité n’est jamais purgé ici.
      </p>
      <h2>Bordereaux d’élimination</h2>
      <Bordereaux list={v.bordereaux} />
      <h2>Durées de conservation</h2>
      <Conservation v={v} />
    </AdminLayout>
  );
}

export interface BordereauView {
  shell: AdminShell;
  bordereau: Bordereau;
  items: Item[];
  canVisa: boolean;
  values?: Record<string, string> | undefined;
  errors?: Errors | undefined;
  message?: string | undefined;
}

const VISA_LABELS = {
  visa_date: 'Date du visa',
  visa_service: 'Service d’archives',
  visa_reference: 'Référence du visa',
};

/** /admin/rgpd/eliminations/:id: one bordereau, its items and the visa form. */
export function BordereauPage(v: BordereauView) {
  const b = v.bordereau;
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title={`Bordereau d’élimination n° ${b.id}`}>
      <RgpdNav current="/admin/rgpd/eliminations" />
      <p>
        <a href="/admin/rgpd/eliminations">Retour aux bordereaux</a>
      </p>
      <h1>Bordereau d’élimination n° {b.id}</h1>
      {v.message === 'vise' && (
        <Notice kind="success">
          Le visa est enregistré : l’élimination sera faite lors de la prochaine exécution.
        </Notice>
      )}
      <ul>
        <li>Établi le {formatDateTime(b.createdAt)}</li>
        <li>{b.libelle}</li>
        <li>
          État : <span class={STATUT_BADGES[b.statut]}>{STATUT_LABELS[b.statut]}</span>
        </li>
        {b.visaDate && (
          <li>
            Visa du {frDate(b.visaDate)} par {b.visaService}, référence {b.visaReference}
          </li>
        )}
        {b.executedAt && <li>Éliminé le {formatDateTime(b.executedAt)}</li>}
      </ul>
      {b.statut === 'a_viser' && v.canVisa && (
        <form method="post" action={`/admin/rgpd/eliminations/${b.id}/visa`} class="card" noValidate>
          <h2 class="card__title">Enregistrer le visa du service d’archives</h2>
          <ErrorSummary errors={errors} labels={VISA_LABELS} />
          <CsrfField token={v.shell.csrfToken} />
          <TextField
            name="visa_date"
            type="date"
            label={VISA_LABELS.visa_date}
            value={v.values?.visa_date}
            error={errors.visa_date}
            required
          />
          <TextField
            name="visa_service"
            label={VISA_LABELS.visa_service}
            hint="Par exemple : Archives départementales."
            value={v.values?.visa_service}
            error={errors.visa_service}
            required
          />
          <TextField
            name="visa_reference"
            label={VISA_LABELS.visa_reference}
            value={v.values?.visa_reference}
            error={errors.visa_reference}
            required
          />
          <button type="submit" class="button">
            Enregistrer le visa
          </button>
        </form>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable) */}
      <section class="table-wrap" aria-label="Éléments du bordereau" tabIndex={0}>
        <table class="table">
          <caption>
            {v.items.length} élément{v.items.length > 1 ? 's' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Élément</th>
              <th scope="col">Fin de conservation</th>
              <th scope="col">Éliminé le</th>
            </tr>
          </thead>
          <tbody>
            {v.items.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.libelle}</th>
                <td>{frDate(i.echeance)}</td>
                <td>{i.eliminatedAt ? formatDateTime(i.eliminatedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AdminLayout>
  );
}
