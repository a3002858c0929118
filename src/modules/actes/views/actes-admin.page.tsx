import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  type Errors,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../ui/form.js';
import type { Acte } from '../actes.repo.js';
import {
  type ActeStatut,
  EXCEPTIONS_TRANSMISSION,
  NATURE_INFO,
  NATURES,
  STATUT_LABELS,
  STATUTS,
} from '../actes.rules.js';
import { ACTE_FIELD_LABELS } from '../actes.schemas.js';
import type { MatiereItem } from '../classification.rules.js';
import { formatDay } from './format.js';

export const MESSAGES: Record<string, string> = {
  cree: 'L’acte a été enregistré comme projet. Relisez-le, puis signez-le.',
  enregistre: 'Les modifications ont été enregistrées.',
  document: 'Le PDF signé a été joint à l’acte.',
  annexe: 'L’annexe a été ajoutée.',
  annexe_supprimee: 'L’annexe a été retirée du projet.',
  signe: 'L’acte est signé : son document est désormais définitif.',
  publie: 'L’acte est publié. Son empreinte est inscrite au registre d’intégrité.',
  notifie: 'La notification de la décision est enregistrée.',
  transmis: 'La transmission au contrôle de légalité est enregistrée.',
  retour: 'Le retour de la préfecture a été enregistré.',
  fin: 'Le retrait ou l’annulation est enregistré. L’acte reste au registre avec cette mention.',
  reglages: 'Les réglages des actes ont été enregistrés.',
  classification: 'La classification de la préfecture a été importée.',
};

const STATUT_BADGE: Record<ActeStatut, string> = {
  projet: 'badge badge--muted',
  signe: 'badge badge--info',
  publie: 'badge badge--success',
  notifie: 'badge badge--success',
  retire: 'badge badge--warning',
  annule: 'badge badge--warning',
};

export const StatutBadge = ({ statut }: { statut: ActeStatut }) => (
  <span class={STATUT_BADGE[statut]}>{STATUT_LABELS[statut]}</span>
);

export interface ActesAdminView {
  shell: AdminShell;
  items: (Acte & { executoire: boolean })[];
  total: number;
  page: number;
  pageCount: number;
  filters: { statut: string | null; nature: string | null };
  message?: string | undefined;
  error?: string | undefined;
}

/** /admin/actes: the register as the mairie keeps it. */
export function ActesAdminPage(v: ActesAdminView) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const qs = (page: number) => {
    const p = new URLSearchParams();
    if (v.filters.statut) p.set('statut', v.filters.statut);
    if (v.filters.nature) p.set('nature', v.filters.nature);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `/admin/actes?${s}` : '/admin/actes';
  };
  return (
    <AdminLayout shell={v.shell} title="Actes administratifs">
      <h1>Actes administratifs</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {v.error && (
        <Notice kind="error">
          <p>{v.error}</p>
        </Notice>
      )}
      <p class="actions">
        <a class="button button--ghost" href="#retour-prefecture">
          Importer un retour de la préfecture
        </a>{' '}
        <a class="button" href="/admin/actes/nouveau">
          Rédiger un acte
        </a>{' '}
        <a class="button button--ghost" href="/admin/actes/import">
          Importer des actes anciens
        </a>{' '}
        <a class="button button--ghost" href="/admin/actes/reglages">
          Réglages et classification
        </a>
      </p>
      <form method="get" action="/admin/actes" class="actes-filters">
        <SelectField
          name="statut"
          label="État"
          value={v.filters.statut ?? ''}
          options={[{ value: '', label: 'Tous' }, ...STATUTS.map((s) => ({ value: s, label: STATUT_LABELS[s] }))]}
        />
        <SelectField
          name="nature"
          label="Nature"
          value={v.filters.nature ?? ''}
          options={[{ value: '', label: 'Toutes' }, ...NATURES.map((n) => ({ value: n, label: NATURE_INFO[n].label }))]}
        />
        <button class="button" type="submit">
          Filtrer
        </button>
      </form>
      <p role="status">
        {v.total} acte{v.total > 1 ? 's' : ''}
      </p>
      {v.items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>Actes de la commune, de la décision la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Objet</th>
                <th scope="col">Nature</th>
                <th scope="col">Décision</th>
                <th scope="col">État</th>
                <th scope="col">Exécutoire</th>
              </tr>
            </thead>
            <tbody>
              {v.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.numero}</td>
                  <td>
                    <a href={`/admin/actes/${a.id}`}>{a.objet}</a>
                  </td>
                  <td>{NATURE_INFO[a.nature].label}</td>
                  <td>{formatDay(a.dateDecision)}</td>
                  <td>
                    <StatutBadge statut={a.statut} />
                  </td>
                  <td>{a.executoire ? 'Oui' : 'Non'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        method="post"
        action="/admin/actes/retour-prefecture"
        enctype="multipart/form-data"
        class="card"
        id="retour-prefecture"
      >
        <CsrfField token={v.shell.csrfToken} />
        <fieldset class="fieldset">
          <legend>Importer un retour de la préfecture</legend>
          <div class="field">
            <label class="field__label" for="champ-retour">
              Accusé de réception (1-2) ou anomalie (1-3), fichier XML ou archive .tar.gz
            </label>
            <input class="input" type="file" id="champ-retour" name="fichier" accept=".xml,.gz" />
          </div>
          <button class="button button--ghost" type="submit">
            Importer le retour
          </button>
        </fieldset>
      </form>
      {v.pageCount > 1 && (
        <nav class="pagination" aria-label="Pagination">
          <ul class="pagination__list">
            {Array.from({ length: v.pageCount }, (_, i) => i + 1)
              .filter((n) => n === 1 || n === v.pageCount || Math.abs(n - v.page) <= 2)
              .map((n) => (
                <li key={n}>
                  <a class="pagination__link" href={qs(n)} aria-current={n === v.page ? 'page' : undefined}>
                    <span class="sr-only">Page </span>
                    {n}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      )}
    </AdminLayout>
  );
}

/** The form's values from a saved act. */
export const acteValues = (a: Acte): Record<string, string> => ({
  nature: a.nature,
  numero: a.numero,
  objet: a.objet,
  dateDecision: a.dateDecision,
  matiereCode: a.matiereCode ?? '',
  auteurNom: a.auteurNom,
  auteurQualite: a.auteurQualite,
  texte: a.texte,
  transmissionException: a.transmissionException ?? '',
});

export interface ActeFormView {
  values: Record<string, string>;
  errors: Errors;
  matieres: MatiereItem[];
  csrfToken: string;
  /** Absent for a new act. */
  acteId?: number;
}

/** The fields of an act (new or projet). */
export function ActeFormFields(v: ActeFormView) {
  const { values, errors } = v;
  return (
    <form method="post" action={v.acteId ? `/admin/actes/${v.acteId}` : '/admin/actes'} novalidate class="card">
      <CsrfField token={v.csrfToken} />
      <SelectField
        name="nature"
        label={ACTE_FIELD_LABELS.nature as string}
        value={values.nature ?? 'arrete_reglementaire'}
        error={errors.nature}
        required
        options={NATURES.map((n) => ({ value: n, label: `${NATURE_INFO[n].label} (${NATURE_INFO[n].abrege})` }))}
      />
      <TextField
        name="numero"
        label="Numéro"
        hint="Unique dans la commune : lettres majuscules, chiffres et « _ », 15 caractères au plus. Laissez vide pour recevoir le numéro suivant (par exemple A2026_004)."
        value={values.numero}
        error={errors.numero}
      />
      <TextAreaField name="objet" label="Objet" value={values.objet} error={errors.objet} required rows={2} />
      <TextField
        name="dateDecision"
        type="date"
        label="Date de la décision"
        value={values.dateDecision}
        error={errors.dateDecision}
        required
      />
      <SelectField
        name="matiereCode"
        label="Matière (classification ACTES)"
        value={values.matiereCode ?? ''}
        error={errors.matiereCode}
        options={[
          { value: '', label: 'Non classé' },
          ...v.matieres.map((m) => ({ value: m.code, label: `${m.code} ${m.libelle}` })),
        ]}
      />
      <div class="field-row">
        <TextField
          name="auteurNom"
          label="Prénom et nom du signataire"
          value={values.auteurNom}
          error={errors.auteurNom}
          required
          autocomplete="off"
        />
        <TextField
          name="auteurQualite"
          label="Qualité du signataire"
          hint="Par exemple : Maire, Adjoint délégué à l’urbanisme."
          value={values.auteurQualite}
          error={errors.auteurQualite}
          required
        />
      </div>
      <TextAreaField
        name="texte"
        label="Texte de l’acte"
        hint="Visas, considérants et articles. Le PDF de l’acte est produit à partir de ce texte à la signature, sauf si vous déposez le PDF signé. Séparez les paragraphes par une ligne vide."
        value={values.texte}
        error={errors.texte}
        rows={12}
      />
      <SelectField
        name="transmissionException"
        label="Exclusion de l’obligation de transmission au préfet (article L2131-2 du CGCT)"
        value={values.transmissionException ?? ''}
        error={errors.transmissionException}
        options={[
          { value: '', label: 'Aucune' },
          ...Object.entries(EXCEPTIONS_TRANSMISSION).map(([k, x]) => ({ value: k, label: x.label })),
        ]}
      />
      <CheckboxField
        name="contratAuDessusDuSeuil"
        label="Marché public d’un montant égal ou supérieur au seuil de transmission"
        checked={values.contratAuDessusDuSeuil === 'on'}
      />
      <button class="button" type="submit">
        {v.acteId ? 'Enregistrer' : 'Enregistrer le projet'}
      </button>
    </form>
  );
}

/** /admin/actes/nouveau */
export function ActeNewPage(v: ActeFormView & { shell: AdminShell }) {
  return (
    <AdminLayout shell={v.shell} title="Rédiger un acte">
      <p>
        <a href="/admin/actes">← Retour aux actes</a>
      </p>
      <h1>Rédiger un acte</h1>
      <ErrorSummary errors={v.errors} labels={ACTE_FIELD_LABELS} />
      <ActeFormFields {...v} />
    </AdminLayout>
  );
}
