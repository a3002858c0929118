import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import { CONFIRMATION_DAYS } from '../alertes.rules.js';

function Frame({ shell, title, children }: { shell: PublicShell; title: string; children: ComponentChildren }) {
  return (
    <PublicLayout shell={shell} title={title}>
      <div class="container prose">
        <p class="alertes-back">
          <a href="/alertes">← Alertes</a>
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </PublicLayout>
  );
}

export interface AbonnementView {
  shell: PublicShell;
  csrfToken: string;
  values?: Record<string, string>;
  errors?: Errors;
  /** After a request: the same notice whatever the address. */
  sent?: boolean;
}

/** /alertes/abonnement: the e-mail form, with what the address is used for and how long it is kept. */
export function AbonnementPage(v: AbonnementView) {
  const errors = v.errors ?? {};
  const nom = v.shell.commune?.nom ?? 'la commune';
  return (
    <Frame shell={v.shell} title="Recevoir les alertes par courriel">
      {v.sent && (
        <Notice kind="success">
          <p>
            <strong>Vérifiez votre messagerie.</strong> Si cette adresse peut recevoir nos alertes, un courriel vient de
            lui être envoyé. Ouvrez le lien qu’il contient pour confirmer votre abonnement (lien valable{' '}
            {CONFIRMATION_DAYS} jours). Pensez à regarder dans les courriels indésirables.
          </p>
        </Notice>
      )}
      <p class="lead">
        Coupure d’eau, route barrée, alerte météo : recevez un courriel dès qu’une alerte concerne {nom}.
      </p>
      <ErrorSummary errors={errors} labels={{ email: 'Adresse électronique' }} />
      <form method="post" action="/alertes/abonnement" novalidate class="card">
        <CsrfField token={v.csrfToken} />
        <TextField
          name="email"
          label="Adresse électronique"
          type="email"
          autocomplete="email"
          hint="Exemple : prenom.nom@exemple.fr"
          value={v.values?.email}
          error={errors.email}
          required
        />
        <p class="alertes-consent" id="consentement">
          Votre adresse sert uniquement à vous envoyer les alertes de la mairie de {nom}. Elle n’est ni publiée ni
          transmise à quiconque. Elle est conservée tant que vous restez abonné(e) : chaque courriel contient un lien
          pour vous désabonner en un clic, et votre adresse est alors effacée. Une demande non confirmée est effacée au
          bout de {CONFIRMATION_DAYS} jours. <a href="/donnees-personnelles">Vos données et vos droits</a>.
        </p>
        <button type="submit" class="button" aria-describedby="consentement">
          M’abonner aux alertes
        </button>
      </form>
    </Frame>
  );
}

/** The confirmation link's page: it only shows a button (a mail scanner opening links confirms nothing). */
export function ConfirmationPage(v: { shell: PublicShell; csrfToken: string; token: string; email: string }) {
  return (
    <Frame shell={v.shell} title="Confirmer votre abonnement">
      <p>
        Vous allez recevoir par courriel, à l’adresse <strong>{v.email}</strong>, les alertes de la commune.
      </p>
      <form method="post" action={`/alertes/abonnement/confirmer/${v.token}`} class="card">
        <CsrfField token={v.csrfToken} />
        <button type="submit" class="button">
          Confirmer mon abonnement
        </button>
      </form>
    </Frame>
  );
}

export function ConfirmedPage({ shell }: { shell: PublicShell }) {
  return (
    <Frame shell={shell} title="Abonnement confirmé">
      <Notice kind="success">
        <p>Votre abonnement est confirmé : vous recevrez un courriel à chaque nouvelle alerte.</p>
      </Notice>
      <p>Chaque courriel contient un lien pour vous désabonner.</p>
    </Frame>
  );
}

/** The unsubscribe link's page: a button that posts (mail clients may also post to it directly). */
export function DesabonnementPage(v: { shell: PublicShell; csrfToken: string; token: string; email: string }) {
  return (
    <Frame shell={v.shell} title="Se désabonner des alertes">
      <p>
        L’adresse <strong>{v.email}</strong> ne recevra plus les alertes de la commune et sera effacée.
      </p>
      <form method="post" action={`/alertes/desabonnement/${v.token}`} class="card">
        <CsrfField token={v.csrfToken} />
        <button type="submit" class="button">
          Me désabonner
        </button>
      </form>
    </Frame>
  );
}

export function DesabonnePage({ shell }: { shell: PublicShell }) {
  return (
    <Frame shell={shell} title="Désabonnement effectué">
      <Notice kind="success">
        <p>Vous ne recevrez plus les alertes par courriel. Votre adresse a été effacée.</p>
      </Notice>
      <p>
        Vous pouvez toujours consulter les <a href="/alertes">alertes en cours</a> sur le site.
      </p>
    </Frame>
  );
}
