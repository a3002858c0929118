import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, Notice, SelectField, TextField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import type { Courriel } from '../courriels.repo.js';
import { canRetry, MAIL_STATUS_LABELS, MAIL_STATUSES } from '../courriels.rules.js';

export interface CourrielsQuery {
  statut?: string | undefined;
  q?: string | undefined;
  relance?: string | undefined;
}

export interface CourrielsView {
  shell: AdminShell;
  courriels: Courriel[];
  counts: Record<string, number>;
  filter: CourrielsQuery;
}

const STATUS_BADGES = { pending: 'badge badge--info', sent: 'badge', failed: 'badge badge--warning' } as const;

function Filters({ f }: { f: CourrielsQuery }) {
  return (
    <form method="get" action="/admin/courriels" class="card demandes-filters">
      <SelectField
        name="statut"
        label="Statut"
        value={f.statut}
        options={[
          { value: '', label: 'Tous' },
          ...MAIL_STATUSES.map((s) => ({ value: s, label: MAIL_STATUS_LABELS[s] })),
        ]}
      />
      <TextField name="q" label="Recherche" type="search" value={f.q} hint="Destinataire ou objet." />
      <button type="submit" class="button">
        Filtrer
      </button>
    </form>
  );
}

function Etat({ c }: { c: Courriel }) {
  if (c.status === 'sent') return <>Envoyé le {formatDateTime(c.sentAt ?? c.createdAt)}</>;
  if (c.status === 'pending' && c.attempts > 0) {
    return (
      <>
        Nouvel essai le {formatDateTime(c.nextAttemptAt)} ({c.attempts} tentative{c.attempts > 1 ? 's' : ''})
      </>
    );
  }
  if (c.status === 'pending') return <>À envoyer</>;
  return (
    <>
      Abandonné après {c.attempts} tentative{c.attempts > 1 ? 's' : ''}
    </>
  );
}

/** /admin/courriels: what the commune's outbox sent, is sending, and failed to send. */
export function CourrielsPage(v: CourrielsView) {
  return (
    <AdminLayout shell={v.shell} title="Courriels envoyés">
      <h1>Courriels envoyés</h1>
      <p class="lead">
        Les courriels que la plateforme envoie au nom de la commune : accusés de réception, réponses aux demandes,
        alertes… Un courriel en échec peut être relancé une fois le problème réglé (adresse corrigée, serveur de
        messagerie revenu).
      </p>
      {v.filter.relance === 'ok' && (
        <Notice kind="success">Le courriel est remis en file d’envoi : il part dans quelques secondes.</Notice>
      )}
      <ul class="demandes-counts">
        {MAIL_STATUSES.map((s) => (
          <li key={s}>
            <a href={`/admin/courriels?statut=${s}`}>
              {MAIL_STATUS_LABELS[s]} : <strong>{v.counts[s] ?? 0}</strong>
            </a>
          </li>
        ))}
      </ul>
      <Filters f={v.filter} />
      {v.courriels.length === 0 ? (
        <p class="muted">Aucun courriel ne correspond.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
        <section class="table-wrap" aria-label="Liste des courriels" tabIndex={0}>
          <table class="table">
            <caption>
              {v.courriels.length} courriel{v.courriels.length > 1 ? 's' : ''}, du plus récent au plus ancien
            </caption>
            <thead>
              <tr>
                <th scope="col">Créé le</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">Statut</th>
                <th scope="col">Détail</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {v.courriels.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.createdAt)}</td>
                  <td>{c.to}</td>
                  <th scope="row">
                    {c.subject}
                    {c.attachments.length > 0 && (
                      <span class="small muted"> (pièce jointe : {c.attachments.join(', ')})</span>
                    )}
                  </th>
                  <td>
                    <span class={STATUS_BADGES[c.status]}>{MAIL_STATUS_LABELS[c.status]}</span>
                  </td>
                  <td>
                    <Etat c={c} />
                    {c.lastError && c.status !== 'sent' && (
                      <p class="small">
                        Erreur : <code>{c.lastError}</code>
                      </p>
                    )}
                  </td>
                  <td>
                    {canRetry(c.status) && (
                      <form method="post" action={`/admin/courriels/${c.id}/relancer`} class="inline-form">
                        <CsrfField token={v.shell.csrfToken} />
                        <button type="submit" class="button button--small">
                          Relancer
                          <span class="sr-only">
                            {' '}
                            le courriel « {c.subject} » à {c.to}
                          </span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </AdminLayout>
  );
}
