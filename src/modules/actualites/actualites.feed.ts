import { Feed } from 'feed';
import type { Commune } from '../../core/tenancy/index.js';
import type { Actualite } from './actualites.repo.js';
import { summaryOf } from './actualites.rules.js';

/** The RSS 2.0 feed of the latest published actualités, with absolute URLs under `publicUrl`. */
export function actualitesRss(commune: Commune, items: Actualite[], publicUrl: string, now: Date): string {
  const home = `${publicUrl}/actualites`;
  const feed = new Feed({
    title: `Actualités de ${commune.nom}`,
    description: `Les actualités de la commune de ${commune.nom}.`,
    id: home,
    link: home,
    language: 'fr',
    updated: items[0]?.publishAt ? new Date(items[0].publishAt) : now,
    generator: 'Clocher',
    copyright: `Commune de ${commune.nom}`,
    feedLinks: { rss: `${publicUrl}/actualites.xml` },
  });
  for (const a of items) {
    const link = `${home}/${a.slug}`;
    feed.addItem({
      title: a.title,
      id: link,
      link,
      date: new Date(a.publishAt ?? a.updatedAt),
      description: summaryOf(a, 400),
      ...(a.imageUrl && { image: `${publicUrl}${a.imageUrl}` }),
    });
  }
  return feed.rss2();
}
