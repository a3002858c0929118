import type { ComponentChildren } from 'preact';
import { PUBLICATION_LABELS, type PublicationState, publicationState } from '../core/content/index.js';
import { availableActions, PUBLICATION_ACTION_LABELS } from '../core/content/publication.workflow.js';
import type { PublishableItem } from '../core/content/publishable.service.js';
import type { RevisionWithAuthor } from '../core/content/revision-authors.repo.js';
import { SCHEDULE_FIELD_LABELS } from '../core/content/schedule.schema.js';
import { AdminLayout, type AdminShell } from './admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from './form.js';
import { formatDateTime } from './format.js';
import { EditorScripts } from './rich-text-field.js';

/**
 * Back-office pieces shared by the editable contents (actualités, events…): list and edit pages,
 * state, actions, versions.
 */

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

/** Above the public page of an item shown to an agent: the saved version, whatever its state. */
export function PreviewNotice({ editHref, stateLabel }: { editHref: string; stateLabel: string }) {
  return (
    <Notice kind="info">
      <strong>Aperçu</strong> : voici la version enregistrée, telle que le public la verra (état : {stateLabel}).{' '}
      <a href={editHref}>Revenir au formulaire</a>
    </Notice>
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

/** The messages after a change that read the same for every kind (the kind's own table adds the rest). */
const COMMON_MESSAGES: Record<string, string> = {
  enregistre: 'Les modifications ont été enregistrées.',
  programme: 'La publication est programmée.',
  restaure: 'La version choisie a été restaurée ; elle est enregistrée comme une nouvelle version.',
};

const noticeOf = (messages: Record<string, string>, message: string | undefined): string | undefined =>
  message ? (messages[message] ?? COMMON_MESSAGES[message]) : undefined;

/** A column of the back-office list, after the title (a link to the edit form). */
export interface PublishableColumn<Item> {
  header: string;
  cell(item: Item, state: PublicationState): ComponentChildren;
}

/** The back-office list of a kind of publishable content: a link to write one, then a table. */
export function PublishableListPage<Item extends PublishableItem>(v: {
  shell: AdminShell;
  /** e.g. /admin/actualites */
  adminBase: string;
  words: { title: string; newHref: string; newLabel: string; empty: string; caption: string };
  columns: PublishableColumn<Item>[];
  items: Item[];
  now: Date;
  messages: Record<string, string>;
  message?: string | undefined;
}) {
  const { words } = v;
  const notice = noticeOf(v.messages, v.message);
  return (
    <AdminLayout shell={v.shell} title={words.title}>
      <h1>{words.title}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a class="button" href={words.newHref}>
          {words.newLabel}
        </a>
      </p>
      {v.items.length === 0 ? (
        <p>{words.empty}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption>{words.caption}</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                {v.columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.items.map((item) => {
                const state = publicationState(item.status, item.publishAt, v.now);
                return (
                  <tr key={item.id}>
                    <td>
                      <a href={`${v.adminBase}/${item.id}`}>{item.title}</a>
                    </td>
                    {v.columns.map((c) => (
                      <td key={c.header}>{c.cell(item, state)}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

/** What a kind's edit page is given (the kind may add its own data, such as choices). */
export interface PublishableFormProps<Item extends PublishableItem> {
  shell: AdminShell;
  /** Absent when writing a new one. */
  item?: Item;
  values: Record<string, string>;
  errors: Errors;
  now: Date;
  message?: string | undefined;
  schedule?: { values: Record<string, string>; errors: Errors };
}

/**
 * The edit form of a kind of publishable content: title and address, the kind's own fields
 * (`children`), then the publication panel once the item exists.
 */
export function PublishableFormPage(
  v: PublishableFormProps<PublishableItem> & {
    /** e.g. /admin/actualites */
    adminBase: string;
    /** e.g. /actualites */
    publicBase: string;
    words: { newTitle: string; editHeading: string; back: string };
    labels: Record<string, string>;
    messages: Record<string, string>;
    children: ComponentChildren;
  },
) {
  const { item, values, errors, words } = v;
  const schedule = v.schedule ?? { values: {}, errors: {} };
  const notice = noticeOf(v.messages, v.message);
  const state = item ? publicationState(item.status, item.publishAt, v.now) : 'brouillon';
  const when = item ? publicationDateText(state, item.publishAt) : null;
  return (
    <AdminLayout shell={v.shell} title={item ? `Modifier « ${item.title} »` : words.newTitle}>
      <p>
        <a href={v.adminBase}>← {words.back}</a>
      </p>
      <h1>{item ? words.editHeading : words.newTitle}</h1>
      {item && (
        <p class="lead">
          <PublicationBadge state={state} /> {when}
        </p>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary errors={{ ...errors, ...schedule.errors }} labels={{ ...v.labels, ...SCHEDULE_FIELD_LABELS }} />
      <div class="content-edit">
        <form
          method="post"
          action={item ? `${v.adminBase}/${item.id}` : v.adminBase}
          novalidate
          class="card content-edit__form"
        >
          <CsrfField token={v.shell.csrfToken} />
          <TextField name="title" label="Titre" value={values.title} error={errors.title} required />
          <TextField
            name="slug"
            label="Adresse de la page"
            hint={`La fin de l’adresse : ${v.publicBase}/… En minuscules, sans accent, mots séparés par des tirets. Laissez vide pour la faire à partir du titre.`}
            value={values.slug}
            error={errors.slug}
          />
          {v.children}
          <button type="submit" class="button">
            {item ? 'Enregistrer' : 'Enregistrer le brouillon'}
          </button>
        </form>
        {item && (
          <PublicationPanel
            basePath={`${v.adminBase}/${item.id}`}
            publicPath={state === 'publie' ? `${v.publicBase}/${item.slug}` : null}
            state={state}
            publishAt={item.publishAt}
            csrfToken={v.shell.csrfToken}
            schedule={schedule}
          />
        )}
      </div>
      <EditorScripts />
    </AdminLayout>
  );
}
