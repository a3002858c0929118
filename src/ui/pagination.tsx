/**
 * Links to the pages of a long list: previous, the pages (every number, the current one marked, or
 * « Page n sur N » when `numbered` is false), next. `href(n)` is the address of page n.
 */
export function Pagination({
  page,
  pageCount,
  href,
  label = 'Pagination',
  numbered = true,
}: {
  page: number;
  pageCount: number;
  href: (n: number) => string;
  label?: string;
  numbered?: boolean;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label={label}>
      <ul class="pagination__list">
        {page > 1 && (
          <li>
            <a class="pagination__link" href={href(page - 1)} rel="prev">
              <span aria-hidden="true">← </span>Page précédente
            </a>
          </li>
        )}
        {numbered ? (
          Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
            <li key={n}>
              <a class="pagination__link" href={href(n)} aria-current={n === page ? 'page' : undefined}>
                <span class="sr-only">Page </span>
                {n}
              </a>
            </li>
          ))
        ) : (
          <li>
            <span class="pagination__link" aria-current="page">
              Page {page} sur {pageCount}
            </span>
          </li>
        )}
        {page < pageCount && (
          <li>
            <a class="pagination__link" href={href(page + 1)} rel="next">
              Page suivante<span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
