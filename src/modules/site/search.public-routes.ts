import type { FastifyInstance } from 'fastify';
import { searchDocuments } from '../../core/content/index.js';
import { requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { SearchPage } from './views/search.page.js';

/** /recherche: full-text search over the commune's public content; /sitemap.xml and /robots.txt. */
export async function searchPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { q?: string | string[] } }>('/recherche', (req, reply) => {
    const commune = requireCommune(req);
    const raw = req.query.q;
    const q = (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
    return app.deps.pageCache.serve(req, reply, commune.id, async () => {
      const tooLong = q.length > 200;
      const hits = q && !tooLong ? await searchDocuments(app.deps.db, commune.id, q, app.deps.now()) : [];
      return SearchPage({ shell: await publicShell(req), q: q.slice(0, 200), hits, tooLong });
    });
  });

  app.get('/sitemap.xml', async (req, reply) => {
    const commune = requireCommune(req);
    const ctx = { db: app.deps.db, commune, now: app.deps.now() };
    const paths = new Set<string>(['/']);
    for (const m of app.deps.modules) {
      for (const item of (await m.publicNav?.(ctx)) ?? []) paths.add(item.href);
      for (const path of (await m.sitemap?.(ctx)) ?? []) paths.add(path);
    }
    const base = app.deps.config.publicUrl;
    const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[
      ...paths,
    ]
      .map((p) => `  <url><loc>${escapeXml(base + p)}</loc></url>`)
      .join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(xml);
  });

  app.get('/robots.txt', async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        `User-agent: *\nDisallow: /admin\nDisallow: /plateforme\nSitemap: ${app.deps.config.publicUrl}/sitemap.xml\n`,
      ),
  );
}
