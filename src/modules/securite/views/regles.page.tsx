import { GRACE_DAYS_MAX, type PolicyRow } from '../../../core/auth/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';

export interface PolicyFormValues {
  requireSecondFactor: boolean;
  graceDays: string;
  auditRetentionDays?: string;
}

function RequireFieldset(v: { values: PolicyFormValues; errors: Errors; who: string }) {
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">Double authentification</legend>
      <div class="field field--checkbox">
        <input
          type="checkbox"
          id="champ-requireSecondFactor"
          name="requireSecondFactor"
          class="checkbox"
          checked={v.values.requireSecondFactor}
          aria-describedby="aide-requireSecondFactor"
        />
        <label for="champ-requireSecondFactor">Exiger la double authentification pour {v.who}</label>
        <p class="field__hint" id="aide-requireSecondFactor">
          Après le délai ci-dessous, une personne sans application d’authentification ni clé d’accès est envoyée à « Mon
          compte » pour l’activer, et ne peut rien faire d’autre avant.
        </p>
      </div>
      <TextField
        name="graceDays"
        label="Délai pour l’activer (en jours)"
        hint={`Entre 0 et ${GRACE_DAYS_MAX} jours, compté depuis la mise en place de l’exigence (ou depuis la création du compte, s’il est plus récent).`}
        type="number"
        value={v.values.graceDays}
        error={v.errors.graceDays}
      />
    </fieldset>
  );
}

function Since({ policy }: { policy: PolicyRow }) {
  if (!policy.requireSecondFactor || !policy.requiredSince) return <p>La double authentification n’est pas exigée.</p>;
  return (
    <p>
      Exigée depuis le {formatDateTime(policy.requiredSince, 'medium')}, avec un délai de {policy.graceDays} jour
      {policy.graceDays > 1 ? 's' : ''}.
    </p>
  );
}

/** /admin/securite/regles: the commune's administrators require a second factor. */
export function CommunePolicyPage(v: {
  shell: AdminShell;
  policy: PolicyRow;
  platform: PolicyRow;
  values: PolicyFormValues;
  errors?: Errors;
  saved?: boolean;
}) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Règles de sécurité">
      <h1>Règles de sécurité</h1>
      {v.saved && <Notice kind="success">Les règles de sécurité sont enregistrées.</Notice>}
      <Since policy={v.policy} />
      {v.platform.requireSecondFactor && (
        <Notice kind="info">
          La plateforme exige déjà la double authentification de tous les comptes (délai de {v.platform.graceDays}{' '}
          jours).
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={{ graceDays: 'Délai pour l’activer' }} />
      <form method="post" action="/admin/securite/regles" novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <RequireFieldset values={v.values} errors={errors} who="tous les comptes de l’administration de la commune" />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
      <p>
        <a href="/admin/securite">Retour à la sécurité de la commune</a>
      </p>
    </AdminLayout>
  );
}

/** /plateforme/securite: the operator's rules for every account, and the audit trail's retention. */
export function PlatformPolicyPage(v: {
  shell: AdminShell;
  policy: PolicyRow;
  values: PolicyFormValues;
  errors?: Errors;
  saved?: boolean;
}) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Règles de sécurité de la plateforme">
      <h1>Règles de sécurité de la plateforme</h1>
      {v.saved && <Notice kind="success">Les règles de sécurité sont enregistrées.</Notice>}
      <Since policy={v.policy} />
      <ErrorSummary
        errors={errors}
        labels={{ graceDays: 'Délai pour l’activer', auditRetentionDays: 'Conservation du journal' }}
      />
      <form method="post" action="/plateforme/securite" novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <RequireFieldset values={v.values} errors={errors} who="tous les comptes de toutes les communes" />
        <fieldset class="fieldset">
          <legend class="fieldset__legend">Journal</legend>
          <TextField
            name="auditRetentionDays"
            label="Conservation du journal (en jours)"
            hint="La CNIL recommande de six mois à un an (180 à 365 jours) ; jusqu’à trois ans pour un contrôle interne. Les événements plus anciens sont supprimés chaque nuit."
            type="number"
            value={v.values.auditRetentionDays}
            error={errors.auditRetentionDays}
          />
        </fieldset>
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
    </AdminLayout>
  );
}
