import type { AuditEntry } from '../../../core/audit/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { formatDateTime } from '../../../ui/format.js';

const ACTION_LABELS: Record<string, string> = {
  'auth.signed_in': 'Connexion',
  'auth.signed_out': 'Déconnexion',
  'auth.sign_in_failed': 'Échec de connexion',
  'member.invited': 'Invitation d’un utilisateur',
  'member.updated': 'Modification d’un utilisateur',
  'member.role_granted': 'Attribution d’un rôle',
  'user.invitation_accepted': 'Invitation acceptée',
};

export function DashboardPage({ shell, activity }: { shell: AdminShell; activity: AuditEntry[] }) {
  const commune = shell.commune;
  return (
    <AdminLayout shell={shell} title="Tableau de bord">
      <h1>Tableau de bord</h1>
      {commune && (
        <p class="lead">
          Commune de {commune.nom} · {commune.population.toLocaleString('fr-FR')} habitants · code INSEE {commune.insee}
        </p>
      )}
      <section aria-labelledby="modules-title">
        <h2 id="modules-title">Vos outils</h2>
        {shell.entries.length === 0 ? (
          <p>Aucun outil n’est encore ouvert à votre rôle dans cette commune.</p>
        ) : (
          <ul class="cards">
            {shell.entries.map((e) => (
              <li key={e.href} class="card card--link">
                <h3 class="card__title">
                  <a href={e.href}>{e.label}</a>
                </h3>
                <p>{e.description}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="activity-title">
        <h2 id="activity-title">Activité récente</h2>
        {activity.length === 0 ? (
          <p>Aucune activité enregistrée.</p>
        ) : (
          <ul class="activity">
            {activity.map((a) => (
              <li key={a.seq}>
                <time dateTime={a.occurredAt}>{formatDateTime(a.occurredAt, 'medium')}</time> —{' '}
                {ACTION_LABELS[a.action] ?? a.action}
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}
