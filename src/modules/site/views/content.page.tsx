import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { Page, PageOutline } from '../site.service.js';
import { Breadcrumb } from './blocks.js';

export function ContentPage(v: {
  shell: PublicShell;
  page: Page;
  children: PageOutline[];
  ancestors: PageOutline[];
  /** A back-office preview of the current version, published or not. */
  preview?: boolean;
}) {
  return (
    <PublicLayout shell={v.shell} title={v.page.title} description={v.page.summary || undefined}>
      <div class="container prose">
        {v.preview && (
          <p class="alert alert--info" role="status">
            Aperçu de la version enregistrée : cette page n’est peut-être pas encore visible du public.
          </p>
        )}
        <Breadcrumb
          items={[
            { href: '/', label: 'Accueil' },
            ...v.ancestors.map((a) => ({ href: `/${a.path}`, label: a.title })),
            { label: v.page.title },
          ]}
        />
        <h1>{v.page.title}</h1>
        {v.page.summary && <p class="lead">{v.page.summary}</p>}
        {/* The body is SafeHtml: sanitized by the allow-list when it was saved. */}
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: v.page.bodyHtml }} />
        {v.children.length > 0 && (
          <section aria-labelledby="sous-pages">
            <h2 id="sous-pages">Dans cette rubrique</h2>
            <ul class="link-list">
              {v.children.map((c) => (
                <li key={c.id}>
                  <a href={`/${c.path}`}>{c.title}</a>
                  {c.summary && <span class="muted"> — {c.summary}</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </PublicLayout>
  );
}
