import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextAreaField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import type { SeanceDossier } from '../conseil.dossier.js';
import type { Seance } from '../conseil.repo.js';
import { PV_LABELS } from '../conseil.rules.js';
import { dateLongue } from '../conseil.templates.js';
import { BASE } from './conseil-admin.page.js';
import { seanceTitle } from './seance-admin.page.js';

const MESSAGES: Record<string, string> = {
  enregistre: 'Le procès-verbal est enregistré.',
  approuve: 'Le procès-verbal est approuvé.',
  signe: 'La signature du procès-verbal est enregistrée.',
  publie: 'Le procès-verbal est publié sur le site.',
};

/** The PV: drafted, approved at a later séance, signed, published (L2121-15). */
export function PvPage(v: {
  shell: AdminShell;
  d: SeanceDossier;
  texte: string;
  laterSeances: Seance[];
  canManage: boolean;
  errors: Errors;
  message?: string | undefined;
}) {
  const s = v.d.seance;
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const action = (name: string) => `${BASE}/seances/${s.id}/pv/${name}`;
  const editable = s.pvStatut === 'aucun' || s.pvStatut === 'brouillon';
  return (
    <AdminLayout shell={v.shell} title={`Procès-verbal – ${seanceTitle(v.d)}`}>
      <p>
        <a href={`${BASE}/seances/${s.id}`}>← {seanceTitle(v.d)}</a>
      </p>
      <h1>Procès-verbal</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        État : <strong>{PV_LABELS[s.pvStatut]}</strong>
        {s.pvApprouveLe && `. Approuvé lors de la séance du ${dateLongue(s.pvApprouveLe)}`}
        {s.pvSigneLe && `. Signé le ${formatDateTime(s.pvSigneLe)}`}
        {s.pvPublieLe && `. Publié le ${formatDateTime(s.pvPublieLe)}`}.
      </p>
      <ErrorSummary errors={v.errors} labels={{ texte: 'Texte du procès-verbal', seanceId: 'Séance d’approbation' }} />
      {editable ? (
        <form method="post" action={action('texte')} novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <TextAreaField
            name="texte"
            label="Texte du procès-verbal"
            hint="Projet établi à partir de la séance : composition, quorum, ordre du jour, votes. Complétez la teneur des discussions."
            value={v.texte}
            error={v.errors.texte}
            rows={24}
          />
          {v.canManage && (
            <button type="submit" class="button button--ghost">
              Enregistrer le procès-verbal
            </button>
          )}
        </form>
      ) : (
        <pre class="pre-line card">{v.texte}</pre>
      )}
      {v.canManage && s.pvStatut === 'brouillon' && (
        <form method="post" action={action('approbation')} novalidate class="card">
          <h2>Approbation</h2>
          <p>Le procès-verbal est arrêté au commencement de la séance suivante.</p>
          <CsrfField token={v.shell.csrfToken} />
          <SelectField
            name="seanceId"
            label="Séance d’approbation"
            value=""
            options={[
              { value: '', label: '— choisir —' },
              ...v.laterSeances.map((x) => ({ value: String(x.id), label: `Séance du ${dateLongue(x.date)}` })),
            ]}
            error={v.errors.seanceId}
          />
          <button type="submit" class="button">
            Enregistrer l’approbation
          </button>
        </form>
      )}
      {v.canManage && s.pvStatut === 'approuve' && (
        <form method="post" action={action('signature')}>
          <CsrfField token={v.shell.csrfToken} />
          <p>Le procès-verbal est signé par le maire et le ou les secrétaires de séance.</p>
          <button type="submit" class="button">
            Enregistrer la signature
          </button>
        </form>
      )}
      {v.canManage && s.pvStatut === 'signe' && (
        <form method="post" action={action('publication')}>
          <CsrfField token={v.shell.csrfToken} />
          <p>À publier sur le site dans la semaine qui suit la séance où il a été arrêté.</p>
          <button type="submit" class="button">
            Publier le procès-verbal
          </button>
        </form>
      )}
    </AdminLayout>
  );
}
