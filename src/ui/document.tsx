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
  children: ComponentChildren;
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
        <link rel="stylesheet" href={assetUrl('css/clocher.css')} />
        <link rel="stylesheet" href="/theme.css" />
        <link rel="icon" href={assetUrl('img/clocher.svg')} type="image/svg+xml" />
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}
