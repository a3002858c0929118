import { parseBody } from '../site.rules.js';

/** A page body as HTML blocks; the text is always escaped. */
export function BodyText({ body }: { body: string }) {
  return (
    <>
      {parseBody(body).map((b, i) => {
        if (b.kind === 'h2') return <h2 key={i}>{b.text}</h2>;
        if (b.kind === 'ul')
          return (
            <ul key={i}>
              {b.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          );
        return <p key={i}>{b.text}</p>;
      })}
    </>
  );
}

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
