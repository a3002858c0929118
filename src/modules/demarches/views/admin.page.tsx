import { type Member, ROLE_LABELS } from '../../../core/auth/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import {
  CsrfField,
  ErrorSummary,
  type Errors,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { frDate } from '../demarches.mails.js';
import type { Demande, DemarcheType } from '../demarches.repo.js';
import { dueState, isFinal, nextStatuses, REPLY_TEMPLATES, STATUS_LABELS, STATUSES } from '../demarches.rules.js';
import type { Evenement, Piece } from '../evenements.repo.js';
import { Answers, History } from './suivi.page.js';

export interface InboxFilter {
  type?: string | undefined;
  statut?: string | undefined;
  retard?: string | undefined;
  q?: string | undefined;
  tri?: string | undefined;
  attribue?: string | undefined;
  cloturees?: string | undefined;
}

export interface InboxView {
  shell: AdminShell;
  demandes: Demande[];
  counts: Record<string, number>;
  types: DemarcheType[];
  members: Member[];
  today: string;
  filter: InboxFilter;
  /** Number of requests just closed together. */
  closed?: number | undefined;
  errors?: Errors;
  checked?: string[];
  motif?: string;
}

export function DueBadge({ demande, today }: { demande: Demande; today: string }) {
  const state = dueState(demande.status, demande.decisionDue, today);
  if (!state || !demande.decisionDue) return null;
  const label = state === 'depasse' ? 'Délai dépassé' : 'Échéance proche';
  return (
    <span class={state === 'depasse' ? 'badge badge--warning' : 'badge badge--info'}>
      {label} ({frDate(demande.decisionDue)})
    </span>
  );
}

const query = (f: InboxFilter): string =>
  new URLSearchParams(
    Object.entries(f).filter(([k, v]) => k !== 'cloturees' && v !== undefined && v !== '') as [string, string][],
  ).toString();

const SORT_LABELS: { value: string; label: string }[] = [
  { value: 'recue', label: 'Date de réception (récentes d’abord)' },
  { value: 'echeance', label: 'Date de décision implicite (proches d’abord)' },
  { value: 'reference', label: 'Référence' },
  { value: 'statut', label: 'Statut' },
];

const memberOptions = (members: Member[]) =>
  members.map((m) => ({ value: String(m.userId), label: `${m.displayName} (${ROLE_LABELS[m.role]})` }));

function Filters({ v }: { v: InboxView }) {
  const f = v.filter;
  return (
    <form method="get" action="/admin/demandes" class="card demandes-filters">
      <SelectField
        name="type"
        label="Démarche"
        value={f.type}
        options={[{ value: '', label: 'Toutes' }, ...v.types.map((t) => ({ value: t.slug, label: t.title }))]}
      />
      <SelectField
        name="statut"
        label="Statut"
        value={f.statut}
        options={[{ value: '', label: 'Tous' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
      />
      <SelectField
        name="retard"
        label="Délai"
        value={f.retard}
        options={[
          { value: '', label: 'Toutes les demandes' },
          { value: '1', label: 'En retard (délai de décision dépassé)' },
          { value: 'proche', label: 'Échéance dans les 5 jours ouvrés' },
        ]}
      />
      <SelectField
        name="attribue"
        label="Agent chargé"
        value={f.attribue}
        options={[
          { value: '', label: 'Tous' },
          { value: 'moi', label: 'Moi' },
          { value: 'aucun', label: 'Personne' },
          ...memberOptions(v.members),
        ]}
      />
      <SelectField name="tri" label="Trier par" value={f.tri} options={SORT_LABELS} />
      <TextField name="q" label="Recherche" type="search" value={f.q} hint="Référence, nom, courriel ou contenu." />
      <button type="submit" class="button">
        Filtrer
      </button>
    </form>
  );
}

function InboxTable({ v }: { v: InboxView }) {
  const names = new Map(v.members.map((m) => [m.userId, m.displayName]));
  const checked = new Set(v.checked ?? []);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
    <section class="table-wrap" aria-label="Liste des demandes" tabIndex={0}>
      <table class="table">
        <caption>
          {v.demandes.length} demande{v.demandes.length > 1 ? 's' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Sélection</span>
            </th>
            <th scope="col">Référence</th>
            <th scope="col">Démarche</th>
            <th scope="col">Demandeur</th>
            <th scope="col">Reçue le</th>
            <th scope="col">Statut</th>
            <th scope="col">Agent chargé</th>
          </tr>
        </thead>
        <tbody>
          {v.demandes.map((d) => (
            <tr key={d.id}>
              <td>
                {!isFinal(d.status) && (
                  <>
                    <input
                      type="checkbox"
                      class="checkbox"
                      name="ids"
                      value={String(d.id)}
                      id={`choix-${d.id}`}
                      checked={checked.has(String(d.id))}
                    />
                    <label for={`choix-${d.id}`} class="sr-only">
                      Sélectionner la demande {d.reference}
                    </label>
                  </>
                )}
              </td>
              <th scope="row">
                <a href={`/admin/demandes/${d.id}`}>{d.reference}</a>
              </th>
              <td>{d.typeTitle}</td>
              <td>
                {d.prenom} {d.nom}
              </td>
              <td>{formatDateTime(d.receivedAt)}</td>
              <td>
                {STATUS_LABELS[d.status]} <DueBadge demande={d} today={v.today} />
              </td>
              <td>{d.assigneeUserId === null ? '—' : (names.get(d.assigneeUserId) ?? '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** /admin/demandes: the inbox of every request of the commune. */
export function InboxPage(v: InboxView) {
  const q = query(v.filter);
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Demandes">
      <h1>Demandes</h1>
      {v.closed !== undefined && (
        <Notice kind="success">
          {v.closed} demande{v.closed > 1 ? 's ont été clôturées' : ' a été clôturée'} ; chaque demandeur en est informé
          par courriel.
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={{ ids: 'Demandes cochées', motif: 'Motif de la clôture' }} />
      <ul class="demandes-counts">
        {STATUSES.map((s) => (
          <li key={s}>
            <a href={`/admin/demandes?statut=${s}`}>
              {STATUS_LABELS[s]} : <strong>{v.counts[s] ?? 0}</strong>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href="/admin/demandes/guichet">
          Enregistrer une demande reçue au guichet
        </a>{' '}
        <a class="button button--ghost" href={`/admin/demandes/export.csv${q ? `?${q}` : ''}`}>
          Exporter la liste (CSV)
        </a>
      </p>
      <Filters v={v} />
      {v.demandes.length === 0 ? (
        <p class="muted">Aucune demande ne correspond.</p>
      ) : (
        <form method="post" action="/admin/demandes/cloture">
          <CsrfField token={v.shell.csrfToken} />
          <InboxTable v={v} />
          <fieldset class="card">
            <legend>Clôturer les demandes cochées</legend>
            {errors.ids && (
              <p class="field__error" id="erreur-ids">
                <span class="sr-only">Erreur : </span>
                {errors.ids}
              </p>
            )}
            <TextAreaField
              name="motif"
              label="Motif de la clôture (envoyé à chaque demandeur)"
              value={v.motif}
              error={errors.motif}
              required
            />
            <button type="submit" class="button button--ghost">
              Clôturer les demandes cochées
            </button>
          </fieldset>
        </form>
      )}
    </AdminLayout>
  );
}

const MESSAGES: Record<string, string> = {
  statut: 'Le statut a été changé ; le demandeur en est informé par courriel.',
  message: 'Le message a été envoyé au demandeur.',
  note: 'La note interne a été ajoutée.',
  guichet: 'La demande a été enregistrée.',
  attribuer: 'L’agent chargé de la demande a été changé.',
};

export interface DemandeAdminView {
  shell: AdminShell;
  demande: Demande;
  evenements: Evenement[];
  pieces: Piece[];
  members: Member[];
  today: string;
  message?: string | undefined;
  errors?: Errors;
  values?: Record<string, string>;
}

/** /admin/demandes/:id: the request, its history, and the actions. */
export function DemandeAdminPage(v: DemandeAdminView) {
  const d = v.demande;
  const errors = v.errors ?? {};
  const next = nextStatuses(d.status);
  const base = `/admin/demandes/${d.id}`;
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title={`Demande ${d.reference}`}>
      <p>
        <a href="/admin/demandes">← Toutes les demandes</a>
      </p>
      <h1>Demande {d.reference}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary
        errors={errors}
        labels={{
          to: 'Nouveau statut',
          motif: 'Motif',
          body: 'Message',
          note: 'Note',
          assignee: 'Confier la demande à',
        }}
      />
      <p>
        {d.typeTitle} — reçue le {formatDateTime(d.receivedAt)} ({d.canal === 'guichet' ? 'au guichet' : 'en ligne'}).
        Statut : <strong>{STATUS_LABELS[d.status]}</strong> <DueBadge demande={d} today={v.today} />
      </p>
      {d.decisionDue && <p>Date de décision implicite : {frDate(d.decisionDue)}.</p>}
      <p>
        Agent chargé :{' '}
        <strong>{v.members.find((m) => m.userId === d.assigneeUserId)?.displayName ?? 'personne'}</strong>.{' '}
        <a href={`${base}/demande.pdf`}>Télécharger la demande en PDF</a>
      </p>
      <form method="post" action={`${base}/attribuer`} class="card demande-assign">
        <CsrfField token={v.shell.csrfToken} />
        <SelectField
          name="assignee"
          label="Confier la demande à"
          value={v.values?.assignee ?? (d.assigneeUserId === null ? 'aucun' : String(d.assigneeUserId))}
          error={errors.assignee}
          options={[
            { value: 'moi', label: 'Moi-même' },
            { value: 'aucun', label: 'Personne' },
            ...memberOptions(v.members),
          ]}
        />
        <button type="submit" class="button button--ghost">
          Confier
        </button>
      </form>
      <h2>Demandeur</h2>
      <p class="demande-identity">
        {d.prenom} {d.nom}
        <br />
        {d.email}
        <br />
        {d.adresse}
      </p>
      <h2>Contenu</h2>
      <Answers demande={d} pieces={v.pieces} />
      <h2>Historique</h2>
      <History evenements={v.evenements} />
      {next.length > 0 && (
        <form method="post" action={`${base}/statut`} class="card">
          <h2>Changer le statut</h2>
          <CsrfField token={v.shell.csrfToken} />
          <SelectField
            name="to"
            label="Nouveau statut"
            value={v.values?.to}
            error={errors.to}
            required
            options={next.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <TextAreaField
            name="motif"
            label="Motif (envoyé au demandeur)"
            value={v.values?.motif}
            error={errors.motif}
            required
          />
          <button type="submit" class="button">
            Changer le statut
          </button>
        </form>
      )}
      <form method="post" action={`${base}/message`} class="card">
        <h2>Écrire au demandeur</h2>
        <CsrfField token={v.shell.csrfToken} />
        <SelectField
          name="modele"
          label="Modèle de réponse"
          hint="Utilisé si le texte est laissé vide ; les prénom, nom et référence sont remplis."
          options={[
            { value: '', label: '— Aucun —' },
            ...REPLY_TEMPLATES.map((t) => ({ value: t.id, label: t.label })),
          ]}
        />
        <TextAreaField name="body" label="Message" value={v.values?.body} error={errors.body} rows={6} />
        <button type="submit" class="button">
          Envoyer le message
        </button>
      </form>
      <form method="post" action={`${base}/note`} class="card">
        <h2>Note interne</h2>
        <CsrfField token={v.shell.csrfToken} />
        <TextAreaField
          name="note"
          label="Note (jamais montrée au demandeur)"
          value={v.values?.note}
          error={errors.note}
        />
        <button type="submit" class="button button--ghost">
          Ajouter la note
        </button>
      </form>
    </AdminLayout>
  );
}
