import type { ComponentChildren, VNode } from 'preact';
import { type Commune, conformityMention } from '../core/tenancy/index.js';
import { Document, type DocumentProps } from './document.js';
import { isCurrent, type NavItem } from './nav.js';

export interface PublicShell {
  commune: Commune | null;
  nav: NavItem[];
  currentPath: string;
  canonicalBase?: string;
  /** Banners shown on every page (the current alert). */
  banners?: VNode[];
}

export interface PublicLayoutProps {
  shell: PublicShell;
  title: string;
  description?: string;
  /** Open Graph tags and alternate formats (feeds), passed to the document head. */
  openGraph?: DocumentProps['openGraph'];
  alternates?: DocumentProps['alternates'];
  children: ComponentChildren;
}

/** The public site's frame: skip link, header with the commune's name, navigation, footer with the legal links. */
export function PublicLayout({ shell, title, description, openGraph, alternates, children }: PublicLayoutProps) {
  const { commune } = shell;
  const siteName = commune ? `Commune de ${commune.nom}` : 'Clocher';
  const fullTitle = title === siteName ? title : `${title} – ${siteName}`;
  return (
    <Document
      title={fullTitle}
      description={description}
      canonical={shell.canonicalBase ? `${shell.canonicalBase}${shell.currentPath}` : undefined}
      openGraph={openGraph}
      alternates={alternates}
    >
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header class="site-header">
        {/* Inside the header, so that every piece of the page belongs to a landmark. */}
        {commune?.isDemo && (
          <p class="demo-banner">
            Site de démonstration : la commune de {commune.nom} est fictive, ses informations aussi.
          </p>
        )}
        <div class="container site-header__inner">
          <a class="brand" href="/">
            <img
              class="brand__logo"
              src={commune?.theme.logoUrl ?? '/static/img/blason.svg'}
              alt=""
              width="48"
              height="48"
            />
            <span class="brand__text">
              <span class="brand__kicker">Commune de</span>
              <span class="brand__name">{commune?.nom ?? 'Clocher'}</span>
            </span>
          </a>
          {commune && (
            // biome-ignore lint/a11y/useSemanticElements: the <search> element is too recent for the assistive technologies our residents use; role="search" is understood everywhere
            <form method="get" action="/recherche" role="search" class="site-search">
              <label class="sr-only" for="recherche-entete">
                Rechercher sur le site
              </label>
              <input
                class="input"
                type="search"
                id="recherche-entete"
                name="q"
                maxLength={200}
                placeholder="Rechercher sur le site"
              />
              <button type="submit" class="button button--small">
                Rechercher
              </button>
            </form>
          )}
        </div>
        {shell.nav.length > 0 && (
          <nav class="main-nav" aria-label="Menu principal">
            <ul class="container main-nav__list">
              {shell.nav.map((item) => (
                <li key={item.href}>
                  <a
                    class="main-nav__link"
                    href={item.href}
                    aria-current={isCurrent(item.href, shell.currentPath) ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      {shell.banners?.map((b, i) => (
        <div key={i}>{b}</div>
      ))}
      <main id="contenu" class="site-main" tabIndex={-1}>
        {children}
      </main>
      <PublicFooter commune={commune} />
    </Document>
  );
}

function PublicFooter({ commune }: { commune: Commune | null }) {
  const info = commune?.info;
  return (
    <footer class="site-footer">
      <div class="container site-footer__inner">
        {commune && (
          <section class="site-footer__contact" aria-labelledby="footer-contact">
            <h2 id="footer-contact" class="site-footer__title">
              Mairie de {commune.nom}
            </h2>
            <address>
              {info?.adresse && <span class="block">{info.adresse}</span>}
              {info?.codePostal && (
                <span class="block">
                  {info.codePostal} {commune.nom}
                </span>
              )}
              {info?.telephone && (
                <span class="block">
                  Téléphone : <a href={`tel:${info.telephone.replace(/\s/g, '')}`}>{info.telephone}</a>
                </span>
              )}
              {info?.email && (
                <span class="block">
                  Courriel : <a href={`mailto:${info.email}`}>{info.email}</a>
                </span>
              )}
            </address>
          </section>
        )}
        <nav aria-label="Informations légales" class="site-footer__links">
          <ul>
            <li>
              <a href="/mentions-legales">Mentions légales</a>
            </li>
            <li>
              <a href="/accessibilite">Accessibilité : {conformityMention(commune?.info.accessibilite)}</a>
            </li>
            <li>
              <a href="/donnees-personnelles">Données personnelles</a>
            </li>
            <li>
              <a href="/plan-du-site">Plan du site</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
