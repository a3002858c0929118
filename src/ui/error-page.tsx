import { PublicLayout, type PublicShell } from './public-layout.js';

const TITLES: Record<number, string> = {
  400: 'Demande incorrecte',
  403: 'Accès refusé',
  404: 'Page introuvable',
  405: 'Action impossible',
  409: 'Action impossible',
  413: 'Envoi trop volumineux',
  415: 'Format non accepté',
  429: 'Trop de tentatives',
  500: 'Erreur du serveur',
  503: 'Service indisponible',
};

export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Erreur du serveur' : 'Demande incorrecte');
}

/**
 * A French error page: what happened and where to go; never a stack trace. On the public site it
 * keeps the site's menu and banners, so that a reader who followed a dead link can go on.
 */
export function ErrorPage({ status, message, shell }: { status: number; message: string; shell: PublicShell }) {
  const title = errorTitle(status);
  return (
    <PublicLayout shell={shell} title={title}>
      <div class="container prose">
        <h1>{title}</h1>
        <p class="lead">{message}</p>
        <p>
          <a class="button" href="/">
            Revenir à l’accueil
          </a>
        </p>
        <p class="muted">Code de l’erreur : {status}</p>
      </div>
    </PublicLayout>
  );
}
