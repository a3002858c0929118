import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { PUBLICITE_LABELS, PUBLICITE_MODES, SEUIL_CHOIX_PUBLICITE } from '../actes.rules.js';
import { REGLAGE_FIELD_LABELS } from '../actes.schemas.js';
import type { Classification } from '../classification.rules.js';
import { IMPORT_COLUMNS, IMPORT_OPTIONAL_COLUMNS, type ImportProblem } from '../import.rules.js';
import type { ActesReglageView } from '../reglage.service.js';
import { MESSAGES } from './actes-admin.page.js';
import { formatDay, formatInstant } from './format.js';

export interface ReglagesView {
  shell: AdminShell;
  reglage: ActesReglageView;
  values: Record<string, string>;
  errors: Errors;
  classification: { current: Classification; versions: { dateVersion: string; importedAt: string; count: number }[] };
  classificationError?: string | undefined;
  message?: string | undefined;
  population: number;
}

export const reglageValues = (r: ActesReglageView): Record<string, string> => ({
  publiciteMode: r.publiciteMode ?? 'electronique',
  publiciteDeliberation: r.publiciteDeliberation ?? '',
  publiciteDeliberationDate: r.publiciteDeliberationDate ?? '',
  arrondissement: r.arrondissement ?? '',
  referentNom: r.referentNom ?? '',
  referentEmail: r.referentEmail ?? '',
  referentTelephone: r.referentTelephone ?? '',
});

/** /admin/actes/reglages: publicity mode (L2131-1 IV), @CTES details, classification versions. */
export function ReglagesPage(v: ReglagesView) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const { values, errors } = v;
  return (
    <AdminLayout shell={v.shell} title="Réglages des actes">
      <p>
        <a href="/admin/actes">← Retour aux actes</a>
      </p>
      <h1>Réglages des actes</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary errors={errors} labels={REGLAGE_FIELD_LABELS} />
      <form method="post" action="/admin/actes/reglages" novalidate class="card">
        <CsrfField token={v.shell.csrfToken} />
        <fieldset class="fieldset">
          <legend>Mode de publicité des actes</legend>
          {v.reglage.choixPossible ? (
            <p class="field__hint">
              Dans les communes de moins de {SEUIL_CHOIX_PUBLICITE.toLocaleString('fr-FR')} habitants, le conseil
              municipal choisit le mode de publicité des actes réglementaires et des décisions ni réglementaires ni
              individuelles (article L2131-1 IV du CGCT). Sans délibération, la publication électronique s’applique.
            </p>
          ) : (
            <p class="field__hint">
              La commune compte {v.population.toLocaleString('fr-FR')} habitants : ses actes sont publiés sous forme
              électronique.
            </p>
          )}
          {PUBLICITE_MODES.map((m) => (
            <div class="field field--checkbox" key={m}>
              <input
                type="radio"
                class="checkbox"
                id={`champ-publiciteMode-${m}`}
                name="publiciteMode"
                value={m}
                checked={values.publiciteMode === m}
                disabled={!v.reglage.choixPossible && m !== 'electronique'}
              />
              <label for={`champ-publiciteMode-${m}`}>{PUBLICITE_LABELS[m]}</label>
            </div>
          ))}
          {errors.publiciteMode && (
            <p class="field__error" id="champ-publiciteMode">
              {errors.publiciteMode}
            </p>
          )}
          <TextField
            name="publiciteDeliberation"
            label="Délibération qui a choisi ce mode"
            hint="Numéro ou référence de la délibération du conseil municipal."
            value={values.publiciteDeliberation}
            error={errors.publiciteDeliberation}
          />
          <TextField
            name="publiciteDeliberationDate"
            type="date"
            label="Date de cette délibération"
            value={values.publiciteDeliberationDate}
            error={errors.publiciteDeliberationDate}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>Transmission au contrôle de légalité (@CTES)</legend>
          <TextField
            name="arrondissement"
            label="Arrondissement"
            hint="Chiffre de l’arrondissement de la commune dans le département."
            value={values.arrondissement}
            error={errors.arrondissement}
          />
          <TextField name="referentNom" label="Référent @CTES" value={values.referentNom} error={errors.referentNom} />
          <TextField
            name="referentEmail"
            type="email"
            label="Adresse électronique du référent"
            value={values.referentEmail}
            error={errors.referentEmail}
          />
          <TextField
            name="referentTelephone"
            type="tel"
            label="Téléphone du référent"
            value={values.referentTelephone}
            error={errors.referentTelephone}
          />
        </fieldset>
        <button class="button" type="submit">
          Enregistrer les réglages
        </button>
      </form>

      <section aria-labelledby="classification" class="card">
        <h2 id="classification">Classification des matières</h2>
        <p>
          {v.classification.current.dateVersion
            ? `Classification de la préfecture en vigueur : version du ${formatDay(v.classification.current.dateVersion)}, ${v.classification.current.items.length} matières.`
            : 'Aucune classification de la préfecture n’est importée : la nomenclature nationale (niveaux 1 et 2) est utilisée.'}
        </p>
        {v.classification.versions.length > 0 && (
          <ul>
            {v.classification.versions.map((x) => (
              <li key={x.dateVersion}>
                Version du {formatDay(x.dateVersion)} ({x.count} matières), importée le {formatInstant(x.importedAt)}
              </li>
            ))}
          </ul>
        )}
        {v.classificationError && (
          <Notice kind="error">
            <p>{v.classificationError}</p>
          </Notice>
        )}
        <form method="post" action="/admin/actes/classification" enctype="multipart/form-data">
          <CsrfField token={v.shell.csrfToken} />
          <div class="field">
            <label class="field__label" for="champ-classification">
              Fichier de classification de la préfecture (XML RetourClassification, message 7-2)
            </label>
            <input class="input" type="file" id="champ-classification" name="classification" accept=".xml" />
          </div>
          <button class="button button--ghost" type="submit">
            Importer la classification
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

export interface ImportView {
  shell: AdminShell;
  problems?: ImportProblem[];
  error?: string;
  done?: number;
}

/** /admin/actes/import: past acts, CSV + zip of PDFs, all or nothing. */
export function ImportActesPage(v: ImportView) {
  return (
    <AdminLayout shell={v.shell} title="Importer des actes anciens">
      <p>
        <a href="/admin/actes">← Retour aux actes</a>
      </p>
      <h1>Importer des actes anciens</h1>
      {v.done !== undefined && (
        <Notice kind="success">
          <p>
            {v.done} acte{v.done > 1 ? 's ont été importés' : ' a été importé'} et publié{v.done > 1 ? 's' : ''} dans le
            registre.
          </p>
        </Notice>
      )}
      {v.error && (
        <Notice kind="error">
          <p>{v.error}</p>
        </Notice>
      )}
      {v.problems && v.problems.length > 0 && (
        <div class="alert alert--error" role="alert">
          <h2 class="alert__title">Aucun acte n’a été importé : corrigez ces lignes et recommencez</h2>
          <ul class="import-problems">
            {v.problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>
                {p.line > 0 ? `Ligne ${p.line} : ` : ''}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        Le fichier CSV (séparateur point-virgule ou virgule, encodé en UTF-8) décrit un acte par ligne avec les colonnes{' '}
        <code class="empreinte">{IMPORT_COLUMNS.join(';')}</code>, et facultativement{' '}
        <code class="empreinte">{IMPORT_OPTIONAL_COLUMNS.join(';')}</code>. La colonne <code>fichier</code> donne le nom
        du PDF dans l’archive ZIP. Les dates s’écrivent AAAA-MM-JJ ou JJ/MM/AAAA ; la nature en toutes lettres ou par
        son code @CTES (DE, AR, AI, CC, BF, AU). Pour une décision individuelle, <code>date_publication</code> est la
        date de notification. L’import est entier ou nul : une seule ligne fausse et rien n’est importé.
      </p>
      <form method="post" action="/admin/actes/import" enctype="multipart/form-data" class="card">
        <CsrfField token={v.shell.csrfToken} />
        <div class="field">
          <label class="field__label" for="champ-csv">
            Fichier CSV des actes
          </label>
          <input class="input" type="file" id="champ-csv" name="csv" accept=".csv,text/csv" />
        </div>
        <div class="field">
          <label class="field__label" for="champ-archive">
            Archive ZIP des PDF
          </label>
          <input class="input" type="file" id="champ-archive" name="archive" accept=".zip,application/zip" />
        </div>
        <button class="button" type="submit">
          Importer
        </button>
      </form>
    </AdminLayout>
  );
}
