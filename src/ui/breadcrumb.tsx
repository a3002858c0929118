/** The trail from the home page to the current page (the last item, without a link). */
export function Breadcrumb({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Fil d’Ariane" class="breadcrumb">
      <ol>
        {items.map((item, i) =>
          item.href ? (
            <li key={i}>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li key={i} aria-current="page">
              {item.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** Home → a section of the site (its list) → the current item, if any. */
export function SectionBreadcrumb({
  section,
  current,
}: {
  section: { href: string; label: string };
  current?: string;
}) {
  return (
    <Breadcrumb
      items={[
        { href: '/', label: 'Accueil' },
        ...(current ? [section, { label: current }] : [{ label: section.label }]),
      ]}
    />
  );
}
