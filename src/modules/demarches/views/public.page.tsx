import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../ui/assets.js';
import { CsrfField, ErrorSummary, type Errors, Notice } from '../../../ui/form.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { DemarcheSettings } from '../demarches.builtins.js';
import { accuseMentions, frDate, frDateTime } from '../demarches.mails.js';
import type { DemarcheType } from '../demarches.repo.js';
import { IDENTITY_FIELDS } from '../demarches.service.js';
import { CRENEAUX } from '../reservation.rules.js';
import { FormField, type FormValues, fieldLabels } from './fields.js';

function Frame(p: { shell: PublicShell; title: string; back?: boolean; children: ComponentChildren }) {
  return (
    <PublicLayout shell={p.shell} title={p.title}>
      <div class="container prose">
        {p.back && (
          <p class="demarches-back">
            <a href="/demarches">← Toutes les démarches</a>
          </p>
        )}
        <h1>{p.title}</h1>
        {p.children}
      </div>
    </PublicLayout>
  );
}

/** /demarches: the démarches a citizen can do online. */
export function DemarchesListPage(v: { shell: PublicShell; types: DemarcheType[] }) {
  return (
    <Frame shell={v.shell} title="Démarches en ligne">
      <p class="lead">
        Faites votre demande à toute heure, sans créer de compte. Vous recevez aussitôt un accusé de réception et un
        lien pour suivre votre demande.
      </p>
      <ul class="cards demarches-list">
        {v.types.map((t) => (
          <li class="card" key={t.slug}>
            <h2>
              <a href={`/demarches/${t.slug}`}>{t.title}</a>
            </h2>
            <p>{t.summary}</p>
          </li>
        ))}
      </ul>
    </Frame>
  );
}

export interface DemarcheFormView {
  shell?: PublicShell;
  csrfToken: string;
  type: DemarcheType;
  values?: FormValues;
  errors?: Errors;
}

/** The form of a type (multipart when it has a file field; the token then goes in the action's query). */
export function DemarcheForm(v: DemarcheFormView & { path: string; submitLabel: string }) {
  const errors = v.errors ?? {};
  const values = v.values ?? {};
  const multipart = v.type.form.some((f) => f.type === 'file');
  const action = multipart ? `${v.path}?_csrf=${encodeURIComponent(v.csrfToken)}` : v.path;
  const labels = { ...fieldLabels(IDENTITY_FIELDS), ...fieldLabels(v.type.form) };
  const geoloc = v.type.form.find((f) => f.type === 'address' && f.geoloc)?.name;
  return (
    <>
      {geoloc && <script src={assetUrl('js/geoloc.js')} defer />}
      <ErrorSummary errors={errors} labels={labels} />
      <form
        method="post"
        action={action}
        novalidate
        class="card demarche-form"
        data-geoloc={geoloc}
        enctype={multipart ? 'multipart/form-data' : undefined}
      >
        <CsrfField token={v.csrfToken} />
        <h2 class="demarche-section">La demande</h2>
        {v.type.form.map((f) => (
          <FormField key={f.name} field={f} all={v.type.form} values={values} errors={errors} />
        ))}
        <h2 class="demarche-section">Coordonnées du demandeur</h2>
        <p class="field__hint">
          La loi demande les nom, prénom, adresse postale et électronique pour traiter une demande.
        </p>
        {IDENTITY_FIELDS.map((f) => (
          <FormField key={f.name} field={f} all={IDENTITY_FIELDS} values={values} errors={errors} />
        ))}
        <p class="small">
          Ces données servent uniquement à traiter cette demande et sont conservées {v.type.settings.conservationMois}{' '}
          mois. <a href="/donnees-personnelles">Vos données et vos droits</a>.
        </p>
        <button type="submit" class="button">
          {v.submitLabel}
        </button>
      </form>
    </>
  );
}

export interface TakenSlot {
  salle: string;
  date: string;
  creneau: string;
  confirme: boolean;
}

/** The slots already taken (room booking): the public availability list. */
function TakenSlots({ taken }: { taken: TakenSlot[] }) {
  const label = (c: string) => CRENEAUX.find((x) => x.value === c)?.label ?? c;
  return (
    <section aria-labelledby="disponibilites">
      <h2 id="disponibilites">Disponibilités</h2>
      <p>
        <a href="/demarches/reservation-salle/calendrier">Calendrier des disponibilités, mois par mois</a> (salles,
        photos, équipements et tarifs).
      </p>
      {taken.length === 0 ? (
        <p>Aucun créneau n’est retenu pour le moment : toutes les dates sont libres.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
        <section class="table-wrap" aria-label="Créneaux déjà retenus" tabIndex={0}>
          <table class="table">
            <caption>Créneaux déjà retenus (les autres sont libres)</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Salle</th>
                <th scope="col">Créneau</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {taken.map((t) => (
                <tr key={`${t.salle}-${t.date}-${t.creneau}`}>
                  <th scope="row">{frDate(t.date)}</th>
                  <td>{t.salle}</td>
                  <td>{label(t.creneau)}</td>
                  <td>{t.confirme ? 'Réservé' : 'Demande en cours'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** /demarches/<slug>: the citizen's form. */
export function DemarcheFormPage(v: DemarcheFormView & { shell: PublicShell; taken?: TakenSlot[] | undefined }) {
  return (
    <Frame shell={v.shell} title={v.type.title} back>
      <p class="lead">{v.type.summary}</p>
      {v.taken && <TakenSlots taken={v.taken} />}
      <p class="small muted">Les champs marqués « obligatoire » doivent être remplis.</p>
      <DemarcheForm {...v} path={`/demarches/${v.type.slug}`} submitLabel="Envoyer ma demande" />
    </Frame>
  );
}

export interface AccuseView {
  shell: PublicShell;
  reference: string;
  suiviPath: string;
  /** Download of the accusé de réception PDF. */
  accusePath: string;
  typeTitle: string;
  settings: DemarcheSettings;
  receivedAt: string;
  decisionDue: string | null;
  email: string;
}

/** After a submission: accusé d'enregistrement at once, with the accusé de réception mentions (CRPA R112-11-1). */
export function AccusePage(v: AccuseView) {
  return (
    <Frame shell={v.shell} title="Votre demande est enregistrée">
      <Notice kind="success">
        <p>
          <strong>Accusé d’enregistrement :</strong> votre demande « {v.typeTitle} » a été enregistrée le{' '}
          {frDateTime(v.receivedAt)} sous la référence <strong class="demarche-reference">{v.reference}</strong>.
        </p>
      </Notice>
      <h2>Accusé de réception</h2>
      <ul>
        {accuseMentions(v).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>
        Un courriel de confirmation est envoyé à <strong>{v.email}</strong> avec le lien de suivi et l’accusé de
        réception en PDF.
      </p>
      <p>
        <a href={v.accusePath}>Télécharger l’accusé de réception (PDF)</a>
      </p>
      <p>
        <a class="button" href={v.suiviPath}>
          Suivre ma demande
        </a>
      </p>
      <p class="small muted">Gardez ce lien : il donne accès à votre demande sans mot de passe.</p>
    </Frame>
  );
}
