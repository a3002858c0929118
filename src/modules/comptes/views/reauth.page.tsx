import { REAUTH_MINUTES } from '../../../core/auth/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { PasskeyButton, PasskeyScripts } from './passkey-button.js';

/** Confirm one's identity before a sensitive action: password, app code or passkey. */
export function ReauthPage(v: {
  shell: AdminShell;
  retour: string;
  totp: boolean;
  passkey: boolean;
  errors?: Errors;
  failed?: string;
}) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Confirmer votre identité">
      <h1>Confirmer votre identité</h1>
      <p>
        Cette action touche à des données personnelles ou aux droits des comptes : confirmez qu’il s’agit bien de vous.
        La confirmation vaut {REAUTH_MINUTES} minutes.
      </p>
      {v.failed && <Notice kind="error">{v.failed}</Notice>}
      <ErrorSummary errors={errors} labels={{ password: 'Mot de passe', code: 'Code de vérification' }} />
      {v.passkey && (
        <section aria-labelledby="par-cle">
          <h2 id="par-cle">Avec votre clé d’accès</h2>
          <PasskeyButton
            kind="reauth"
            label="Confirmer avec ma clé d’accès"
            csrfToken={v.shell.csrfToken}
            optionsUrl="/admin/reauthentification/cle/options"
            verifyUrl="/admin/reauthentification/cle"
            retour={v.retour}
          />
        </section>
      )}
      <section aria-labelledby="par-mot-de-passe">
        <h2 id="par-mot-de-passe">Avec votre mot de passe</h2>
        <form method="post" action="/admin/reauthentification" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <input type="hidden" name="retour" value={v.retour} />
          <TextField
            name="password"
            label="Mot de passe"
            type="password"
            autocomplete="current-password"
            error={errors.password}
          />
          <button type="submit" class="button">
            Confirmer
          </button>
        </form>
      </section>
      {v.totp && (
        <section aria-labelledby="par-code">
          <h2 id="par-code">Avec un code de votre application</h2>
          <form method="post" action="/admin/reauthentification" novalidate>
            <CsrfField token={v.shell.csrfToken} />
            <input type="hidden" name="retour" value={v.retour} />
            <TextField
              name="code"
              label="Code de vérification"
              hint="Le code à 6 chiffres affiché par votre application d’authentification."
              autocomplete="one-time-code"
              error={errors.code}
            />
            <button type="submit" class="button">
              Confirmer avec le code
            </button>
          </form>
        </section>
      )}
      <p>
        <a href="/admin">Annuler</a>
      </p>
      {v.passkey && <PasskeyScripts />}
    </AdminLayout>
  );
}
