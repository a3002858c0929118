import type { JournalEntry } from '../../../core/audit/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { ErrorSummary, type Errors, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { Pagination } from '../../../ui/pagination.js';
import { ACTION_LABELS, actionLabel, pageCount } from '../journal.rules.js';

const GROUPS = [
  { value: 'auth.', label: 'Connexions et double authentification' },
  { value: 'member.', label: 'Utilisateurs et rôles' },
  { value: 'demarches.', label: 'Démarches et demandes' },
  { value: 'export.', label: 'Exports' },
  { value: 'securite.', label: 'Sécurité' },
];

const OBJECTS = [
  { value: 'user', label: 'Utilisateur' },
  { value: 'demande', label: 'Demande' },
  { value: 'commune', label: 'Commune' },
  { value: 'export', label: 'Export' },
  { value: 'security_policy', label: 'Règles de sécurité' },
];

function describeObject(e: JournalEntry): string {
  if (!e.objectType) return '';
  const label = OBJECTS.find((o) => o.value === e.objectType)?.label ?? e.objectType;
  return e.objectId ? `${label} n° ${e.objectId}` : label;
}

/** /admin/journal: the commune's events, filtered, newest first. */
export function JournalPage(v: {
  shell: AdminShell;
  entries: JournalEntry[];
  total: number;
  page: number;
  values: Record<string, string>;
  errors: Errors;
  query: string;
}) {
  return (
    <AdminLayout shell={v.shell} title="Journal">
      <h1>Journal</h1>
      <p>
        Chaque action importante est enregistrée ici : connexions, changements de droits, demandes, exports. Le journal
        ne peut pas être modifié sans que cela se voie ; les événements de plus d’un an sont supprimés chaque nuit.
      </p>
      <ErrorSummary
        errors={v.errors}
        labels={{ action: 'Action', acteur: 'Personne', du: 'Du', au: 'Au', objet: 'Objet', numero: 'Numéro' }}
      />
      <form method="get" action="/admin/journal" class="card demandes-filters" aria-label="Filtrer le journal">
        <SelectField
          name="action"
          label="Action"
          value={v.values.action}
          error={v.errors.action}
          options={[
            { value: '', label: 'Toutes les actions' },
            ...GROUPS,
            ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
        <TextField name="acteur" label="Personne (nom ou adresse)" value={v.values.acteur} error={v.errors.acteur} />
        <TextField name="du" label="Du" type="date" value={v.values.du} error={v.errors.du} />
        <TextField name="au" label="Au" type="date" value={v.values.au} error={v.errors.au} />
        <SelectField
          name="objet"
          label="Objet"
          value={v.values.objet}
          error={v.errors.objet}
          options={[{ value: '', label: 'Tous les objets' }, ...OBJECTS]}
        />
        <TextField name="numero" label="Numéro de l’objet" value={v.values.numero} error={v.errors.numero} />
        <button type="submit" class="button">
          Filtrer
        </button>
      </form>
      <p>
        {v.total === 0 ? 'Aucun événement' : v.total === 1 ? '1 événement' : `${v.total} événements`}
        {' · '}
        <a href={`/admin/journal/export.csv${v.query ? `?${v.query}` : ''}`}>Exporter ces événements (CSV)</a>{' '}
        <span class="muted small">— il vous sera demandé de confirmer votre identité.</span>
      </p>
      {v.entries.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
        <section class="table-wrap" aria-label="Événements du journal" tabIndex={0}>
          <table class="table">
            <caption class="sr-only">Événements du journal, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Action</th>
                <th scope="col">Personne</th>
                <th scope="col">Objet</th>
                <th scope="col">Adresse IP</th>
              </tr>
            </thead>
            <tbody>
              {v.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{formatDateTime(e.occurredAt)}</td>
                  <td>
                    {actionLabel(e.action)}
                    <br />
                    <code class="muted small">{e.action}</code>
                  </td>
                  <td>
                    {e.actorName ?? (e.actorUserId === null ? 'Système ou visiteur' : `Compte n° ${e.actorUserId}`)}
                  </td>
                  <td>{describeObject(e)}</td>
                  <td>{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination
        page={v.page}
        pageCount={pageCount(v.total)}
        href={(n) => `/admin/journal?${v.query ? `${v.query}&` : ''}page=${n}`}
        label="Pagination du journal"
        numbered={false}
      />
    </AdminLayout>
  );
}
