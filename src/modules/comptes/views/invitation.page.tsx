import { PASSWORD_MIN_LENGTH } from '../../../core/auth/index.js';
import type { Commune } from '../../../core/tenancy/index.js';
import { BareLayout } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, TextField } from '../../../ui/form.js';

export interface InvitationView {
  commune: Commune | null;
  csrfToken: string;
  token: string;
  email: string;
  displayName: string;
  errors?: Errors;
  /** An invitation (first password) or a reset link (new password). */
  mode?: 'invitation' | 'reset';
}

export function InvitationPage(v: InvitationView) {
  const errors = v.errors ?? {};
  return (
    <BareLayout commune={v.commune} title="Choisir votre mot de passe">
      <h1>{v.mode === 'reset' ? 'Nouveau mot de passe' : `Bienvenue, ${v.displayName}`}</h1>
      <p>
        Choisissez le mot de passe de votre compte <strong>{v.email}</strong>. Il doit contenir au moins{' '}
        {PASSWORD_MIN_LENGTH} caractères ; une phrase de plusieurs mots est facile à retenir et difficile à deviner.
      </p>
      <ErrorSummary errors={errors} labels={{ password: 'Mot de passe', confirmation: 'Confirmation' }} />
      <form method="post" action={`/admin/${v.mode === 'reset' ? 'mot-de-passe' : 'invitation'}/${v.token}`} novalidate>
        <CsrfField token={v.csrfToken} />
        <input type="text" name="username" value={v.email} autocomplete="username" hidden readOnly />
        <TextField
          name="password"
          label="Nouveau mot de passe"
          type="password"
          autocomplete="new-password"
          error={errors.password}
          required
        />
        <TextField
          name="confirmation"
          label="Confirmez le mot de passe"
          type="password"
          autocomplete="new-password"
          error={errors.confirmation}
          required
        />
        <button type="submit" class="button button--block">
          Enregistrer mon mot de passe
        </button>
      </form>
    </BareLayout>
  );
}

export function ForgotPasswordPage(v: {
  commune: Commune | null;
  csrfToken: string;
  email?: string;
  sent?: boolean;
  errors?: Errors;
}) {
  const errors = v.errors ?? {};
  return (
    <BareLayout commune={v.commune} title="Mot de passe oublié">
      <h1>Mot de passe oublié</h1>
      {v.sent ? (
        <p class="alert alert--success" role="status">
          Si un compte existe pour cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un
          nouveau mot de passe. Le lien est valable une heure.
        </p>
      ) : (
        <>
          <p>
            Indiquez l’adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de
            passe.
          </p>
          <ErrorSummary errors={errors} labels={{ email: 'Adresse électronique' }} />
          <form method="post" action="/admin/mot-de-passe-oublie" novalidate>
            <CsrfField token={v.csrfToken} />
            <TextField
              name="email"
              label="Adresse électronique"
              type="email"
              autocomplete="username"
              value={v.email}
              error={errors.email}
              required
            />
            <button type="submit" class="button button--block">
              Recevoir le lien
            </button>
          </form>
        </>
      )}
      <p>
        <a href="/admin/connexion">Retour à la connexion</a>
      </p>
    </BareLayout>
  );
}
