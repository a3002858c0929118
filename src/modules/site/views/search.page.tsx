import type { SearchHit } from '../../../core/content/index.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import { Breadcrumb } from './blocks.js';

const KIND_LABELS: Record<string, string> = {
  page: 'Page',
  actualite: 'Actualité',
  evenement: 'Agenda',
  alerte: 'Alerte',
};

export function SearchPage({
  shell,
  q,
  hits,
  tooLong,
}: {
  shell: PublicShell;
  q: string;
  hits: SearchHit[];
  tooLong?: boolean;
}) {
  const title = q ? `Recherche : ${q}` : 'Rechercher sur le site';
  return (
    <PublicLayout shell={shell} title={title}>
      <div class="container prose">
        <Breadcrumb items={[{ href: '/', label: 'Accueil' }, { label: 'Recherche' }]} />
        <h1>Rechercher sur le site</h1>
        {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too recent for the assistive technologies our residents use; role="search" is understood everywhere */}
        <form method="get" action="/recherche" role="search" class="search-form">
          <label for="champ-q" class="field__label">
            Mots recherchés
          </label>
          <div class="search-form__row">
            <input class="input" type="search" id="champ-q" name="q" value={q} maxLength={200} />
            <button type="submit" class="button">
              Rechercher
            </button>
          </div>
        </form>
        {tooLong && <p class="alert alert--error">La recherche est limitée à 200 caractères.</p>}
        {q && !tooLong && (
          <section aria-labelledby="resultats">
            <h2 id="resultats">
              {hits.length === 0
                ? `Aucun résultat pour « ${q} »`
                : `${hits.length} résultat${hits.length > 1 ? 's' : ''} pour « ${q} »`}
            </h2>
            {hits.length === 0 ? (
              <p>Vérifiez l’orthographe, essayez un autre mot, ou consultez le plan du site.</p>
            ) : (
              <ol class="search-results">
                {hits.map((h) => (
                  <li key={h.url} class="search-result">
                    <p class="search-result__kind">{KIND_LABELS[h.kind] ?? h.kind}</p>
                    <h3 class="search-result__title">
                      <a href={h.url}>{h.title}</a>
                    </h3>
                    <p class="search-result__excerpt">
                      {h.excerpt.map((s, i) =>
                        s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
                      )}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
      </div>
    </PublicLayout>
  );
}
