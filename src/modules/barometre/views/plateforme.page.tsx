import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import { STATUT_LABELS } from '../barometre.rules.js';
import type { CampagneOverview } from '../campagnes.service.js';
import { EDITIONS } from '../questionnaire.data.js';
import { ScrollTable } from './scroll-table.js';

export interface BarometrePlateformeView {
  shell: AdminShell;
  campagnes: CampagneOverview[];
  observatoire: boolean;
  message?: string | undefined;
  values?: Record<string, string>;
  errors?: Errors;
}

const MESSAGES: Record<string, string> = {
  creee: 'La campagne a été créée. Ouvrez-la pour que les communes puissent répondre.',
  observatoire: 'Le réglage de l’observatoire public a été enregistré.',
};

export function BarometrePlateformePage(v: BarometrePlateformeView) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Baromètre numérique">
      <p>
        <a href="/plateforme">Console de la plateforme</a>
      </p>
      <h1>Baromètre numérique</h1>
      {v.message && MESSAGES[v.message] && <Notice kind="success">{MESSAGES[v.message]}</Notice>}
      <ScrollTable labelId="campagnes-caption">
        <table class="table">
          <caption id="campagnes-caption">Campagnes</caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col">État</th>
              <th scope="col" class="num">
                Réponses soumises
              </th>
              <th scope="col" class="num">
                dont importées
              </th>
              <th scope="col" class="num">
                Brouillons
              </th>
            </tr>
          </thead>
          <tbody>
            {v.campagnes.map(({ campagne: c, counts }) => (
              <tr key={c.annee}>
                <th scope="row">
                  <a href={`/plateforme/barometre/${c.annee}`}>Campagne {c.annee}</a>
                </th>
                <td>{STATUT_LABELS[c.statut]}</td>
                <td class="num">{counts.soumises}</td>
                <td class="num">{counts.importees}</td>
                <td class="num">{counts.brouillons}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {v.campagnes.length === 0 && <p>Aucune campagne pour l’instant.</p>}
      <section class="card" aria-labelledby="observatoire">
        <h2 id="observatoire">Observatoire public</h2>
        <p>
          {v.observatoire
            ? 'L’observatoire est ouvert : les résultats des campagnes closes sont publics à l’adresse /observatoire.'
            : 'L’observatoire est fermé : les résultats ne sont visibles que dans cette console.'}
        </p>
        <form method="post" action="/plateforme/barometre/observatoire">
          <CsrfField token={v.shell.csrfToken} />
          <input type="hidden" name="ouvert" value={v.observatoire ? '0' : '1'} />
          <button type="submit" class="button">
            {v.observatoire ? 'Fermer l’observatoire public' : 'Ouvrir l’observatoire public'}
          </button>
        </form>
        {v.observatoire && (
          <p>
            <a href="/observatoire">Voir l’observatoire public</a>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="nouvelle">
        <h2 id="nouvelle">Nouvelle campagne</h2>
        <ErrorSummary errors={errors} labels={{ annee: 'Année', edition: 'Édition du questionnaire' }} />
        <form method="post" action="/plateforme/barometre/campagnes" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <TextField name="annee" label="Année" value={v.values?.annee} error={errors.annee} required />
          <SelectField
            name="edition"
            label="Édition du questionnaire"
            hint="Les codes des questions restent les mêmes d’une édition à l’autre : les évolutions se calculent sur les questions communes."
            value={v.values?.edition ?? EDITIONS[0]!.edition}
            options={EDITIONS.map((e) => ({ value: e.edition, label: e.titre }))}
            error={errors.edition}
            required
          />
          <button type="submit" class="button">
            Créer la campagne
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
