import type { UpdateStatus } from '../updates.rules.js';
import type { PlatformStatus } from '../updates.service.js';

const WHEN = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const when = (iso: string) => WHEN.format(new Date(iso));

interface PlatformCheck {
  key: string;
  /** true: fine; false: something to do. */
  ok: boolean;
  state: string;
  text: string;
  link?: { href: string; label: string };
  why: string;
  todo: string;
}

const WHY_UPDATES =
  'Les nouvelles versions corrigent des défauts et parfois des failles de sécurité : une fois une faille publiée, tout le monde peut s’en servir contre les sites qui ne sont pas à jour.';

function updatesCheck(u: UpdateStatus, installed: string): PlatformCheck {
  switch (u.kind) {
    case 'up-to-date':
      return {
        key: 'updates',
        ok: true,
        state: 'Bien',
        text: `À jour (vérifié le ${when(u.checkedAt)}).`,
        why: WHY_UPDATES,
        todo: 'Rien : la plateforme recherche les nouvelles versions toutes les six heures et l’indiquera ici.',
      };
    case 'available':
      return {
        key: 'updates',
        ok: false,
        state: 'À faire',
        text: `Mise à jour disponible : ${u.version}${u.security ? ' (correctif de sécurité)' : ''} — demandez à votre hébergeur de l’installer.`,
        ...(u.url && { link: { href: u.url, label: `Ce que change la version ${u.version}` } }),
        why: u.security
          ? 'Cette version corrige une faille de sécurité : tant qu’elle n’est pas installée, la faille, désormais connue, peut servir à attaquer le site et les données de la commune.'
          : WHY_UPDATES,
        todo: `${u.security ? 'Sans attendre, écrivez' : 'Écrivez'} à votre hébergeur (l’intercommunalité ou le prestataire qui gère la plateforme) en indiquant la version installée (${installed}) et la version disponible (${u.version}).`,
      };
    case 'failing':
      return {
        key: 'updates',
        ok: false,
        state: 'À faire',
        text: `Vérification impossible depuis le ${when(u.since)} : ${u.reason}.`,
        why: 'Tant que la vérification échoue, la plateforme ne peut pas vous prévenir d’une mise à jour de sécurité.',
        todo: 'Signalez-le à votre hébergeur : il vérifiera l’adresse de la liste des versions et la connexion du serveur à Internet.',
      };
    case 'not-configured':
      return {
        key: 'updates',
        ok: false,
        state: 'À faire',
        text: 'La recherche de mises à jour n’est pas configurée par l’hébergeur.',
        why: `${WHY_UPDATES} Sans cette recherche, la plateforme ne peut pas vous dire qu’une mise à jour est disponible.`,
        todo: 'Demandez à votre hébergeur de l’activer (réglage CLOCHER_UPDATE_FEED), ou comment il s’assure que la plateforme reçoit les mises à jour.',
      };
    case 'not-checked-yet':
      return {
        key: 'updates',
        ok: true,
        state: 'En attente',
        text: 'La recherche de mises à jour est configurée ; la première vérification aura lieu dans les six prochaines heures.',
        why: WHY_UPDATES,
        todo: 'Rien : revenez plus tard sur cette page.',
      };
  }
}

function schemaCheck(pending: number): PlatformCheck {
  const why = 'Une base de données en retard sur la version installée peut empêcher des pages de fonctionner.';
  return pending === 0
    ? {
        key: 'schema',
        ok: true,
        state: 'Bien',
        text: 'La base de données est à jour : toutes les évolutions de la version installée y sont appliquées.',
        why,
        todo: 'Rien.',
      }
    : {
        key: 'schema',
        ok: false,
        state: 'À faire',
        text: `${pending} évolution${pending > 1 ? 's' : ''} de la base de données ${pending > 1 ? 'ne sont pas appliquées' : 'n’est pas appliquée'}.`,
        why,
        todo: 'Prévenez votre hébergeur : il doit mettre la base à niveau (commande « clocher migrate »).',
      };
}

/** The platform's block of the security page: installed version, updates, database structure. */
export function PlateformeSection({ platform }: { platform: PlatformStatus }) {
  const checks = [updatesCheck(platform.updates, platform.version), schemaCheck(platform.pendingMigrations)];
  return (
    <section class="card" aria-labelledby="plateforme">
      <h2 id="plateforme">La plateforme</h2>
      <p>
        Version installée : <strong>{platform.version}</strong>
        {platform.build && <span class="muted small"> (révision {platform.build})</span>}
      </p>
      <ul class="checks">
        {checks.map((c) => (
          <li key={c.key} class={c.ok ? 'check check--ok' : 'check check--todo'}>
            <p>
              <span class="check__state">{c.state}</span> {c.text}
              {c.link && (
                <>
                  {' '}
                  <a href={c.link.href}>{c.link.label}</a>
                </>
              )}
            </p>
            <p>
              <strong>Pourquoi :</strong> {c.why}
            </p>
            <p>
              <strong>Que faire :</strong> {c.todo}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
