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
}

export function InvitationPage(v: InvitationView) {
  const errors = v.errors ?? {};
  return (
    <BareLayout commune={v.commune} title="Choisir votre mot de passe">
      <h1>Bienvenue, {v.displayName}</h1>
      <p>
        Choisissez le mot de passe de votre compte <strong>{v.email}</strong>. Il doit contenir au moins{' '}
        {PASSWORD_MIN_LENGTH} caractères ; une phrase de plusieurs mots est facile à retenir et difficile à deviner.
      </p>
      <ErrorSummary errors={errors} labels={{ password: 'Mot de passe', confirmation: 'Confirmation' }} />
      <form method="post" action={`/admin/invitation/${v.token}`} novalidate>
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
