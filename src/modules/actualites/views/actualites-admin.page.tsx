import { publicationState } from '../../../core/content/index.js';
import { SCHEDULE_FIELD_LABELS } from '../../../core/content/schedule.schema.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { PublicationBadge, PublicationPanel, publicationDateText, TextAreaField } from '../../../ui/content-admin.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { EditorScripts, RichTextField } from '../../../ui/rich-text-field.js';
import type { Actualite } from '../actualites.repo.js';
import { ACTUALITE_FIELD_LABELS } from '../actualites.schemas.js';

const MESSAGES: Record<string, string> = {
  cree: 'L’actualité a été enregistrée comme brouillon. Elle n’est pas visible sur le site tant qu’elle n’est pas publiée.',
  enregistre: 'Les modifications ont été enregistrées.',
  publie: 'L’actualité est publiée sur le site.',
  programme: 'La publication est programmée.',
  retire: 'L’actualité a été retirée du site.',
  deprogramme: 'La programmation est annulée : l’actualité est redevenue un brouillon.',
  restaure: 'La version choisie a été restaurée ; elle est enregistrée comme une nouvelle version.',
  supprime: 'L’actualité a été supprimée.',
};

export function ActualitesAdminPage(v: {
  shell: AdminShell;
  items: Actualite[];
  now: Date;
  message?: string | undefined;
}) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Actualités">
      <h1>Actualités</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a class="button" href="/admin/actualites/nouvelle">
          Écrire une actualité
        </a>
      </p>
      {v.items.length === 0 ? (
        <p>Aucune actualité pour le moment.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption>Actualités de la commune, de la plus récemment modifiée à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">État</th>
                <th scope="col">Publication</th>
                <th scope="col">Modifiée le</th>
              </tr>
            </thead>
            <tbody>
              {v.items.map((a) => {
                const state = publicationState(a.status, a.publishAt, v.now);
                return (
                  <tr key={a.id}>
                    <td>
                      <a href={`/admin/actualites/${a.id}`}>{a.title}</a>
                    </td>
                    <td>
                      <PublicationBadge state={state} />
                    </td>
                    <td>{a.publishAt && state !== 'brouillon' ? formatDateTime(a.publishAt) : '—'}</td>
                    <td>{formatDateTime(a.updatedAt)}</td>
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

/** The form's values from a saved actualité. */
export const actualiteValues = (a: Actualite): Record<string, string> => ({
  title: a.title,
  slug: a.slug,
  chapo: a.chapo,
  body: a.bodyHtml,
  imageUrl: a.imageUrl ?? '',
  imageAlt: a.imageAlt,
});

export interface ActualiteFormView {
  shell: AdminShell;
  /** Absent when writing a new one. */
  item?: Actualite;
  values: Record<string, string>;
  errors: Errors;
  now: Date;
  message?: string | undefined;
  schedule?: { values: Record<string, string>; errors: Errors };
  /** Images of the media library, by URL. */
  images: { value: string; label: string }[];
}

export function ActualiteFormPage(v: ActualiteFormView) {
  const { item, values, errors } = v;
  const schedule = v.schedule ?? { values: {}, errors: {} };
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const state = item ? publicationState(item.status, item.publishAt, v.now) : 'brouillon';
  const title = item ? `Modifier « ${item.title} »` : 'Écrire une actualité';
  const when = item ? publicationDateText(state, item.publishAt) : null;
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href="/admin/actualites">← Retour aux actualités</a>
      </p>
      <h1>{item ? 'Modifier l’actualité' : 'Écrire une actualité'}</h1>
      {item && (
        <p class="lead">
          <PublicationBadge state={state} /> {when}
        </p>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary
        errors={{ ...errors, ...schedule.errors }}
        labels={{ ...ACTUALITE_FIELD_LABELS, ...SCHEDULE_FIELD_LABELS }}
      />
      <div class="content-edit">
        <form
          method="post"
          action={item ? `/admin/actualites/${item.id}` : '/admin/actualites'}
          novalidate
          class="card content-edit__form"
        >
          <CsrfField token={v.shell.csrfToken} />
          <TextField name="title" label="Titre" value={values.title} error={errors.title} required />
          <TextField
            name="slug"
            label="Adresse de la page"
            hint="La fin de l’adresse : /actualites/… En minuscules, sans accent, mots séparés par des tirets. Laissez vide pour la faire à partir du titre."
            value={values.slug}
            error={errors.slug}
          />
          <TextAreaField
            name="chapo"
            label="Chapô"
            hint="Deux ou trois phrases qui résument l’actualité : elles apparaissent dans les listes, sur l’accueil et dans le flux."
            value={values.chapo}
            error={errors.chapo}
          />
          <RichTextField name="body" label="Texte (obligatoire)" value={values.body} error={errors.body} />
          <fieldset class="fieldset">
            <legend>Image (facultative)</legend>
            <SelectField
              name="imageUrl"
              label="Image de la médiathèque"
              hint="Ajoutez d’abord l’image dans la médiathèque ; elle apparaît alors dans cette liste."
              options={[
                { value: '', label: '— Aucune image —' },
                ...v.images,
                ...(values.imageUrl && !v.images.some((i) => i.value === values.imageUrl)
                  ? [{ value: values.imageUrl, label: values.imageUrl }]
                  : []),
              ]}
              value={values.imageUrl ?? ''}
              error={errors.imageUrl}
            />
            <TextField
              name="imageAlt"
              label="Description de l’image"
              hint="Ce que montre l’image, pour les personnes qui ne la voient pas. Laissez vide si elle est purement décorative."
              value={values.imageAlt}
              error={errors.imageAlt}
            />
          </fieldset>
          <button type="submit" class="button">
            {item ? 'Enregistrer' : 'Enregistrer le brouillon'}
          </button>
        </form>
        {item && (
          <PublicationPanel
            basePath={`/admin/actualites/${item.id}`}
            publicPath={state === 'publie' ? `/actualites/${item.slug}` : null}
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
