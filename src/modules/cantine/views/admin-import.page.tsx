import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, Notice } from '../../../ui/form.js';
import type { ImportProblem } from '../scdl-import.rules.js';

/** How many problems the report lists: past that, the file is surely not the right one. */
const MAX_SHOWN = 200;

export interface ImportView {
  shell: AdminShell;
  text?: string;
  problems?: ImportProblem[];
  error?: string;
  done?: { menus: number; dishes: number; createdPlats: number };
}

function Report({ problems }: { problems: ImportProblem[] }) {
  return (
    <div class="alert alert--error" role="alert" tabIndex={-1} id="erreurs">
      <h2 class="alert__title">
        Rien n’a été importé : {problems.length === 1 ? 'un problème' : `${problems.length} problèmes`} dans le fichier
      </h2>
      <div class="table-wrap cantine-table-wrap">
        <table class="table">
          <caption>Lignes refusées et raisons</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Colonne</th>
              <th scope="col">Problème</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, MAX_SHOWN).map((p, i) => (
              <tr key={i}>
                <td>{p.line ?? 'fichier'}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > MAX_SHOWN && <p>… et {problems.length - MAX_SHOWN} autres problèmes.</p>}
    </div>
  );
}

/** /admin/cantine/import: a supplier's file, sent or pasted, imported all or nothing. */
export function ImportPage(v: ImportView) {
  return (
    <AdminLayout shell={v.shell} title="Importer des menus">
      <p>
        <a href="/admin/cantine">← Retour à la cantine</a>
      </p>
      <h1>Importer des menus</h1>
      {v.done && (
        <Notice kind="success">
          Import réussi : {v.done.menus} menu{v.done.menus > 1 ? 's' : ''} ({v.done.dishes} plats servis),{' '}
          {v.done.createdPlats} nouveau{v.done.createdPlats > 1 ? 'x' : ''} plat{v.done.createdPlats > 1 ? 's' : ''}.
        </Notice>
      )}
      {v.problems && v.problems.length > 0 && <Report problems={v.problems} />}
      {v.error && <Notice kind="error">{v.error}</Notice>}
      <p>
        Le fichier suit le schéma national « menus collectifs » (SCDL, version 1.2.3) : une ligne par plat et par jour,
        séparée par des virgules ou des points-virgules, encodée en UTF-8. Les colonnes menuRestaurantNom, menuDate,
        menuRepasType, menuPlatType et menuPlatNom sont obligatoires ; le nom du restaurant doit être celui d’un
        restaurant de la commune. Chaque menu du fichier remplace celui du même jour et du même repas. Si une seule
        ligne est incorrecte, rien n’est importé.
      </p>
      <form method="post" action="/admin/cantine/import" enctype="multipart/form-data" class="card">
        <CsrfField token={v.shell.csrfToken} />
        <div class="field">
          <label for="champ-fichier" class="field__label">
            Fichier CSV
          </label>
          <p class="field__hint" id="aide-fichier">
            1 Mo au plus.
          </p>
          <input
            type="file"
            class="cantine-fichier"
            id="champ-fichier"
            name="fichier"
            accept=".csv,text/csv"
            aria-describedby="aide-fichier"
          />
        </div>
        <div class="field">
          <label for="champ-texte" class="field__label">
            Ou collez le contenu du fichier
          </label>
          <p class="field__hint" id="aide-texte">
            Utilisé seulement quand aucun fichier n’est choisi ; 200 000 caractères environ au plus.
          </p>
          <textarea id="champ-texte" name="texte" class="input input--area" rows={10} aria-describedby="aide-texte">
            {v.text ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          Importer
        </button>
      </form>
    </AdminLayout>
  );
}
