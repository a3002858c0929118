import type { AdminShell } from '../../../ui/admin-layout.js';
import {
  PublicationBadge,
  PublishableFormPage,
  type PublishableFormProps,
  PublishableListPage,
} from '../../../ui/content-admin.js';
import { CheckboxField, TextField } from '../../../ui/form.js';
import { RichTextField } from '../../../ui/rich-text-field.js';
import type { Evenement } from '../agenda.repo.js';
import { eventWhen, intervalToForm } from '../agenda.rules.js';
import { EVENEMENT_FIELD_LABELS } from '../agenda.schemas.js';

const MESSAGES: Record<string, string> = {
  cree: 'L’événement a été enregistré comme brouillon. Il n’est pas visible sur le site tant qu’il n’est pas publié.',
  publie: 'L’événement est publié dans l’agenda.',
  retire: 'L’événement a été retiré du site.',
  deprogramme: 'La programmation est annulée : l’événement est redevenu un brouillon.',
  supprime: 'L’événement a été supprimé.',
};

export function AgendaAdminPage(v: { shell: AdminShell; items: Evenement[]; now: Date; message?: string | undefined }) {
  return (
    <PublishableListPage
      {...v}
      adminBase="/admin/agenda"
      words={{
        title: 'Agenda',
        newHref: '/admin/agenda/nouveau',
        newLabel: 'Annoncer un événement',
        empty: 'Aucun événement pour le moment.',
        caption: 'Événements de la commune, du plus lointain au plus ancien',
      }}
      columns={[
        { header: 'Date', cell: (e) => eventWhen(e) },
        { header: 'Lieu', cell: (e) => e.lieu },
        { header: 'État', cell: (_, state) => <PublicationBadge state={state} /> },
      ]}
      messages={MESSAGES}
    />
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

export type EvenementFormView = PublishableFormProps<Evenement>;

export function EvenementFormPage(v: EvenementFormView) {
  const { values, errors } = v;
  return (
    <PublishableFormPage
      {...v}
      adminBase="/admin/agenda"
      publicBase="/agenda"
      words={{ newTitle: 'Annoncer un événement', editHeading: 'Modifier l’événement', back: 'Retour à l’agenda' }}
      labels={EVENEMENT_FIELD_LABELS}
      messages={MESSAGES}
    >
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
          <TextField name="endTime" label="Heure de fin" type="time" value={values.endTime} error={errors.endTime} />
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
    </PublishableFormPage>
  );
}
