import type { CommuneListItem } from '../../../core/tenancy/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';

export interface PlateformeView {
  shell: AdminShell;
  communes: CommuneListItem[];
  added?: string | undefined;
  values?: Record<string, string>;
  errors?: Errors;
}

export function PlateformePage(v: PlateformeView) {
  const errors = v.errors ?? {};
  const values = v.values ?? {};
  return (
    <AdminLayout shell={v.shell} title="Console de la plateforme">
      <h1>Console de la plateforme</h1>
      {v.added && <Notice kind="success">La commune {v.added} a été ajoutée.</Notice>}
      <div class="table-wrap">
        <table class="table">
          <caption>
            {v.communes.length} commune{v.communes.length > 1 ? 's' : ''} hébergée{v.communes.length > 1 ? 's' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Commune</th>
              <th scope="col">Code INSEE</th>
              <th scope="col">Population</th>
              <th scope="col">Intercommunalité</th>
              <th scope="col">Adresses</th>
            </tr>
          </thead>
          <tbody>
            {v.communes.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.nom}
                  {c.isDemo && <span class="badge badge--muted"> démonstration</span>}
                </td>
                <td>{c.insee}</td>
                <td class="num">{c.population.toLocaleString('fr-FR')}</td>
                <td>{c.epciNom ?? '—'}</td>
                <td>{c.hosts.length > 0 ? c.hosts.join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="card" aria-labelledby="ajouter">
        <h2 id="ajouter">Ajouter une commune</h2>
        <p>Le nom, la population, le département et l’intercommunalité viennent du code officiel géographique.</p>
        <ErrorSummary errors={errors} labels={{ insee: 'Code INSEE', host: 'Nom d’hôte' }} />
        <form method="post" action="/plateforme/communes" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <TextField
            name="insee"
            label="Code INSEE de la commune"
            hint="5 caractères, par exemple 35238 (différent du code postal)."
            value={values.insee}
            error={errors.insee}
            required
          />
          <TextField
            name="host"
            label="Nom d’hôte du site"
            hint="Facultatif, par exemple www.mairie-exemple.fr."
            value={values.host}
            error={errors.host}
          />
          <button type="submit" class="button">
            Ajouter la commune
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
