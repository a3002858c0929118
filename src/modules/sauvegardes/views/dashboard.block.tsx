import type { BackupStatus } from '../../../core/backup/index.js';
import { formatDateTime } from '../../../ui/format.js';

/** The platform's backups as the back-office sees them: last backup, last verification, a warning. */
export function SauvegardesBlock({ status }: { status: BackupStatus }) {
  const last = status.lastBackup;
  return (
    <section aria-labelledby="sauvegardes-titre" class={`alert ${status.stale ? 'alert--error' : 'alert--info'}`}>
      <h2 id="sauvegardes-titre" class="alert__title">
        Sauvegardes
      </h2>
      {status.stale && (
        <p>
          <strong>
            {status.hoursSince === null
              ? 'Aucune sauvegarde réussie n’a encore été faite.'
              : `Aucune sauvegarde réussie depuis ${status.hoursSince} heures.`}
          </strong>{' '}
          Prévenez l’hébergeur de la plateforme.
        </p>
      )}
      <ul>
        <li>
          Dernière sauvegarde :{' '}
          {last ? (
            <>
              <time dateTime={last.finishedAt}>{formatDateTime(last.finishedAt, 'medium')}</time>
              {last.ok ? ' (réussie)' : ' (échec)'}
            </>
          ) : (
            'aucune'
          )}
        </li>
        <li>
          Dernière vérification :{' '}
          {status.lastVerify ? (
            <>
              <time dateTime={status.lastVerify.finishedAt}>
                {formatDateTime(status.lastVerify.finishedAt, 'medium')}
              </time>
              {status.lastVerify.ok ? ' (restauration d’essai réussie)' : ' (échec de la vérification)'}
            </>
          ) : (
            'aucune'
          )}
        </li>
      </ul>
      {!status.verifiedRecently && (
        <p>
          Les sauvegardes ne peuvent pas être vérifiées par le serveur : il ne détient pas la phrase de passe de la clé
          de sauvegarde. L’hébergeur les vérifie avec <code>clocher backup verify</code>.
        </p>
      )}
    </section>
  );
}
