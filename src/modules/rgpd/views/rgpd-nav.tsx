/** The data protection pages' own menu. */
const LINKS = [
  { href: '/admin/rgpd/registre', label: 'Registre des traitements' },
  { href: '/admin/rgpd/eliminations', label: 'Conservation et éliminations' },
  { href: '/admin/rgpd/personnes', label: 'Droits des personnes' },
];

export function RgpdNav({ current }: { current: string }) {
  return (
    <nav aria-label="Protection des données" class="rgpd-nav">
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={l.href === current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export const frDate = (iso: string | null): string =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
