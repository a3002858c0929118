import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextAreaField, TextField } from '../../../ui/form.js';
import { ACTIVITY_FIELDS, ACTIVITY_LABELS, type StoredActivity } from '../rgpd.rules.js';
import { RgpdNav } from './rgpd-nav.js';

export interface RegistreView {
  shell: AdminShell;
  activities: StoredActivity[];
  dpo: string;
  canEdit: boolean;
  message?: string | undefined;
}

function Fiche({ a, canEdit }: { a: StoredActivity; canEdit: boolean }) {
  return (
    <section class="card rgpd-fiche" aria-labelledby={`traitement-${a.id}`}>
      <h2 id={`traitement-${a.id}`} class="card__title">
        {a.nom} {a.modifie && <span class="badge badge--info">Modifiée par un administrateur</span>}{' '}
        {!a.actif && <span class="badge badge--muted">Plus en usage</span>}
      </h2>
      <dl>
        {ACTIVITY_FIELDS.filter((f) => f !== 'nom').map((f) => (
          <div key={f}>
            <dt>{ACTIVITY_LABELS[f]}</dt>
            <dd class="pre-line">{a[f]}</dd>
          </div>
        ))}
      </dl>
      {canEdit && (
        <p>
          <a href={`/admin/rgpd/registre/${a.id}`} class="button button--small button--ghost">
            Modifier<span class="sr-only"> « {a.nom} »</span>
          </a>
        </p>
      )}
    </section>
  );
}

/** /admin/rgpd/registre: the registre des activités de traitement (RGPD art. 30). */
export function RegistrePage(v: RegistreView) {
  const inUse = v.activities.filter((a) => a.actif);
  const old = v.activities.filter((a) => !a.actif);
  return (
    <AdminLayout shell={v.shell} title="Registre des activités de traitement">
      <RgpdNav current="/admin/rgpd/registre" />
      <h1>Registre des activités de traitement</h1>
      {v.message === 'modifie' && <Notice kind="success">L’activité a été enregistrée.</Notice>}
      <p class="lead">
        Le registre prévu par l’article 30 du RGPD, tenu à la disposition de la CNIL. Il est établi à partir des
        démarches en ligne et des services utilisés par la commune ; une nouvelle démarche y apparaît d’elle-même, et
        une activité modifiée par un administrateur garde ses modifications.
      </p>
      <section class="card" aria-labelledby="titre-dpo">
        <h2 id="titre-dpo" class="card__title">
          Délégué à la protection des données
        </h2>
        <p class="pre-line">{v.dpo || 'Non renseigné.'}</p>
        <p class="small muted">
          Ce contact figure sur la page publique « Données personnelles ».{' '}
          {v.canEdit && <a href="/admin/reglages">Le modifier dans les réglages de la commune</a>}
        </p>
      </section>
      <p class="actions">
        <a class="button" href="/admin/rgpd/registre.pdf">
          Télécharger le registre (PDF)
        </a>
        <a class="button button--ghost" href="/admin/rgpd/registre.csv">
          Télécharger le registre (CSV)
        </a>
      </p>
      <h2>
        {inUse.length} activité{inUse.length > 1 ? 's' : ''} de traitement
      </h2>
      {inUse.map((a) => (
        <Fiche key={a.id} a={a} canEdit={v.canEdit} />
      ))}
      {old.length > 0 && (
        <>
          <h2>Activités qui ne sont plus en usage</h2>
          {old.map((a) => (
            <Fiche key={a.id} a={a} canEdit={v.canEdit} />
          ))}
        </>
      )}
    </AdminLayout>
  );
}

export interface ActivityEditView {
  shell: AdminShell;
  activity: StoredActivity;
  values?: Record<string, string> | undefined;
  errors?: Errors | undefined;
}

/** /admin/rgpd/registre/:id: an administrateur edits an activity. */
export function ActivityEditPage(v: ActivityEditView) {
  const errors = v.errors ?? {};
  const value = (f: (typeof ACTIVITY_FIELDS)[number]) => v.values?.[f] ?? v.activity[f];
  return (
    <AdminLayout shell={v.shell} title={`Modifier « ${v.activity.nom} »`}>
      <RgpdNav current="/admin/rgpd/registre" />
      <h1>Modifier une activité de traitement</h1>
      <ErrorSummary errors={errors} labels={ACTIVITY_LABELS} />
      <p>
        Une fois modifiée, l’activité n’est plus mise à jour automatiquement : ce que vous écrivez ici est conservé.
      </p>
      <form method="post" action={`/admin/rgpd/registre/${v.activity.id}`} class="card" noValidate>
        <CsrfField token={v.shell.csrfToken} />
        <TextField name="nom" label={ACTIVITY_LABELS.nom} value={value('nom')} error={errors.nom} required />
        {ACTIVITY_FIELDS.filter((f) => f !== 'nom').map((f) => (
          <TextAreaField
            key={f}
            name={f}
            label={ACTIVITY_LABELS[f]}
            value={value(f)}
            error={errors[f]}
            required
            rows={3}
          />
        ))}
        <p class="actions">
          <button type="submit" class="button">
            Enregistrer
          </button>
          <a href="/admin/rgpd/registre">Annuler</a>
        </p>
      </form>
    </AdminLayout>
  );
}
