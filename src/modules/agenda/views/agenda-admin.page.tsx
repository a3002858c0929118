import { publicationState } from '../../../core/content/index.js';
import { SCHEDULE_FIELD_LABELS } from '../../../core/content/schedule.schema.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { PublicationBadge, PublicationPanel, publicationDateText } from '../../../ui/content-admin.js';
import { CheckboxField, CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { EditorScripts, RichTextField } from '../../../ui/rich-text-field.js';
import type { Evenement } from '../agenda.repo.js';
import { eventWhen, intervalToForm } from '../agenda.rules.js';
import { EVENEMENT_FIELD_LABELS } from '../agenda.schemas.js';

const MESSAGES: Record<string, string> = {
  cree: 'L’événement a été enregistré comme brouillon. Il n’est pas visible sur le site tant qu’il n’est pas publié.',
  enregistre: 'Les modifications ont été enregistrées.',
  publie: 'L’événement est publié dans l’agenda.',
  programme: 'La publication est programmée.',
  retire: 'L’événement a été retiré du site.',
  deprogramme: 'La programmation est annulée : l’événement est redevenu un brouillon.',
  restaure: 'La version choisie a été restaurée ; elle est enregistrée comme une nouvelle version.',
  supprime: 'L’événement a été supprimé.',
};

export function AgendaAdminPage(v: { shell: AdminShell; items: Evenement[]; now: Date; message?: string | undefined }) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Agenda">
      <h1>Agenda</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a class="button" href="/admin/agenda/nouveau">
          Annoncer un événement
        </a>
      </p>
      {v.items.length === 0 ? (
        <p>Aucun événement pour le moment.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption>Événements de la commune, du plus lointain au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Date</th>
                <th scope="col">Lieu</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {v.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={`/admin/agenda/${e.id}`}>{e.title}</a>
                  </td>
                  <td>{eventWhen(e)}</td>
                  <td>{e.lieu}</td>
                  <td>
                    <PublicationBadge state={publicationState(e.status, e.publishAt, v.now)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

/** The form's values from a saved event (dates and times on a Paris clock). */
export function evenementValues(e: Evenement): Record<string, string> {
  const iv = intervalToForm(e);
  return {
    title: e.title,
    slug: e.slug,
    description: e.descriptionHtml,
    allDay: iv.allDay ? 'on' : '',
    startDate: iv.startDate,
    startTime: iv.startTime,
    endDate: iv.endDate,
    endTime: iv.endTime,
    lieu: e.lieu,
    adresse: e.adresse,
  };
}

export interface EvenementFormView {
  shell: AdminShell;
  item?: Evenement;
  values: Record<string, string>;
  errors: Errors;
  now: Date;
  message?: string | undefined;
  schedule?: { values: Record<string, string>; errors: Errors };
}

export function EvenementFormPage(v: EvenementFormView) {
  const { item, values, errors } = v;
  const schedule = v.schedule ?? { values: {}, errors: {} };
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const state = item ? publicationState(item.status, item.publishAt, v.now) : 'brouillon';
  const when = item ? publicationDateText(state, item.publishAt) : null;
  return (
    <AdminLayout shell={v.shell} title={item ? `Modifier « ${item.title} »` : 'Annoncer un événement'}>
      <p>
        <a href="/admin/agenda">← Retour à l’agenda</a>
      </p>
      <h1>{item ? 'Modifier l’événement' : 'Annoncer un événement'}</h1>
      {item && (
        <p class="lead">
          <PublicationBadge state={state} /> {when}
        </p>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary
        errors={{ ...errors, ...schedule.errors }}
        labels={{ ...EVENEMENT_FIELD_LABELS, ...SCHEDULE_FIELD_LABELS }}
      />
      <div class="content-edit">
        <form
          method="post"
          action={item ? `/admin/agenda/${item.id}` : '/admin/agenda'}
          novalidate
          class="card content-edit__form"
        >
          <CsrfField token={v.shell.csrfToken} />
          <TextField name="title" label="Titre" value={values.title} error={errors.title} required />
          <TextField
            name="slug"
            label="Adresse de la page"
            hint="La fin de l’adresse : /agenda/… En minuscules, sans accent, mots séparés par des tirets. Laissez vide pour la faire à partir du titre."
            value={values.slug}
            error={errors.slug}
          />
          <fieldset class="fieldset">
            <legend>Date et heure (heure de Paris)</legend>
            <CheckboxField
              name="allDay"
              label="Toute la journée"
              checked={values.allDay === 'on'}
              hint="Cochez pour un événement sans horaire (les heures sont alors ignorées)."
            />
            <div class="field-row">
              <TextField
                name="startDate"
                label="Date de début"
                type="date"
                value={values.startDate}
                error={errors.startDate}
                required
              />
              <TextField
                name="startTime"
                label="Heure de début"
                type="time"
                value={values.startTime}
                error={errors.startTime}
              />
            </div>
            <div class="field-row">
              <TextField
                name="endDate"
                label="Date de fin"
                type="date"
                hint="Laissez vide si l’événement finit le jour même."
                value={values.endDate}
                error={errors.endDate}
              />
              <TextField
                name="endTime"
                label="Heure de fin"
                type="time"
                value={values.endTime}
                error={errors.endTime}
              />
            </div>
          </fieldset>
          <TextField
            name="lieu"
            label="Lieu"
            hint="Par exemple : salle des fêtes."
            value={values.lieu}
            error={errors.lieu}
            required
          />
          <TextField
            name="adresse"
            label="Adresse du lieu"
            hint="Facultative : rue, hameau…"
            value={values.adresse}
            error={errors.adresse}
          />
          <RichTextField
            name="description"
            label="Description (obligatoire)"
            value={values.description}
            error={errors.description}
          />
          <button type="submit" class="button">
            {item ? 'Enregistrer' : 'Enregistrer le brouillon'}
          </button>
        </form>
        {item && (
          <PublicationPanel
            basePath={`/admin/agenda/${item.id}`}
            publicPath={state === 'publie' ? `/agenda/${item.slug}` : null}
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
