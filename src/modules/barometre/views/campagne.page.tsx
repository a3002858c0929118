import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, Notice } from '../../../ui/form.js';
import { columnDocs } from '../barometre.export.js';
import { acceptsAnswers, STATUT_LABELS, transition } from '../barometre.rules.js';
import type { Campagne } from '../campagnes.service.js';
import type { Rejet } from '../import.rules.js';
import { INSEE_COLUMN } from '../import.rules.js';
import { MULTI_SEPARATOR } from '../questionnaire.rules.js';
import { ScrollTable } from './scroll-table.js';

export interface CampagneView {
  shell: AdminShell;
  campagne: Campagne;
  message?: string | undefined;
  importes?: number | undefined;
  /** The rejected lines of the last import attempt. */
  rejets?: Rejet[];
  importError?: string;
}

function RejetsTable({ rejets }: { rejets: Rejet[] }) {
  return (
    <ScrollTable labelId="rejets-caption">
      <table class="table btable-compact">
        <caption id="rejets-caption">
          {rejets.length} problème{rejets.length > 1 ? 's' : ''} : aucune réponse n’a été importée
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Ligne
            </th>
            <th scope="col">Commune</th>
            <th scope="col">Colonne</th>
            <th scope="col">Motif</th>
          </tr>
        </thead>
        <tbody>
          {rejets.slice(0, 500).map((r, i) => (
            <tr key={i}>
              <td class="num">{r.ligne}</td>
              <td>{r.insee || '—'}</td>
              <td>{r.colonne || '—'}</td>
              <td>{r.motif}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function ImportSection({ v }: { v: CampagneView }) {
  const { annee } = v.campagne;
  return (
    <section class="card" aria-labelledby="import">
      <h2 id="import">Importer les réponses de communes non hébergées</h2>
      <p>
        Un fichier CSV (séparateur point-virgule ou virgule, UTF-8), une ligne par commune : la colonne {INSEE_COLUMN}{' '}
        puis une colonne par code de question. Les choix multiples s’écrivent avec « {MULTI_SEPARATOR} » entre les codes
        (par exemple actualites{MULTI_SEPARATOR}evenements) ; une cellule vide signifie « sans réponse ». Un fichier
        dont une ligne est refusée n’importe rien.
      </p>
      <p>
        <a href={`/plateforme/barometre/${annee}/modele.csv`}>Télécharger le modèle CSV de la campagne {annee}</a>
      </p>
      <details class="bq__docs">
        <summary>Les colonnes du fichier et leurs valeurs</summary>
        <ScrollTable labelId="colonnes-caption">
          <table class="table btable-compact">
            <caption id="colonnes-caption">Colonnes du fichier d’import de la campagne {annee}</caption>
            <thead>
              <tr>
                <th scope="col">Colonne</th>
                <th scope="col">Question</th>
                <th scope="col">Valeurs acceptées</th>
              </tr>
            </thead>
            <tbody>
              {columnDocs(v.campagne.questionnaire).map((c) => (
                <tr key={c.code}>
                  <th scope="row">
                    <code>{c.code}</code>
                  </th>
                  <td>{c.label}</td>
                  <td>{c.valeurs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </details>
      {v.importError && <Notice kind="error">{v.importError}</Notice>}
      {v.rejets && v.rejets.length > 0 && <RejetsTable rejets={v.rejets} />}
      {acceptsAnswers(v.campagne.statut) ? (
        <form method="post" action={`/plateforme/barometre/${annee}/import`} enctype="multipart/form-data" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <div class="field">
            <label for="champ-fichier" class="field__label">
              Fichier CSV des réponses
            </label>
            <input type="file" id="champ-fichier" name="fichier" accept=".csv,text/csv" class="input" />
          </div>
          <button type="submit" class="button">
            Importer
          </button>
        </form>
      ) : (
        <p>La campagne est close : rouvrez-la pour importer des réponses.</p>
      )}
    </section>
  );
}

export function CampagnePage(v: CampagneView) {
  const c = v.campagne;
  const canOpen = transition(c.statut, 'ouvrir') !== null;
  const canClose = transition(c.statut, 'clore') !== null;
  return (
    <AdminLayout shell={v.shell} title={`Campagne ${c.annee}`}>
      <p>
        <a href="/plateforme/barometre">Toutes les campagnes</a>
      </p>
      <h1>Campagne {c.annee}</h1>
      {v.message === 'import' && <Notice kind="success">{v.importes ?? 0} réponse(s) importée(s).</Notice>}
      {v.message === 'statut' && <Notice kind="success">L’état de la campagne a été modifié.</Notice>}
      <p>
        État : <strong>{STATUT_LABELS[c.statut]}</strong>. Questionnaire : {c.questionnaire.titre}.
      </p>
      <div class="bq__actions">
        {canOpen && (
          <form method="post" action={`/plateforme/barometre/${c.annee}/ouvrir`}>
            <CsrfField token={v.shell.csrfToken} />
            <button type="submit" class="button">
              {c.statut === 'close' ? 'Rouvrir la campagne' : 'Ouvrir la campagne aux réponses'}
            </button>
          </form>
        )}
        {canClose && (
          <form method="post" action={`/plateforme/barometre/${c.annee}/clore`}>
            <CsrfField token={v.shell.csrfToken} />
            <button type="submit" class="button">
              Clore la campagne et publier les résultats
            </button>
          </form>
        )}
      </div>
      <section class="card" aria-labelledby="resultats">
        <h2 id="resultats">Résultats</h2>
        <ul>
          <li>
            <a href={`/plateforme/barometre/${c.annee}/resultats`}>
              Voir les résultats{c.statut === 'close' ? '' : ' provisoires'}
            </a>
          </li>
          <li>
            <a href={`/plateforme/barometre/${c.annee}/resultats.csv`}>Agrégats au format CSV</a>
          </li>
          <li>
            <a href={`/plateforme/barometre/${c.annee}/resultats.json`}>Agrégats au format JSON</a>
          </li>
          <li>
            <a href={`/plateforme/barometre/${c.annee}/rapport.pdf`}>Rapport PDF</a>
          </li>
        </ul>
      </section>
      <ImportSection v={v} />
    </AdminLayout>
  );
}
