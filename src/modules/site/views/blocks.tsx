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
