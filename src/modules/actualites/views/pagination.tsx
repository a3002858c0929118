/** Links to the pages of a long list: previous, numbers (the current one marked), next. */
export function Pagination({ page, pageCount, basePath }: { page: number; pageCount: number; basePath: string }) {
  if (pageCount <= 1) return null;
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav class="pagination" aria-label="Pagination">
      <ul class="pagination__list">
        {page > 1 && (
          <li>
            <a class="pagination__link" href={href(page - 1)} rel="prev">
              <span aria-hidden="true">← </span>Page précédente
            </a>
          </li>
        )}
        {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
          <li key={n}>
            <a class="pagination__link" href={href(n)} aria-current={n === page ? 'page' : undefined}>
              <span class="sr-only">Page </span>
              {n}
            </a>
          </li>
        ))}
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
