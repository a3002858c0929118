import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.js';

export interface DocumentProps {
  title: string;
  description?: string;
  canonical?: string;
  bodyClass?: string;
  noindex?: boolean;
  /** Anti-forgery token for scripts that post (the back-office editor's image upload). */
  csrfToken?: string;
  /** Open Graph tags of a page worth sharing (absolute URLs). */
  openGraph?: OpenGraph;
  /** Other formats of the page announced in the head (RSS feed, iCalendar). */
  alternates?: { type: string; href: string; title: string }[];
  children: ComponentChildren;
}

export interface OpenGraph {
  type: 'website' | 'article';
  title: string;
  url: string;
  siteName?: string;
  description?: string;
  image?: string;
  imageAlt?: string;
  /** ISO instant (articles). */
  publishedTime?: string;
}

function OpenGraphTags({ og }: { og: OpenGraph }) {
  const tags: [string, string | undefined][] = [
    ['og:type', og.type],
    ['og:title', og.title],
    ['og:url', og.url],
    ['og:site_name', og.siteName],
    ['og:description', og.description],
    ['og:image', og.image],
    ['og:image:alt', og.image ? og.imageAlt : undefined],
    ['og:locale', 'fr_FR'],
    ['article:published_time', og.type === 'article' ? og.publishedTime : undefined],
  ];
  return (
    <>{tags.map(([property, content]) => content && <meta key={property} property={property} content={content} />)}</>
  );
}

/** The HTML document: French, responsive, our stylesheet and the commune's theme. No inline script or style. */
export function Document(props: DocumentProps) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.description && <meta name="description" content={props.description} />}
        {props.noindex && <meta name="robots" content="noindex, nofollow" />}
        {props.csrfToken && <meta name="csrf-token" content={props.csrfToken} />}
        {props.canonical && <link rel="canonical" href={props.canonical} />}
        {props.openGraph && <OpenGraphTags og={props.openGraph} />}
        {props.alternates?.map((a) => (
          <link key={a.href} rel="alternate" type={a.type} href={a.href} title={a.title} />
        ))}
        <link rel="stylesheet" href={assetUrl('css/clocher.css')} />
        <link rel="stylesheet" href="/theme.css" />
        <link rel="icon" href={assetUrl('img/clocher.svg')} type="image/svg+xml" />
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}
