import { frenchDayFormat } from '../../../core/french-dates.js';
import { SectionBreadcrumb } from '../../../ui/breadcrumb.js';
import { PreviewNotice } from '../../../ui/content-admin.js';
import { Pagination } from '../../../ui/pagination.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { ActualitesPage } from '../actualites.public.js';
import type { Actualite } from '../actualites.repo.js';
import { summaryOf } from '../actualites.rules.js';

/** "12 novembre 2026", "1er décembre 2026" (the French way for the first of the month), on a Paris calendar. */
export const formatDay: (iso: string) => string = frenchDayFormat({ dateStyle: 'long' });

function Crumbs({ current }: { current?: string }) {
  return <SectionBreadcrumb section={{ href: '/actualites', label: 'Actualités' }} current={current} />;
}

/** One actualité in a list: title (link), date, summary. */
export function ActualiteCard({ a, level = 2 }: { a: Actualite; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="news-card">
      <Heading class="news-card__title">
        <a href={`/actualites/${a.slug}`}>{a.title}</a>
      </Heading>
      {a.publishAt && (
        <p class="news-card__date">
          <time dateTime={a.publishAt}>{formatDay(a.publishAt)}</time>
        </p>
      )}
      <p class="news-card__text">{summaryOf(a)}</p>
    </article>
  );
}

export const FEED_ALTERNATE = (communeNom: string) => ({
  type: 'application/rss+xml',
  href: '/actualites.xml',
  title: `Actualités de ${communeNom} (RSS)`,
});

export function ActualitesListPage({ shell, list }: { shell: PublicShell; list: ActualitesPage }) {
  const nom = shell.commune?.nom ?? '';
  const title = list.page > 1 ? `Actualités – page ${list.page} sur ${list.pageCount}` : 'Actualités';
  return (
    <PublicLayout
      shell={shell}
      title={title}
      description={`Les actualités de la commune de ${nom} : travaux, vie locale, décisions du conseil municipal.`}
      alternates={[FEED_ALTERNATE(nom)]}
    >
      <div class="container">
        <Crumbs />
        <h1>{title}</h1>
        <p class="lead">Les nouvelles de la commune et de la mairie.</p>
        <p>
          <a href="/actualites.xml" type="application/rss+xml">
            Suivre les actualités avec un lecteur de flux RSS
          </a>
        </p>
        {list.total === 0 ? (
          <p>Aucune actualité n’est publiée pour le moment.</p>
        ) : (
          <ul class="news-list">
            {list.items.map((a) => (
              <li key={a.id}>
                <ActualiteCard a={a} />
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          href={(n) => (n === 1 ? '/actualites' : `/actualites?page=${n}`)}
        />
      </div>
    </PublicLayout>
  );
}

export interface ActualiteView {
  shell: PublicShell;
  a: Actualite;
  /** Absolute origin for the Open Graph tags (config.publicUrl). */
  publicUrl: string;
  /** Shown to an agent in the back-office: the current version, published or not. */
  preview?: { editHref: string; stateLabel: string };
}

export function ActualitePage({ shell, a, publicUrl, preview }: ActualiteView) {
  const summary = summaryOf(a, 200);
  return (
    <PublicLayout
      shell={shell}
      title={a.title}
      description={summary}
      openGraph={{
        type: 'article',
        title: a.title,
        url: `${publicUrl}/actualites/${a.slug}`,
        siteName: shell.commune ? `Commune de ${shell.commune.nom}` : undefined,
        description: summary,
        image: a.imageUrl ? `${publicUrl}${a.imageUrl}` : undefined,
        imageAlt: a.imageAlt || undefined,
        publishedTime: a.publishAt ?? undefined,
      }}
    >
      <article class="container prose">
        <Crumbs current={a.title} />
        {preview && <PreviewNotice {...preview} />}
        <h1>{a.title}</h1>
        <p class="muted">
          {a.publishAt ? (
            <>
              Publiée le <time dateTime={a.publishAt}>{formatDay(a.publishAt)}</time>
            </>
          ) : (
            'Pas encore publiée'
          )}
        </p>
        {a.chapo && <p class="lead">{a.chapo}</p>}
        {a.imageUrl && (
          <figure class="news-figure">
            <img src={a.imageUrl} alt={a.imageAlt} loading="lazy" />
          </figure>
        )}
        {/* Sanitized when saved (sanitizeRichText): a SafeHtml. */}
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        <p>
          <a href="/actualites">← Toutes les actualités</a>
        </p>
      </article>
    </PublicLayout>
  );
}

/** The home page block: the latest actualités. */
export function ActualitesHomeBlock({ items }: { items: Actualite[] }) {
  return (
    <section class="home-block" aria-labelledby="accueil-actualites">
      <h2 id="accueil-actualites">Actualités</h2>
      <ul class="news-list news-list--home">
        {items.map((a) => (
          <li key={a.id}>
            <ActualiteCard a={a} level={3} />
          </li>
        ))}
      </ul>
      <p>
        <a href="/actualites">Toutes les actualités</a>
      </p>
    </section>
  );
}
