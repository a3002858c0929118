import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, Notice } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import type { Alerte } from '../alertes.repo.js';
import { KIND_LABELS } from '../alertes.rules.js';
import { SeverityBadge } from './blocks.js';

const MESSAGES: Record<string, string> = {
  cree: 'L’alerte a été publiée.',
  modifie: 'Les modifications ont été enregistrées.',
  terminee: 'L’alerte est terminée : elle n’est plus affichée sur le site.',
  supprimee: 'L’alerte a été supprimée.',
};

export interface AdminAlertesView {
  shell: AdminShell;
  current: Alerte[];
  upcoming: Alerte[];
  past: Alerte[];
  abonnes: number;
  message?: string | undefined;
}

function AlertesTable(props: { caption: string; alertes: Alerte[]; csrfToken: string; canEnd: boolean }) {
  if (props.alertes.length === 0) return <p class="muted">Aucune alerte.</p>;
  return (
    <div class="table-wrap alertes-table-wrap">
      <table class="table">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Titre</th>
            <th scope="col">Niveau</th>
            <th scope="col">Début</th>
            <th scope="col">Fin</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.alertes.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <a href={`/admin/alertes/${a.id}`}>{a.title}</a>
                <span class="block small muted">{KIND_LABELS[a.kind]}</span>
              </th>
              <td>
                <SeverityBadge severity={a.severity} />
              </td>
              <td>{formatDateTime(a.startsAt)}</td>
              <td>{formatDateTime(a.endsAt)}</td>
              <td class="alertes-actions">
                {props.canEnd && (
                  <form method="post" action={`/admin/alertes/${a.id}/terminer`} class="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="button button--small">
                      Terminer maintenant<span class="sr-only"> : {a.title}</span>
                    </button>
                  </form>
                )}
                <a href={`/admin/alertes/${a.id}/suppression`}>
                  Supprimer<span class="sr-only"> : {a.title}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/alertes: current, upcoming and past alerts, and how many people receive them. */
export function AdminAlertesPage(v: AdminAlertesView) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const token = v.shell.csrfToken;
  return (
    <AdminLayout shell={v.shell} title="Alertes">
      <h1>Alertes</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        Une alerte en cours s’affiche en bandeau sur toutes les pages du site.{' '}
        <strong>
          {v.abonnes === 0
            ? 'Aucun abonné confirmé'
            : `${v.abonnes.toLocaleString('fr-FR')} abonné${v.abonnes > 1 ? 's' : ''} confirmé${v.abonnes > 1 ? 's' : ''}`}
        </strong>{' '}
        {v.abonnes > 1 ? 'reçoivent' : 'reçoit'} les alertes par courriel au moment où elles commencent.
      </p>
      <p>
        <a class="button" href="/admin/alertes/nouvelle">
          Publier une alerte
        </a>
      </p>
      <h2>En cours</h2>
      <AlertesTable caption="Alertes en cours" alertes={v.current} csrfToken={token} canEnd />
      <h2>À venir</h2>
      <AlertesTable caption="Alertes à venir" alertes={v.upcoming} csrfToken={token} canEnd={false} />
      <h2>Passées</h2>
      <AlertesTable caption="Alertes passées" alertes={v.past} csrfToken={token} canEnd={false} />
    </AdminLayout>
  );
}

/** Delete, after a confirmation. */
export function DeleteAlertePage({ shell, alerte }: { shell: AdminShell; alerte: Alerte }) {
  return (
    <AdminLayout shell={shell} title="Supprimer une alerte">
      <p>
        <a href="/admin/alertes">← Retour aux alertes</a>
      </p>
      <h1>Supprimer l’alerte « {alerte.title} » ?</h1>
      <p>
        Elle disparaîtra du site, y compris de la liste des alertes passées. Pour seulement retirer le bandeau d’une
        alerte en cours, terminez-la plutôt.
      </p>
      <form method="post" action={`/admin/alertes/${alerte.id}/suppression`} class="card">
        <CsrfField token={shell.csrfToken} />
        <button type="submit" class="button alertes-button--danger">
          Supprimer définitivement
        </button>{' '}
        <a href={`/admin/alertes/${alerte.id}`}>Annuler</a>
      </form>
    </AdminLayout>
  );
}
