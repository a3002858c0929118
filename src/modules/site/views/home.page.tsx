import type { VNode } from 'preact';
import { toParisLocal } from '../../../core/paris-time.js';
import type { Commune } from '../../../core/tenancy/index.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import { openingToday, weekHours } from '../site.rules.js';
import type { PageOutline } from '../site.service.js';

export interface HomeView {
  shell: PublicShell;
  commune: Commune;
  pages: PageOutline[];
  /** Blocks of the other modules (news, events…), in order. */
  sections: VNode[];
  now: Date;
}

export function HomePage({ shell, commune, pages, sections, now }: HomeView) {
  const today = openingToday(commune.info, now);
  return (
    <PublicLayout
      shell={shell}
      title={`Commune de ${commune.nom}`}
      description={`Site officiel de la commune de ${commune.nom} : informations pratiques, services de la mairie et démarches.`}
    >
      <section class={commune.theme.heroUrl ? 'hero hero--photo' : 'hero'} aria-labelledby="hero-title">
        {commune.theme.heroUrl && (
          <img class="hero__photo" src={commune.theme.heroUrl} alt={commune.theme.heroAlt ?? ''} />
        )}
        <div class="container hero__content">
          <h1 id="hero-title" class="hero__title">
            Bienvenue à {commune.nom}
          </h1>
          <p class="hero__lead">
            {commune.population.toLocaleString('fr-FR')} habitants · la mairie vous accueille et vous informe.
          </p>
          <p class={today.open ? 'hero__status hero__status--open' : 'hero__status'}>{today.text}</p>
        </div>
      </section>
      <div class="container home-grid">
        <div class="home-grid__main">
          <section aria-labelledby="acces-rapides">
            <h2 id="acces-rapides">Accès rapides</h2>
            <ul class="tiles">
              {pages.map((p) => (
                <li key={p.id} class="tile">
                  <a class="tile__link" href={`/${p.path}`}>
                    <span class="tile__title">{p.title}</span>
                    {p.summary && <span class="tile__text">{p.summary}</span>}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          {sections.map((node, i) => (
            <div key={i}>{node}</div>
          ))}
        </div>
        <aside class="home-grid__side card" aria-labelledby="horaires">
          <h2 id="horaires">Horaires de la mairie</h2>
          <dl class="hours">
            {weekHours(commune.info).map((d) => (
              <div key={d.day} class="hours__row">
                <dt>{d.day}</dt>
                <dd>{d.text}</dd>
              </div>
            ))}
          </dl>
          {upcomingClosures(commune, now).length > 0 && (
            <>
              <h3>Fermetures exceptionnelles</h3>
              <ul>
                {upcomingClosures(commune, now).map((f) => (
                  <li key={f.du}>
                    {f.du === f.au ? `Le ${frenchDate(f.du)}` : `Du ${frenchDate(f.du)} au ${frenchDate(f.au)}`} :{' '}
                    {f.motif}
                  </li>
                ))}
              </ul>
            </>
          )}
          {commune.info.telephone && (
            <p>
              Téléphone : <a href={`tel:${commune.info.telephone.replace(/\s/g, '')}`}>{commune.info.telephone}</a>
            </p>
          )}
        </aside>
      </div>
    </PublicLayout>
  );
}

function upcomingClosures(commune: Commune, now: Date) {
  const today = toParisLocal(now).date;
  return (commune.info.fermetures ?? []).filter((f) => f.au >= today).slice(0, 3);
}

const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const frenchDate = (iso: string) => FRENCH_DATE.format(new Date(`${iso}T00:00:00Z`));
