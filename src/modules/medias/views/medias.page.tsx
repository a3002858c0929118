import { formatSize } from '../../../core/files/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CheckboxField, CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import type { Media } from '../medias.repo.js';
import { fileForWidth, MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, mediaUrl } from '../medias.rules.js';

const MESSAGES: Record<string, string> = {
  ajoute: 'Le fichier a été ajouté à la médiathèque.',
  modifie: 'Les modifications ont été enregistrées.',
  supprime: 'Le fichier a été supprimé.',
};

const LABELS = { fichier: 'Fichier', title: 'Titre', alt: 'Texte alternatif' };

function Thumb({ media }: { media: Media }) {
  if (media.kind === 'document')
    return (
      <span class="media-card__doc" aria-hidden="true">
        PDF
      </span>
    );
  const file = fileForWidth(media.files, 320);
  return file ? (
    <img src={mediaUrl(media.id, file, 'image')} alt="" width={file.width} height={file.height} loading="lazy" />
  ) : null;
}

export interface MediasView {
  shell: AdminShell;
  items: Media[];
  page: number;
  pages: number;
  message?: string | undefined;
  values?: Record<string, string>;
  errors?: Errors;
}

export function MediasPage(v: MediasView) {
  const errors = v.errors ?? {};
  const values = v.values ?? {};
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Médiathèque">
      <h1>Médiathèque</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <section class="card" aria-labelledby="ajouter">
        <h2 id="ajouter">Ajouter une image ou un document</h2>
        <p class="field__hint">
          Images JPEG, PNG ou WebP de {formatSize(MAX_IMAGE_BYTES)} au plus (elles sont redimensionnées et leurs
          métadonnées, dont la position GPS, sont effacées) ; documents PDF de {formatSize(MAX_DOCUMENT_BYTES)} au plus.
        </p>
        <ErrorSummary errors={errors} labels={LABELS} />
        <form method="post" action="/admin/medias" enctype="multipart/form-data" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <div class={errors.fichier ? 'field field--error' : 'field'}>
            <label class="field__label" for="champ-fichier">
              Fichier <span class="field__required">(obligatoire)</span>
            </label>
            {errors.fichier && (
              <p class="field__error" id="erreur-fichier">
                <span class="sr-only">Erreur : </span>
                {errors.fichier}
              </p>
            )}
            <input
              class="input"
              type="file"
              id="champ-fichier"
              name="fichier"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              aria-describedby={errors.fichier ? 'erreur-fichier' : undefined}
            />
          </div>
          <TextField
            name="title"
            label="Titre"
            hint="Facultatif : le nom du fichier sinon."
            value={values.title}
            error={errors.title}
          />
          <TextField
            name="alt"
            label="Texte alternatif (images)"
            hint="Ce que l’image apporte, pour les personnes qui ne la voient pas. Exemple : « La salle des fêtes décorée pour le repas des aînés »."
            value={values.alt}
            error={errors.alt}
          />
          <CheckboxField
            name="decorative"
            label="Image décorative (elle n’apporte pas d’information)"
            checked={values.decorative === 'on'}
          />
          <button type="submit" class="button">
            Ajouter à la médiathèque
          </button>
        </form>
      </section>
      <h2>Fichiers</h2>
      {v.items.length === 0 ? (
        <p>La médiathèque est vide.</p>
      ) : (
        <ul class="media-grid">
          {v.items.map((m) => (
            <li key={m.id} class="media-card">
              <Thumb media={m} />
              <p class="media-card__title">
                <a href={`/admin/medias/${m.id}`}>{m.title}</a>
              </p>
              <p class="media-card__meta">
                {m.kind === 'image' ? `${m.width} × ${m.height} px` : 'PDF'} · {formatSize(m.size)} ·{' '}
                {formatDateTime(m.createdAt)}
              </p>
              {m.kind === 'image' && !m.decorative && m.alt === '' && (
                <p class="badge badge--muted">Texte alternatif à compléter</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {v.pages > 1 && (
        <nav aria-label="Pages de la médiathèque" class="pagination">
          {v.page > 1 && <a href={`/admin/medias?page=${v.page - 1}`}>← Précédents</a>}
          <span>
            Page {v.page} sur {v.pages}
          </span>
          {v.page < v.pages && <a href={`/admin/medias?page=${v.page + 1}`}>Suivants →</a>}
        </nav>
      )}
    </AdminLayout>
  );
}

export function MediaEditPage(v: {
  shell: AdminShell;
  media: Media;
  values?: Record<string, string>;
  errors?: Errors;
}) {
  const { media } = v;
  const errors = v.errors ?? {};
  const values = v.values ?? { title: media.title, alt: media.alt, decorative: media.decorative ? 'on' : '' };
  const largest = media.files.at(-1);
  const url = largest ? mediaUrl(media.id, largest, media.kind) : '';
  return (
    <AdminLayout shell={v.shell} title={media.title}>
      <p>
        <a href="/admin/medias">← Médiathèque</a>
      </p>
      <h1>{media.title}</h1>
      <div class="media-detail">
        <Thumb media={media} />
        <dl>
          <dt>Adresse à copier dans un texte</dt>
          <dd>
            <code>{url}</code>
          </dd>
          <dt>Fichier d’origine</dt>
          <dd>
            {media.originalName} ({formatSize(media.size)})
          </dd>
        </dl>
      </div>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action={`/admin/medias/${media.id}`} class="card" novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <TextField name="title" label="Titre" value={values.title} error={errors.title} />
        {media.kind === 'image' && (
          <>
            <TextField name="alt" label="Texte alternatif" value={values.alt} error={errors.alt} />
            <CheckboxField name="decorative" label="Image décorative" checked={values.decorative === 'on'} />
          </>
        )}
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
      <form method="post" action={`/admin/medias/${media.id}/suppression`} class="card">
        <CsrfField token={v.shell.csrfToken} />
        <h2>Supprimer ce fichier</h2>
        <p>Les pages qui l’affichent ne le montreront plus.</p>
        <button type="submit" class="button button--danger">
          Supprimer « {media.title} »
        </button>
      </form>
    </AdminLayout>
  );
}
