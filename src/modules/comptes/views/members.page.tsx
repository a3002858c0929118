import { type Member, ROLE_LABELS, ROLES } from '../../../core/auth/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const MESSAGES: Record<string, string> = {
  invite: 'L’invitation a été envoyée par courriel.',
  modifie: 'Les modifications ont été enregistrées.',
  'double-authentification':
    'La double authentification de ce compte est réinitialisée : il la réactivera depuis « Mon compte ».',
};

export interface MembersView {
  shell: AdminShell;
  members: Member[];
  message?: string | undefined;
  invite?: { values: Record<string, string>; errors: Errors };
}

export function MembersPage(v: MembersView) {
  const invite = v.invite ?? { values: {}, errors: {} };
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Utilisateurs">
      <h1>Utilisateurs de la commune</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">Comptes ayant accès à l’administration de la commune</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Rôle</th>
              <th scope="col">État</th>
              <th scope="col">Dernière connexion</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {v.members.map((m) => (
              <tr key={m.membershipId}>
                <td>{m.displayName}</td>
                <td>{m.email}</td>
                <td>{ROLE_LABELS[m.role]}</td>
                <td>
                  {m.active && !m.userDisabled ? (
                    <span class="badge badge--success">Actif</span>
                  ) : (
                    <span class="badge badge--muted">Désactivé</span>
                  )}
                </td>
                <td>{m.lastSignInAt ? formatDateTime(m.lastSignInAt) : 'Jamais'}</td>
                <td>
                  <a href={`/admin/utilisateurs/${m.membershipId}`}>
                    Modifier<span class="sr-only"> {m.displayName}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section class="card" aria-labelledby="inviter">
        <h2 id="inviter">Inviter une personne</h2>
        <p>
          Elle recevra un courriel pour choisir son mot de passe. Une secrétaire qui travaille déjà pour une autre
          commune de la plateforme garde son compte.
        </p>
        <ErrorSummary
          errors={invite.errors}
          labels={{ displayName: 'Nom et prénom', email: 'Adresse électronique', role: 'Rôle' }}
        />
        <form method="post" action="/admin/utilisateurs" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <TextField
            name="displayName"
            label="Nom et prénom"
            value={invite.values.displayName}
            error={invite.errors.displayName}
            required
          />
          <TextField
            name="email"
            label="Adresse électronique"
            type="email"
            value={invite.values.email}
            error={invite.errors.email}
            required
          />
          <SelectField
            name="role"
            label="Rôle"
            options={roleOptions}
            value={invite.values.role ?? 'agent'}
            error={invite.errors.role}
            required
          />
          <button type="submit" class="button">
            Envoyer l’invitation
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

export function MemberEditPage(v: {
  shell: AdminShell;
  member: Member;
  values?: Record<string, string>;
  errors?: Errors;
}) {
  const errors = v.errors ?? {};
  const values = v.values ?? {
    displayName: v.member.displayName,
    role: v.member.role,
    active: v.member.active ? 'on' : '',
  };
  return (
    <AdminLayout shell={v.shell} title={`Modifier ${v.member.displayName}`}>
      <p>
        <a href="/admin/utilisateurs">← Retour aux utilisateurs</a>
      </p>
      <h1>Modifier {v.member.displayName}</h1>
      <p>Adresse électronique : {v.member.email}</p>
      <ErrorSummary errors={errors} labels={{ displayName: 'Nom et prénom', role: 'Rôle' }} />
      <form method="post" action={`/admin/utilisateurs/${v.member.membershipId}`} novalidate class="card">
        <CsrfField token={v.shell.csrfToken} />
        <TextField
          name="displayName"
          label="Nom et prénom"
          value={values.displayName}
          error={errors.displayName}
          required
        />
        <SelectField name="role" label="Rôle" options={roleOptions} value={values.role} error={errors.role} required />
        <div class="field field--checkbox">
          <input type="checkbox" id="champ-active" name="active" class="checkbox" checked={values.active === 'on'} />
          <label for="champ-active">Accès à l’administration de la commune</label>
          <p class="field__hint">Décocher pour désactiver le compte dans cette commune ; ses sessions sont fermées.</p>
        </div>
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
      <form method="post" action={`/admin/utilisateurs/${v.member.membershipId}/double-authentification`} class="card">
        <CsrfField token={v.shell.csrfToken} />
        <h2>Double authentification</h2>
        <p>
          Si cette personne a perdu son téléphone, réinitialisez sa double authentification : elle la réactivera depuis
          « Mon compte ».
        </p>
        <button type="submit" class="button button--ghost">
          Réinitialiser la double authentification
        </button>
      </form>
    </AdminLayout>
  );
}
