import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextAreaField, TextField } from '../../../ui/form.js';
import { fileForWidth, type Media, mediaUrl } from '../../medias/index.js';
import type { Salle } from '../salles.repo.js';

type Values = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const MESSAGES: Record<string, string> = {
  creee: 'La salle a été ajoutée ; le formulaire de réservation la propose.',
  modifiee: 'La salle a été modifiée.',
  archivee: 'La salle est archivée : elle ne peut plus être réservée.',
  restauree: 'La salle peut de nouveau être réservée.',
  retenue: 'La durée de retenue des créneaux a été changée.',
};

/** A small image of the media library (its alternative text when it has one). */
export function Thumb({ media, width = 320 }: { media: Media; width?: number }) {
  const file = fileForWidth(media.files, width);
  if (!file) return null;
  return (
    <img
      src={mediaUrl(media.id, file, 'image')}
      alt={media.decorative ? '' : media.alt}
      width={file.width ?? undefined}
      height={file.height ?? undefined}
      loading="lazy"
    />
  );
}

/** /admin/salles: the commune's rooms and the hold duration of pending bookings. */
export function SallesPage(v: {
  shell: AdminShell;
  rooms: Salle[];
  retenueJours: number;
  message?: string | undefined;
  errors?: Errors;
  values?: Values;
}) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Salles communales">
      <h1>Salles communales</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary errors={errors} labels={{ retenueJours: 'Durée de retenue' }} />
      <p class="lead">
        Les salles que les habitants peuvent demander en ligne (
        <a href="/demarches/reservation-salle">formulaire de réservation</a>).
      </p>
      <p>
        <a class="button" href="/admin/salles/nouvelle">
          Ajouter une salle
        </a>
      </p>
      {v.rooms.length === 0 ? (
        <p>Aucune salle pour le moment.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
        <section class="table-wrap" aria-label="Liste des salles" tabIndex={0}>
          <table class="table">
            <caption>
              {v.rooms.length} salle{v.rooms.length > 1 ? 's' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Salle</th>
                <th scope="col">Capacité</th>
                <th scope="col">Photos</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {v.rooms.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/admin/salles/${r.id}`}>{r.nom}</a>
                  </th>
                  <td>{r.capacite} personnes</td>
                  <td>{r.photos?.length ?? 0}</td>
                  <td>{r.archivedAt ? 'archivée' : 'réservable'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <form method="post" action="/admin/salles/retenue" class="card" novalidate>
        <h2>Retenue des créneaux</h2>
        <CsrfField token={v.shell.csrfToken} />
        <TextField
          name="retenueJours"
          label="Nombre de jours pendant lesquels une demande en attente retient son créneau"
          hint="Passé ce délai sans décision, le créneau peut être demandé par quelqu’un d’autre."
          value={str(v.values?.retenueJours) ?? String(v.retenueJours)}
          error={errors.retenueJours}
          required
        />
        <button type="submit" class="button">
          Enregistrer la durée
        </button>
      </form>
    </AdminLayout>
  );
}

/** /admin/salles/nouvelle and /admin/salles/:id: a room's form. */
export function SalleFormPage(v: {
  shell: AdminShell;
  room?: Salle;
  images: Media[];
  values?: Values;
  errors?: Errors;
  message?: string | undefined;
}) {
  const errors = v.errors ?? {};
  const r = v.room;
  const val = (k: string, d: string) => str(v.values?.[k]) ?? d;
  const photos = v.values ? ([] as string[]).concat(v.values.photos ?? []) : (r?.photos ?? []).map(String);
  const title = r ? `Salle : ${r.nom}` : 'Ajouter une salle';
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href="/admin/salles">← Toutes les salles</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {r?.archivedAt && <Notice kind="info">Cette salle est archivée : elle ne peut plus être réservée.</Notice>}
      <ErrorSummary
        errors={errors}
        labels={{
          nom: 'Nom',
          capacite: 'Capacité',
          tarifs: 'Tarifs',
          description: 'Description',
          equipements: 'Équipements',
          photos: 'Photos',
        }}
      />
      <form method="post" action={r ? `/admin/salles/${r.id}` : '/admin/salles'} class="card" novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <TextField name="nom" label="Nom" value={val('nom', r?.nom ?? '')} error={errors.nom} required />
        <TextField
          name="capacite"
          label="Capacité (nombre de personnes)"
          value={val('capacite', r ? String(r.capacite) : '')}
          error={errors.capacite}
          required
        />
        <TextAreaField
          name="tarifs"
          label="Tarifs"
          hint="Par exemple : 150 € le week-end pour les habitants, 300 € pour les autres."
          value={val('tarifs', r?.tarifs ?? '')}
          error={errors.tarifs}
          required
          rows={3}
        />
        <TextAreaField
          name="description"
          label="Description (facultative)"
          value={val('description', r?.description ?? '')}
          error={errors.description}
          rows={3}
        />
        <TextAreaField
          name="equipements"
          label="Équipements, un par ligne"
          hint="Cuisine équipée, sonorisation, vidéoprojecteur, accès de plain-pied…"
          value={val('equipements', r?.equipements ?? '')}
          error={errors.equipements}
          rows={5}
        />
        <fieldset class={errors.photos ? 'field fieldset field--error' : 'field fieldset'}>
          <legend class="field__label">Photos (images de la médiathèque)</legend>
          {errors.photos && (
            <p class="field__error" id="erreur-photos">
              <span class="sr-only">Erreur : </span>
              {errors.photos}
            </p>
          )}
          {v.images.length === 0 ? (
            <p class="field__hint">
              La <a href="/admin/medias">médiathèque</a> n’a encore aucune image.
            </p>
          ) : (
            <ul class="media-grid">
              {v.images.map((m, i) => (
                <li key={m.id} class="media-card">
                  <Thumb media={m} />
                  <div class="field--checkbox">
                    <input
                      type="checkbox"
                      class="checkbox"
                      id={i === 0 ? 'champ-photos' : `champ-photos-${m.id}`}
                      name="photos"
                      value={String(m.id)}
                      checked={photos.includes(String(m.id))}
                    />
                    <label for={i === 0 ? 'champ-photos' : `champ-photos-${m.id}`}>{m.title || m.originalName}</label>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <button type="submit" class="button">
          {r ? 'Enregistrer la salle' : 'Ajouter la salle'}
        </button>
      </form>
      {r && (
        <form method="post" action={`/admin/salles/${r.id}/${r.archivedAt ? 'restaurer' : 'archiver'}`} class="card">
          <h2>{r.archivedAt ? 'Rendre la salle réservable' : 'Archiver la salle'}</h2>
          <p>
            {r.archivedAt
              ? 'La salle sera de nouveau proposée dans le formulaire de réservation.'
              : 'La salle ne sera plus proposée ; les réservations déjà faites sont conservées.'}
          </p>
          <CsrfField token={v.shell.csrfToken} />
          <button type="submit" class={r.archivedAt ? 'button' : 'button button--danger'}>
            {r.archivedAt ? 'Rendre réservable' : 'Archiver la salle'}
          </button>
        </form>
      )}
    </AdminLayout>
  );
}
