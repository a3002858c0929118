import type { ComponentChildren } from 'preact';
import type { Commune } from '../core/tenancy/index.js';
import { Document } from './document.js';
import { CsrfField } from './form.js';
import { type AdminEntry, isCurrent } from './nav.js';

export interface AdminShell {
  commune: Commune | null;
  userName: string;
  roleLabel: string | null;
  entries: AdminEntry[];
  currentPath: string;
  csrfToken: string;
  isOperator: boolean;
}

/** The back-office frame: header with the signed-in user and sign-out, side navigation, content. */
export function AdminLayout({
  shell,
  title,
  children,
}: {
  shell: AdminShell;
  title: string;
  children: ComponentChildren;
}) {
  const where = shell.commune ? `Administration – ${shell.commune.nom}` : 'Administration';
  return (
    <Document title={`${title} – ${where}`} bodyClass="admin" noindex csrfToken={shell.csrfToken}>
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header class="admin-header">
        <div class="admin-header__inner">
          <a class="admin-brand" href="/admin">
            <span class="admin-brand__product">Clocher</span>
            <span class="admin-brand__commune">{shell.commune?.nom ?? 'Plateforme'}</span>
          </a>
          <div class="admin-user">
            <span class="admin-user__name">
              {shell.userName}
              {shell.roleLabel && <span class="admin-user__role"> · {shell.roleLabel}</span>}
            </span>
            <a class="admin-user__site" href="/admin/compte">
              Mon compte
            </a>
            <a class="admin-user__site" href="/">
              Voir le site
            </a>
            <form method="post" action="/admin/deconnexion" class="inline-form">
              <CsrfField token={shell.csrfToken} />
              <button type="submit" class="button button--small button--ghost">
                Se déconnecter
              </button>
            </form>
          </div>
        </div>
      </header>
      <div class="admin-body">
        <nav class="admin-nav" aria-label="Menu de l’administration">
          <ul>
            <li>
              <a href="/admin" aria-current={shell.currentPath === '/admin' ? 'page' : undefined}>
                Tableau de bord
              </a>
            </li>
            {shell.entries.map((e) => (
              <li key={e.href}>
                <a href={e.href} aria-current={isCurrent(e.href, shell.currentPath) ? 'page' : undefined}>
                  {e.label}
                </a>
              </li>
            ))}
            {shell.isOperator && (
              <li>
                <a href="/plateforme" aria-current={isCurrent('/plateforme', shell.currentPath) ? 'page' : undefined}>
                  Console de la plateforme
                </a>
              </li>
            )}
          </ul>
        </nav>
        <main id="contenu" class="admin-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </Document>
  );
}

/** A bare page (sign-in, invitation) with the commune's name but no navigation. */
export function BareLayout({
  commune,
  title,
  children,
}: {
  commune: Commune | null;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <Document title={`${title} – ${commune ? `Commune de ${commune.nom}` : 'Clocher'}`} bodyClass="bare" noindex>
      <main id="contenu" class="bare-main">
        <p class="bare-brand">
          <a href="/">{commune ? `Commune de ${commune.nom}` : 'Clocher'}</a>
        </p>
        <div class="card bare-card">{children}</div>
      </main>
    </Document>
  );
}
