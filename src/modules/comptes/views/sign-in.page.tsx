import type { Commune } from '../../../core/tenancy/index.js';
import { BareLayout } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';

export interface SignInView {
  commune: Commune | null;
  csrfToken: string;
  email?: string;
  retour?: string | undefined;
  errors?: Errors;
  failed?: string;
  notice?: string;
}

export function SignInPage(v: SignInView) {
  const errors = v.errors ?? {};
  return (
    <BareLayout commune={v.commune} title="Connexion à l’administration">
      <h1>Connexion à l’administration</h1>
      {v.notice && <Notice kind="success">{v.notice}</Notice>}
      {v.failed && <Notice kind="error">{v.failed}</Notice>}
      <ErrorSummary errors={errors} labels={{ email: 'Adresse électronique', password: 'Mot de passe' }} />
      <form method="post" action="/admin/connexion" novalidate>
        <CsrfField token={v.csrfToken} />
        {v.retour && <input type="hidden" name="retour" value={v.retour} />}
        <TextField
          name="email"
          label="Adresse électronique"
          type="email"
          autocomplete="username"
          value={v.email}
          error={errors.email}
          required
        />
        <TextField
          name="password"
          label="Mot de passe"
          type="password"
          autocomplete="current-password"
          error={errors.password}
          required
        />
        <button type="submit" class="button button--block">
          Se connecter
        </button>
      </form>
      <p>
        <a href="/admin/mot-de-passe-oublie">Mot de passe oublié ?</a>
      </p>
    </BareLayout>
  );
}
