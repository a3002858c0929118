import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice } from '../../../ui/form.js';
import { MAX_IMPORT_FILE_BYTES } from '../import-form.js';
import { type ImportReport, problemFr, reportRowsFr } from '../import-wordpress.report.js';

const LABELS = { wxr: 'Export WordPress', uploads: 'Archive des fichiers' };
const MAX_MB = MAX_IMPORT_FILE_BYTES / 1024 / 1024;

function FileField(props: { name: string; label: string; hint: string; accept: string; error?: string | undefined }) {
  const { name, error } = props;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for={`champ-${name}`}>
        {props.label}
      </label>
      <p class="field__hint" id={`aide-${name}`}>
        {props.hint}
      </p>
      {error && (
        <p class="field__error" id={`erreur-${name}`}>
          <span class="sr-only">Erreur : </span>
          {error}
        </p>
      )}
      <input
        class="input"
        type="file"
        id={`champ-${name}`}
        name={name}
        accept={props.accept}
        aria-describedby={error ? `aide-${name} erreur-${name}` : `aide-${name}`}
      />
    </div>
  );
}

function Report({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="bilan">
      <h2 id="bilan">Bilan de l’import</h2>
      <Notice kind={report.problems.length === 0 ? 'success' : 'info'}>
        {report.problems.length === 0
          ? 'L’import est terminé sans problème.'
          : `L’import est terminé. ${report.problems.length === 1 ? 'Un point demande' : `${report.problems.length} points demandent`} votre attention.`}
      </Notice>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard */}
      <section class="table-wrap" aria-labelledby="bilan-tableau" tabIndex={0}>
        <table class="table import-report">
          <caption id="bilan-tableau">Éléments importés</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Créés</th>
              <th scope="col">Mis à jour</th>
              <th scope="col">Inchangés</th>
            </tr>
          </thead>
          <tbody>
            {reportRowsFr(report).map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.counts.created}</td>
                <td>{row.counts.updated}</td>
                <td>{row.counts.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {report.problems.length > 0 && (
        <>
          <h3>Points à vérifier</h3>
          <ul class="import-problems">
            {report.problems.map((p, i) => (
              <li key={i}>{problemFr(p)}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/admin/actualites">Voir les actualités</a> · <a href="/admin/pages">Voir les pages</a> ·{' '}
        <a href="/admin/medias">Voir la médiathèque</a>
      </p>
    </section>
  );
}

export function ImportWordpressPage(v: {
  shell: AdminShell;
  errors?: Errors | undefined;
  report?: ImportReport | undefined;
}) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Importer un site WordPress">
      <h1>Importer un site WordPress</h1>
      {v.report && <Report report={v.report} />}
      <section class="card" aria-labelledby="importer">
        <h2 id="importer">{v.report ? 'Importer à nouveau' : 'Fichiers à envoyer'}</h2>
        <p>
          Les articles deviennent des actualités (publiées à leur date d’origine, ou brouillons), les pages gardent leur
          arborescence (trois niveaux au plus) et les images et PDF rejoignent la médiathèque. Les liens sont réécrits
          vers les nouvelles adresses. Importer deux fois le même fichier ne crée pas de doublon.
        </p>
        <ErrorSummary errors={errors} labels={LABELS} />
        <form method="post" action="/admin/import-wordpress" enctype="multipart/form-data" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <FileField
            name="wxr"
            label="Export WordPress (obligatoire)"
            hint={`Le fichier XML produit dans WordPress par Outils > Exporter > Tout le contenu ; ${MAX_MB} Mo au plus.`}
            accept=".xml,application/xml,text/xml"
            error={errors.wxr}
          />
          <FileField
            name="uploads"
            label="Archive des fichiers (facultatif)"
            hint={`Le dossier wp-content/uploads du site compressé en ZIP, pour reprendre les images et les PDF ; ${MAX_MB} Mo au plus.`}
            accept=".zip,application/zip"
            error={errors.uploads}
          />
          <button type="submit" class="button">
            Importer
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
