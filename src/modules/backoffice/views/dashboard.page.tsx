import type { VNode } from 'preact';
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
  'commune.settings_changed': 'Réglages du site modifiés',
};

/** What an action is about, by the first part of its code ("actualite.published"). */
const OBJECTS: Record<string, string> = {
  actualite: 'Actualité',
  evenement: 'Événement',
  page: 'Page',
  media: 'Médiathèque',
  alerte: 'Alerte',
  cantine: 'Cantine',
  barometre: 'Baromètre',
  demarche: 'Démarche',
  demande: 'Demande',
  salle: 'Salle communale',
};

const VERBS: Record<string, string> = {
  created: 'création',
  updated: 'modification',
  deleted: 'suppression',
  published: 'publication',
  scheduled: 'publication programmée',
  unpublished: 'retrait',
  restored: 'version restaurée',
  uploaded: 'ajout d’un fichier',
  diffusee: 'envoi aux abonnés',
};

/** A French label for an audit action code; unknown codes are shown as they are. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const [object = '', verb = ''] = action.split('.', 2);
  const noun = OBJECTS[object];
  if (!noun) return action;
  const rest = action.slice(object.length + 1);
  return `${noun} : ${VERBS[verb] ?? rest.replace(/[._]/g, ' ')}`;
}

export function DashboardPage({
  shell,
  activity,
  blocks = [],
}: {
  shell: AdminShell;
  activity: AuditEntry[];
  /** The modules' dashboard blocks (ClocherModule.dashboardSections), in order. */
  blocks?: VNode[];
}) {
  const commune = shell.commune;
  return (
    <AdminLayout shell={shell} title="Tableau de bord">
      <h1>Tableau de bord</h1>
      {commune && (
        <p class="lead">
          Commune de {commune.nom} · {commune.population.toLocaleString('fr-FR')} habitants · code INSEE {commune.insee}
        </p>
      )}
      {blocks}
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
                <time dateTime={a.occurredAt}>{formatDateTime(a.occurredAt, 'medium')}</time> — {actionLabel(a.action)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}
