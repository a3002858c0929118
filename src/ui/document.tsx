import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.js';

export interface DocumentProps {
  title: string;
  description?: string;
  canonical?: string;
  bodyClass?: string;
  noindex?: boolean;
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
        {props.canonical && <link rel="canonical" href={props.canonical} />}
        <link rel="stylesheet" href={assetUrl('css/clocher.css')} />
        <link rel="stylesheet" href="/theme.css" />
        <link rel="icon" href={assetUrl('img/clocher.svg')} type="image/svg+xml" />
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}
