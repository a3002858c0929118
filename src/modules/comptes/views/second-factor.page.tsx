import { type EnrolmentStatus, RECOVERY_CODE_COUNT, type SessionSummary } from '../../../core/auth/index.js';
import type { Commune } from '../../../core/tenancy/index.js';
import { AdminLayout, type AdminShell, BareLayout } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { PasskeyButton, PasskeyScripts } from './passkey-button.js';

function CodeField({ error, hint }: { error?: string | undefined; hint: string }) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for="champ-code">
        Code de vérification
      </label>
      <p class="field__hint" id="aide-code">
        {hint}
      </p>
      {error && (
        <p class="field__error" id="erreur-code">
          <span class="sr-only">Erreur : </span>
          {error}
        </p>
      )}
      <input
        class="input input--code"
        id="champ-code"
        name="code"
        type="text"
        inputMode="numeric"
        autocomplete="one-time-code"
        aria-describedby={error ? 'aide-code erreur-code' : 'aide-code'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** Second step of the sign-in. */
export function SecondFactorPage(v: {
  commune: Commune | null;
  csrfToken: string;
  retour?: string | undefined;
  factors: { passkey: boolean; totp: boolean };
  errors?: Errors;
  failed?: string;
}) {
  const errors = v.errors ?? {};
  return (
    <BareLayout commune={v.commune} title="Vérification en deux étapes">
      <h1>Vérification en deux étapes</h1>
      {v.failed && <Notice kind="error">{v.failed}</Notice>}
      {v.factors.passkey && (
        <>
          <PasskeyButton
            kind="sign-in"
            label="Utiliser ma clé d’accès"
            csrfToken={v.csrfToken}
            optionsUrl="/admin/connexion/cle/options"
            verifyUrl="/admin/connexion/cle"
            retour={v.retour}
          />
          {!v.factors.totp && (
            <noscript>
              <p>La clé d’accès a besoin de JavaScript : activez-le, ou demandez à l’administrateur de vous aider.</p>
            </noscript>
          )}
        </>
      )}
      {v.factors.totp && (
        <>
          <ErrorSummary errors={errors} labels={{ code: 'Code de vérification' }} />
          <form method="post" action="/admin/connexion/code" novalidate>
            <CsrfField token={v.csrfToken} />
            {v.retour && <input type="hidden" name="retour" value={v.retour} />}
            <CodeField
              error={errors.code}
              hint="Le code à 6 chiffres affiché par votre application d’authentification, ou l’un de vos codes de secours."
            />
            <button type="submit" class="button button--block">
              Vérifier
            </button>
          </form>
        </>
      )}
      {v.factors.passkey && <PasskeyScripts />}
      <p>
        <a href="/admin/connexion">Recommencer la connexion</a>
      </p>
    </BareLayout>
  );
}

export interface AccountView {
  shell: AdminShell;
  email: string;
  enabled: boolean;
  enrolment?: { qrDataUrl: string; manualKey: string } | undefined;
  recoveryCodes?: string[];
  errors?: Errors;
  message?: string | undefined;
  sessions: (SessionSummary & { current: boolean })[];
  passkeys: { id: number; name: string; createdAt: string; lastUsedAt: string | null; here: boolean }[];
  policy: EnrolmentStatus;
}

const MESSAGES: Record<string, string> = {
  desactivee: 'La double authentification est désactivée.',
  'session-fermee': 'La session a été fermée.',
  'cle-ajoutee': 'La clé d’accès est enregistrée : elle vous sera proposée à la prochaine connexion.',
  'cle-supprimee': 'La clé d’accès a été supprimée.',
};

/** The user's own account: second factor (enable with a QR code, recovery codes, disable). */
export function AccountPage(v: AccountView) {
  const errors = v.errors ?? {};
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Mon compte">
      <h1>Mon compte</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {v.policy.kind === 'blocked' && (
        <Notice kind="error">
          La double authentification est obligatoire pour les comptes de l’administration depuis le{' '}
          {formatDateTime(v.policy.deadline.toISOString(), 'medium')}. Activez l’application d’authentification ou
          enregistrez une clé d’accès ci-dessous : le reste de l’administration vous sera ouvert aussitôt.
        </Notice>
      )}
      {v.policy.kind === 'grace' && (
        <Notice kind="info">
          La double authentification sera obligatoire pour votre compte à partir du{' '}
          {formatDateTime(v.policy.deadline.toISOString(), 'medium')}. Activez-la dès maintenant ci-dessous.
        </Notice>
      )}
      <p>Adresse de connexion : {v.email}</p>
      <section class="card" aria-labelledby="double">
        <h2 id="double">Double authentification</h2>
        {v.recoveryCodes ? (
          <>
            <Notice kind="success">La double authentification est activée.</Notice>
            <p>
              Voici vos {RECOVERY_CODE_COUNT} codes de secours. Chacun sert une seule fois, si vous n’avez plus votre
              téléphone. Imprimez-les ou recopiez-les et gardez-les en lieu sûr : ils ne seront plus affichés.
            </p>
            <ul class="recovery-codes">
              {v.recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          </>
        ) : v.enrolment ? (
          <>
            <ol>
              <li>Installez une application d’authentification sur votre téléphone (par exemple FreeOTP ou Aegis).</li>
              <li>Scannez ce QR code avec l’application, ou saisissez la clé ci-dessous.</li>
              <li>Saisissez le code à 6 chiffres qu’elle affiche.</li>
            </ol>
            <img
              class="qr"
              src={v.enrolment.qrDataUrl}
              alt="QR code à scanner avec l’application d’authentification"
              width="200"
              height="200"
            />
            <p>
              Clé à saisir : <code>{v.enrolment.manualKey}</code>
            </p>
            <ErrorSummary errors={errors} labels={{ code: 'Code de vérification' }} />
            <form method="post" action="/admin/compte/double-authentification/confirmer" novalidate>
              <CsrfField token={v.shell.csrfToken} />
              <CodeField error={errors.code} hint="Le code à 6 chiffres affiché par l’application." />
              <button type="submit" class="button">
                Activer
              </button>
            </form>
          </>
        ) : v.enabled ? (
          <>
            <p>
              <span class="badge badge--success">Activée</span> Un code de votre application est demandé à chaque
              connexion.
            </p>
            <ErrorSummary errors={errors} labels={{ code: 'Code de vérification' }} />
            <form method="post" action="/admin/compte/double-authentification/desactiver" novalidate>
              <CsrfField token={v.shell.csrfToken} />
              <CodeField error={errors.code} hint="Pour désactiver, saisissez un code de votre application." />
              <button type="submit" class="button button--ghost">
                Désactiver la double authentification
              </button>
            </form>
          </>
        ) : (
          <>
            <p>
              Avec la double authentification, un mot de passe volé ne suffit plus : un code à 6 chiffres donné par une
              application de votre téléphone est demandé à chaque connexion.
            </p>
            <form method="post" action="/admin/compte/double-authentification">
              <CsrfField token={v.shell.csrfToken} />
              <button type="submit" class="button">
                Activer la double authentification
              </button>
            </form>
          </>
        )}
      </section>
      <section class="card" aria-labelledby="cles">
        <h2 id="cles">Clés d’accès</h2>
        <p>
          Une clé d’accès (« passkey ») remplace le code de l’application : l’ordinateur, le téléphone ou une clé de
          sécurité USB confirme la connexion par une empreinte, un code PIN ou un simple contact. Elle ne fonctionne que
          sur le site où elle a été créée.
        </p>
        {v.passkeys.length > 0 && (
          <ul class="sessions">
            {v.passkeys.map((p) => (
              <li key={p.id}>
                <span>
                  <strong>{p.name}</strong>
                  {!p.here && <span class="muted small"> (créée sur un autre site)</span>}
                  <br />
                  <span class="muted small">
                    Créée le {formatDateTime(p.createdAt)}
                    {p.lastUsedAt ? `, utilisée pour la dernière fois le ${formatDateTime(p.lastUsedAt)}` : ''}
                  </span>
                </span>
                <form method="post" action={`/admin/compte/cles/${p.id}/supprimer`} class="inline-form">
                  <CsrfField token={v.shell.csrfToken} />
                  <button type="submit" class="button button--small button--ghost">
                    Supprimer<span class="sr-only"> la clé {p.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <PasskeyButton
          kind="register"
          label="Enregistrer une clé d’accès"
          csrfToken={v.shell.csrfToken}
          optionsUrl="/admin/compte/cles/options"
          verifyUrl="/admin/compte/cles"
          withName
        />
        <noscript>
          <p>L’enregistrement d’une clé d’accès a besoin de JavaScript dans le navigateur.</p>
        </noscript>
      </section>
      <section class="card" aria-labelledby="sessions">
        <h2 id="sessions">Sessions ouvertes</h2>
        <p>Un appareil que vous ne reconnaissez pas ? Fermez sa session et changez votre mot de passe.</p>
        <ul class="sessions">
          {v.sessions.map((s) => (
            <li key={s.id}>
              <span>
                <strong>{describeAgent(s.userAgent)}</strong>
                {s.current && <span class="badge badge--success"> cette session</span>}
                <br />
                <span class="muted small">
                  Ouverte le {formatDateTime(s.createdAt)}, dernière activité le {formatDateTime(s.lastSeenAt)}
                </span>
              </span>
              {!s.current && (
                <form method="post" action="/admin/compte/sessions/fermer" class="inline-form">
                  <CsrfField token={v.shell.csrfToken} />
                  <input type="hidden" name="session" value={s.id} />
                  <button type="submit" class="button button--small button--ghost">
                    Fermer<span class="sr-only"> la session {describeAgent(s.userAgent)}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <PasskeyScripts />
    </AdminLayout>
  );
}

/** "Firefox sur Linux", from a user agent, roughly. */
function describeAgent(ua: string | null): string {
  if (!ua) return 'Appareil inconnu';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Navigateur';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return system ? `${browser} sur ${system}` : browser;
}
