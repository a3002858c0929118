import { PUBLICATION_LABELS, publicationState, type RevisionSummary } from '../../../core/content/index.js';
import { dateToParisLocal } from '../../../core/paris-time.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { EditorScripts, RichTextField } from '../../../ui/rich-text-field.js';
import { PAGE_FIELD_LABELS } from '../pages.schemas.js';
import type { Page } from '../site.repo.js';
import type { PageNode } from '../site.service.js';

const MESSAGES: Record<string, string> = {
  enregistree: 'La page a été enregistrée.',
  supprimee: 'La page a été supprimée.',
  restauree: 'La version choisie a été restaurée.',
};

function StateBadge({ page, now }: { page: Page; now: Date }) {
  const state = publicationState(page.status, page.publishAt, now);
  const cls = state === 'publie' ? 'badge badge--success' : 'badge badge--muted';
  return (
    <span class={cls}>
      {PUBLICATION_LABELS[state]}
      {state === 'programme' && page.publishAt ? ` le ${formatDateTime(page.publishAt)}` : ''}
    </span>
  );
}

function rows(nodes: PageNode<Page>[], depth: number, now: Date): preact.JSX.Element[] {
  return nodes.flatMap((n) => [
    <tr key={n.page.id}>
      <td class={`tree tree--${depth}`}>
        <a href={`/admin/pages/${n.page.id}`}>{n.page.title}</a>
      </td>
      <td>
        <code>/{n.page.path}</code>
      </td>
      <td>
        <StateBadge page={n.page} now={now} />
      </td>
      <td>{formatDateTime(n.page.updatedAt)}</td>
    </tr>,
    ...rows(n.children, depth + 1, now),
  ]);
}

export function PagesListPage(v: {
  shell: AdminShell;
  tree: PageNode<Page>[];
  now: Date;
  message?: string | undefined;
}) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Pages du site">
      <h1>Pages du site</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a class="button" href="/admin/pages/nouvelle">
          Nouvelle page
        </a>
      </p>
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">Pages du site, dans l’ordre du menu</caption>
          <thead>
            <tr>
              <th scope="col">Titre</th>
              <th scope="col">Adresse</th>
              <th scope="col">État</th>
              <th scope="col">Modifiée le</th>
            </tr>
          </thead>
          <tbody>{rows(v.tree, 1, v.now)}</tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export interface PageEditView {
  shell: AdminShell;
  page: Page | null;
  parents: { value: string; label: string }[];
  values: Record<string, string>;
  errors: Errors;
  revisions: RevisionSummary[];
  message?: string | undefined;
}

/** Form values of an existing page. */
export function pageValues(p: Page): Record<string, string> {
  return {
    title: p.title,
    slug: p.slug,
    parentId: p.parentId === null ? '' : String(p.parentId),
    summary: p.summary,
    body: p.bodyHtml,
    position: String(p.position),
    status: p.status === 'publie' ? 'publie' : 'brouillon',
    publishAt: p.publishAt ? dateToParisLocal(new Date(p.publishAt)) : '',
  };
}

export function PageEditPage(v: PageEditView) {
  const { values, errors, page } = v;
  const action = page ? `/admin/pages/${page.id}` : '/admin/pages/nouvelle';
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title={page ? `Modifier « ${page.title} »` : 'Nouvelle page'}>
      <p>
        <a href="/admin/pages">← Toutes les pages</a>
      </p>
      <h1>{page ? `Modifier « ${page.title} »` : 'Nouvelle page'}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary errors={errors} labels={PAGE_FIELD_LABELS} />
      <form method="post" action={action} novalidate class="card">
        <CsrfField token={v.shell.csrfToken} />
        <TextField name="title" label="Titre" value={values.title} error={errors.title} required />
        <TextField
          name="slug"
          label="Adresse de la page"
          hint="Lettres minuscules sans accent, chiffres et tirets. Laissez vide pour la créer à partir du titre."
          value={values.slug}
          error={errors.slug}
        />
        <SelectField
          name="parentId"
          label="Page parente"
          options={[{ value: '', label: '— Aucune (page du menu principal) —' }, ...v.parents]}
          value={values.parentId ?? ''}
          error={errors.parentId}
        />
        <TextField
          name="summary"
          label="Résumé"
          hint="Une phrase, affichée sous le titre et dans les accès rapides."
          value={values.summary}
          error={errors.summary}
        />
        <RichTextField name="body" label="Texte de la page" value={values.body} error={errors.body} />
        <TextField
          name="position"
          label="Ordre dans le menu"
          type="number"
          hint="Les pages sont rangées par ordre croissant."
          value={values.position}
          error={errors.position}
        />
        <fieldset class="fieldset">
          <legend>Publication</legend>
          <SelectField
            name="status"
            label="État"
            options={[
              { value: 'brouillon', label: 'Brouillon (invisible du public)' },
              { value: 'publie', label: 'Publiée' },
            ]}
            value={values.status ?? 'brouillon'}
            error={errors.status}
          />
          <TextField
            name="publishAt"
            label="Publier à partir du"
            type="datetime-local"
            hint="Facultatif : pour programmer la publication à une date et une heure (heure de Paris)."
            value={values.publishAt}
            error={errors.publishAt}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" class="button">
            Enregistrer
          </button>
          {page && (
            <a class="button button--ghost" href={`/admin/pages/${page.id}/apercu`}>
              Aperçu
            </a>
          )}
        </div>
      </form>
      {page && (
        <>
          <section class="card" aria-labelledby="versions">
            <h2 id="versions">Versions précédentes</h2>
            {v.revisions.length === 0 ? (
              <p>Aucune version enregistrée.</p>
            ) : (
              <ul class="revisions">
                {v.revisions.map((r, i) => (
                  <li key={r.id}>
                    <span>
                      {formatDateTime(r.createdAt, 'medium')}
                      {i === 0 ? ' (version actuelle)' : ''}
                    </span>
                    {i > 0 && (
                      <form
                        method="post"
                        action={`/admin/pages/${page.id}/versions/${r.id}/restaurer`}
                        class="inline-form"
                      >
                        <CsrfField token={v.shell.csrfToken} />
                        <button type="submit" class="button button--small button--ghost">
                          Restaurer<span class="sr-only"> la version du {formatDateTime(r.createdAt, 'medium')}</span>
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="supprimer">
            <h2 id="supprimer">Supprimer la page</h2>
            <p>La page disparaît du site. Ses versions restent dans l’historique.</p>
            <p>
              <a class="button button--danger" href={`/admin/pages/${page.id}/suppression`}>
                Supprimer « {page.title} »…
              </a>
            </p>
          </section>
        </>
      )}
      <EditorScripts />
    </AdminLayout>
  );
}

export function PageDeletePage(v: { shell: AdminShell; page: Page; error?: string | undefined }) {
  return (
    <AdminLayout shell={v.shell} title={`Supprimer « ${v.page.title} »`}>
      <h1>Supprimer « {v.page.title} » ?</h1>
      {v.error && <Notice kind="error">{v.error}</Notice>}
      <p>
        La page <code>/{v.page.path}</code> disparaîtra du site et du menu. Cette action ne peut pas être annulée, mais
        ses versions restent dans l’historique.
      </p>
      <form method="post" action={`/admin/pages/${v.page.id}/suppression`} class="actions">
        <CsrfField token={v.shell.csrfToken} />
        <button type="submit" class="button button--danger">
          Supprimer définitivement
        </button>
        <a class="button button--ghost" href={`/admin/pages/${v.page.id}`}>
          Annuler
        </a>
      </form>
    </AdminLayout>
  );
}
