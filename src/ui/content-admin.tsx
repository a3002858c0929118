import { PUBLICATION_LABELS, type PublicationState } from '../core/content/index.js';
import { availableActions, PUBLICATION_ACTION_LABELS } from '../core/content/publication.workflow.js';
import type { RevisionWithAuthor } from '../core/content/revision-authors.repo.js';
import { AdminLayout, type AdminShell } from './admin-layout.js';
import { CsrfField, type Errors, Notice, TextField } from './form.js';
import { formatDateTime } from './format.js';

/** Back-office pieces shared by the editable contents (actualités, events…): state, actions, versions. */

const BADGE: Record<PublicationState, string> = {
  brouillon: 'badge badge--muted',
  programme: 'badge badge--info',
  publie: 'badge badge--success',
  retire: 'badge badge--warning',
};

export function PublicationBadge({ state }: { state: PublicationState }) {
  return <span class={BADGE[state]}>{PUBLICATION_LABELS[state]}</span>;
}

/** "En ligne depuis le …", "Publication prévue le …", or nothing. */
export function publicationDateText(state: PublicationState, publishAt: string | null): string | null {
  if (!publishAt) return null;
  if (state === 'programme') return `Publication prévue le ${formatDateTime(publishAt, 'medium')}`;
  if (state === 'publie') return `En ligne depuis le ${formatDateTime(publishAt, 'medium')}`;
  return null;
}

/** A plain multi-line text field (no editor). */
export function TextAreaField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  rows?: number;
}) {
  const describedBy = [props.hint && `aide-${props.name}`, props.error && `erreur-${props.name}`].filter(Boolean);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={`champ-${props.name}`} class="field__label">
        {props.label}
      </label>
      {props.hint && (
        <p class="field__hint" id={`aide-${props.name}`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`erreur-${props.name}`}>
          <span class="sr-only">Erreur : </span>
          {props.error}
        </p>
      )}
      <textarea
        class="input input--text"
        id={`champ-${props.name}`}
        name={props.name}
        rows={props.rows ?? 3}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy.join(' ') || undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export interface PublicationPanelProps {
  /** The item's back-office path, e.g. /admin/actualites/12. */
  basePath: string;
  /** Its public path when the public can see it. */
  publicPath: string | null;
  state: PublicationState;
  publishAt: string | null;
  csrfToken: string;
  schedule: { values: Record<string, string>; errors: Errors };
}

function ActionForm({
  action,
  label,
  csrfToken,
  ghost,
}: {
  action: string;
  label: string;
  csrfToken: string;
  ghost?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={csrfToken} />
      <button type="submit" class={ghost ? 'button button--ghost' : 'button'}>
        {label}
      </button>
    </form>
  );
}

/** The publication box of an edit page: state, preview, publish now, schedule, unpublish, versions, delete. */
export function PublicationPanel(p: PublicationPanelProps) {
  const actions = availableActions(p.state);
  const when = publicationDateText(p.state, p.publishAt);
  return (
    <section class="card publication-panel" aria-labelledby="publication-titre">
      <h2 id="publication-titre">Publication</h2>
      <p>
        État : <PublicationBadge state={p.state} />
        {when && <span class="block muted">{when}</span>}
      </p>
      <ul class="link-list">
        <li>
          <a href={`${p.basePath}/apercu`}>Aperçu de la version enregistrée</a>
        </li>
        {p.publicPath && (
          <li>
            <a href={p.publicPath}>Voir sur le site</a>
          </li>
        )}
        <li>
          <a href={`${p.basePath}/revisions`}>Historique des versions</a>
        </li>
      </ul>
      <div class="actions">
        {actions.includes('publier') && (
          <ActionForm
            action={`${p.basePath}/publier`}
            label={PUBLICATION_ACTION_LABELS.publier}
            csrfToken={p.csrfToken}
          />
        )}
        {actions.includes('retirer') && (
          <ActionForm
            action={`${p.basePath}/retirer`}
            label={PUBLICATION_ACTION_LABELS.retirer}
            csrfToken={p.csrfToken}
            ghost
          />
        )}
        {actions.includes('deprogrammer') && (
          <ActionForm
            action={`${p.basePath}/deprogrammer`}
            label={PUBLICATION_ACTION_LABELS.deprogrammer}
            csrfToken={p.csrfToken}
            ghost
          />
        )}
      </div>
      {actions.includes('programmer') && (
        <form method="post" action={`${p.basePath}/programmer`} novalidate class="schedule-form">
          <CsrfField token={p.csrfToken} />
          <fieldset class="fieldset">
            <legend>{PUBLICATION_ACTION_LABELS.programmer}</legend>
            <TextField
              name="date"
              label="Date de publication"
              type="date"
              value={p.schedule.values.date}
              error={p.schedule.errors.date}
              required
            />
            <TextField
              name="heure"
              label="Heure de publication"
              type="time"
              hint="Heure de Paris, par exemple 08:00."
              value={p.schedule.values.heure}
              error={p.schedule.errors.heure}
              required
            />
            <button type="submit" class="button">
              Programmer
            </button>
          </fieldset>
        </form>
      )}
      <p>
        <a class="button button--danger" href={`${p.basePath}/suppression`}>
          Supprimer…
        </a>
      </p>
    </section>
  );
}

/** The versions of an item, each with a restore button (restoring saves a new version). */
export function RevisionsPage(v: {
  shell: AdminShell;
  itemTitle: string;
  backHref: string;
  basePath: string;
  revisions: RevisionWithAuthor[];
}) {
  return (
    <AdminLayout shell={v.shell} title={`Historique de « ${v.itemTitle} »`}>
      <p>
        <a href={v.backHref}>← Retour au formulaire</a>
      </p>
      <h1>Historique des versions</h1>
      <p class="lead">« {v.itemTitle} »</p>
      <p>
        Restaurer une version la remet dans le formulaire comme une nouvelle version ; son état de publication ne change
        pas.
      </p>
      <div class="table-wrap">
        <table class="table">
          <caption>Versions enregistrées, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">Enregistrée le</th>
              <th scope="col">Par</th>
              <th scope="col">
                <span class="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {v.revisions.map((r, i) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.createdAt, 'medium')}</td>
                <td>{r.authorName ?? (r.authorUserId === null ? 'Clocher' : 'Un ancien utilisateur')}</td>
                <td>
                  {i === 0 ? (
                    <span class="muted">Version actuelle</span>
                  ) : (
                    <form method="post" action={`${v.basePath}/revisions/${r.id}/restauration`} class="inline-form">
                      <CsrfField token={v.shell.csrfToken} />
                      <button type="submit" class="button button--small button--ghost">
                        Restaurer<span class="sr-only"> la version du {formatDateTime(r.createdAt, 'medium')}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

/** Asks before deleting for good. */
export function DeleteConfirmPage(v: {
  shell: AdminShell;
  heading: string;
  itemTitle: string;
  action: string;
  backHref: string;
  consequence: string;
}) {
  return (
    <AdminLayout shell={v.shell} title={v.heading}>
      <h1>{v.heading}</h1>
      <Notice kind="error">
        <p>
          Vous allez supprimer « {v.itemTitle} ». {v.consequence}
        </p>
        <p>
          Cette action est définitive. Pour seulement retirer le contenu du site, utilisez plutôt « Retirer du site ».
        </p>
      </Notice>
      <form method="post" action={v.action} class="actions">
        <CsrfField token={v.shell.csrfToken} />
        <button type="submit" class="button button--danger">
          Supprimer définitivement
        </button>
        <a href={v.backHref}>Annuler</a>
      </form>
    </AdminLayout>
  );
}
