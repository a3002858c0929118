import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import type { Alerte } from '../alertes.repo.js';
import { ALERTE_KINDS, KIND_LABELS, SEVERITIES, SEVERITY_LABELS, timingOf } from '../alertes.rules.js';
import { ALERTE_FIELD_LABELS, BODY_MAX, TITLE_MAX } from '../alertes.schemas.js';

const kindOptions = ALERTE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
const severityOptions = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));

/** A multi-line plain-text field, with the same frame as the shared fields. */
function TextAreaField(p: { name: string; label: string; hint: string; value?: string; error?: string | undefined }) {
  const describedBy = [`aide-${p.name}`, p.error && `erreur-${p.name}`].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={`champ-${p.name}`} class="field__label">
        {p.label}
        <span class="field__required"> (obligatoire)</span>
      </label>
      <p class="field__hint" id={`aide-${p.name}`}>
        {p.hint}
      </p>
      {p.error && (
        <p class="field__error" id={`erreur-${p.name}`}>
          <span class="sr-only">Erreur : </span>
          {p.error}
        </p>
      )}
      <textarea
        class="input alertes-textarea"
        id={`champ-${p.name}`}
        name={p.name}
        rows={6}
        required
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export interface AlerteFormView {
  shell: AdminShell;
  /** Absent: a new alert. */
  alerte?: Alerte;
  values: Record<string, string>;
  errors?: Errors;
  now: Date;
}

function DiffusionStatus({ alerte, now }: { alerte: Alerte; now: Date }) {
  if (alerte.diffuseeAt) return <p>Envoyée par courriel aux abonnés le {formatDateTime(alerte.diffuseeAt)}.</p>;
  const timing = timingOf(alerte, now);
  if (timing === 'a_venir') return <p>Elle sera envoyée par courriel aux abonnés à son début.</p>;
  if (timing === 'en_cours') return <p>L’envoi par courriel aux abonnés est en cours.</p>;
  return null;
}

/** /admin/alertes/nouvelle and /admin/alertes/<id>: the alert form. */
export function AlerteFormPage(v: AlerteFormView) {
  const errors = v.errors ?? {};
  const title = v.alerte ? `Modifier l’alerte « ${v.alerte.title} »` : 'Publier une alerte';
  const action = v.alerte ? `/admin/alertes/${v.alerte.id}` : '/admin/alertes/nouvelle';
  const current = v.alerte && timingOf(v.alerte, v.now) === 'en_cours';
  return (
    <AdminLayout shell={v.shell} title={v.alerte ? 'Modifier une alerte' : 'Publier une alerte'}>
      <p>
        <a href="/admin/alertes">← Retour aux alertes</a>
      </p>
      <h1>{title}</h1>
      {v.alerte && <DiffusionStatus alerte={v.alerte} now={v.now} />}
      {!v.alerte && (
        <p>
          Les abonnés la reçoivent par courriel dès son début. Le bandeau s’affiche sur tout le site entre le début et
          la fin.
        </p>
      )}
      <ErrorSummary errors={errors} labels={ALERTE_FIELD_LABELS} />
      <form method="post" action={action} novalidate class="card">
        <CsrfField token={v.shell.csrfToken} />
        <SelectField
          name="kind"
          label="Type d’alerte"
          options={kindOptions}
          value={v.values.kind}
          error={errors.kind}
          required
        />
        <SelectField
          name="severity"
          label="Niveau"
          hint="Urgence : danger immédiat. Vigilance : gêne importante. Information : à savoir."
          options={severityOptions}
          value={v.values.severity}
          error={errors.severity}
          required
        />
        <TextField
          name="title"
          label="Titre"
          hint={`Court et précis, ${TITLE_MAX} caractères au plus. Exemple : Coupure d’eau rue des Écoles.`}
          value={v.values.title}
          error={errors.title}
          required
        />
        <TextAreaField
          name="body"
          label="Texte"
          hint={`Texte simple, ${BODY_MAX} caractères au plus : ce qui se passe, où, que faire.`}
          value={v.values.body}
          error={errors.body}
        />
        <TextField
          name="startsAt"
          label="Début"
          type="datetime-local"
          hint="Date et heure de Paris."
          value={v.values.startsAt}
          error={errors.startsAt}
          required
        />
        <TextField
          name="endsAt"
          label="Fin"
          type="datetime-local"
          hint="Date et heure de Paris, après le début. Le bandeau disparaît à cette heure-là."
          value={v.values.endsAt}
          error={errors.endsAt}
          required
        />
        <button type="submit" class="button">
          {v.alerte ? 'Enregistrer' : 'Publier l’alerte'}
        </button>
      </form>
      {v.alerte && (
        <section aria-labelledby="autres-actions" class="card">
          <h2 id="autres-actions">Autres actions</h2>
          {current && (
            <form method="post" action={`/admin/alertes/${v.alerte.id}/terminer`} class="alertes-end-form">
              <CsrfField token={v.shell.csrfToken} />
              <p>Terminer l’alerte maintenant retire le bandeau du site à l’instant.</p>
              <button type="submit" class="button">
                Terminer maintenant
              </button>
            </form>
          )}
          <p>
            <a href={`/admin/alertes/${v.alerte.id}/suppression`}>Supprimer cette alerte</a>
          </p>
        </section>
      )}
    </AdminLayout>
  );
}
