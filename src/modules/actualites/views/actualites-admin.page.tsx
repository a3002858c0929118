import type { AdminShell } from '../../../ui/admin-layout.js';
import {
  PublicationBadge,
  PublishableFormPage,
  type PublishableFormProps,
  PublishableListPage,
} from '../../../ui/content-admin.js';
import { SelectField, TextAreaField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { RichTextField } from '../../../ui/rich-text-field.js';
import type { Actualite } from '../actualites.repo.js';
import { ACTUALITE_FIELD_LABELS } from '../actualites.schemas.js';

const MESSAGES: Record<string, string> = {
  cree: 'L’actualité a été enregistrée comme brouillon. Elle n’est pas visible sur le site tant qu’elle n’est pas publiée.',
  publie: 'L’actualité est publiée sur le site.',
  retire: 'L’actualité a été retirée du site.',
  deprogramme: 'La programmation est annulée : l’actualité est redevenue un brouillon.',
  supprime: 'L’actualité a été supprimée.',
};

export function ActualitesAdminPage(v: {
  shell: AdminShell;
  items: Actualite[];
  now: Date;
  message?: string | undefined;
}) {
  return (
    <PublishableListPage
      {...v}
      adminBase="/admin/actualites"
      words={{
        title: 'Actualités',
        newHref: '/admin/actualites/nouvelle',
        newLabel: 'Écrire une actualité',
        empty: 'Aucune actualité pour le moment.',
        caption: 'Actualités de la commune, de la plus récemment modifiée à la plus ancienne',
      }}
      columns={[
        { header: 'État', cell: (_, state) => <PublicationBadge state={state} /> },
        {
          header: 'Publication',
          cell: (a, state) => (a.publishAt && state !== 'brouillon' ? formatDateTime(a.publishAt) : '—'),
        },
        { header: 'Modifiée le', cell: (a) => formatDateTime(a.updatedAt) },
      ]}
      messages={MESSAGES}
    />
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

export interface ActualiteFormView extends PublishableFormProps<Actualite> {
  /** Images of the media library, by URL. */
  images: { value: string; label: string }[];
}

export function ActualiteFormPage(v: ActualiteFormView) {
  const { images, ...view } = v;
  const { values, errors } = v;
  return (
    <PublishableFormPage
      {...view}
      adminBase="/admin/actualites"
      publicBase="/actualites"
      words={{ newTitle: 'Écrire une actualité', editHeading: 'Modifier l’actualité', back: 'Retour aux actualités' }}
      labels={ACTUALITE_FIELD_LABELS}
      messages={MESSAGES}
    >
      <TextAreaField
        name="chapo"
        label="Chapô"
        hint="Deux ou trois phrases qui résument l’actualité : elles apparaissent dans les listes, sur l’accueil et dans le flux."
        value={values.chapo}
        error={errors.chapo}
        rows={3}
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
            ...images,
            ...(values.imageUrl && !images.some((i) => i.value === values.imageUrl)
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
    </PublishableFormPage>
  );
}
