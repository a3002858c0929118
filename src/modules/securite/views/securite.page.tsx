import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField } from '../../../ui/form.js';
import { assessment, CHECKLIST } from '../securite.rules.js';
import type { SecurityOverview } from '../securite.service.js';
import type { PlatformStatus } from '../updates.service.js';
import { PlateformeSection } from './plateforme.section.js';

const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export function SecuritePage({
  shell,
  overview,
  platform,
  canManageRules = false,
}: {
  shell: AdminShell;
  overview: SecurityOverview;
  platform: PlatformStatus;
  canManageRules?: boolean;
}) {
  const checks = assessment(overview.indicators);
  const done = CHECKLIST.filter((c) => overview.points[c.key]).length;
  return (
    <AdminLayout shell={shell} title="Sécurité de la commune">
      <h1>Sécurité de la commune</h1>
      <p class="lead">
        Où en est la commune, d’après ce que la plateforme sait, et les bonnes pratiques à mettre en place à la mairie.
      </p>
      <section class="card" aria-labelledby="etat">
        <h2 id="etat">Les comptes et le site</h2>
        <ul class="checks">
          {checks.map((c) => (
            <li key={c.key} class={c.ok ? 'check check--ok' : 'check check--todo'}>
              <span class="check__state">{c.ok ? 'Bien' : 'À faire'}</span> {c.text}
            </li>
          ))}
        </ul>
        <p class="muted small">Les sauvegardes de la plateforme sont gérées par son hébergeur.</p>
      </section>
      <PlateformeSection platform={platform} />
      {canManageRules && (
        <section class="card" aria-labelledby="regles">
          <h2 id="regles">Règles de sécurité</h2>
          <p>
            Exigez la double authentification de tous les comptes de l’administration, avec un délai pour l’activer.
          </p>
          <p>
            <a href="/admin/securite/regles">Régler la double authentification obligatoire</a>
          </p>
        </section>
      )}
      <section class="card" aria-labelledby="pratiques">
        <h2 id="pratiques">
          Bonnes pratiques à la mairie ({done} sur {CHECKLIST.length})
        </h2>
        <ul class="practices">
          {CHECKLIST.map((c) => {
            const point = overview.points[c.key];
            return (
              <li key={c.key} class="practice">
                <h3 class="practice__title">{c.title}</h3>
                <p>
                  <strong>Pourquoi :</strong> {c.why}
                </p>
                <p>
                  <strong>Que faire :</strong> {c.todo}
                </p>
                <form method="post" action="/admin/securite" class="practice__form">
                  <CsrfField token={shell.csrfToken} />
                  <input type="hidden" name="item" value={c.key} />
                  {point ? (
                    <>
                      <span class="badge badge--success">
                        En place depuis le {FRENCH_DATE.format(new Date(`${point.doneOn}T00:00:00Z`))}
                      </span>
                      <input type="hidden" name="done" value="non" />
                      <button type="submit" class="button button--small button--ghost">
                        Ce n’est plus le cas<span class="sr-only"> : {c.title}</span>
                      </button>
                    </>
                  ) : (
                    <>
                      <input type="hidden" name="done" value="oui" />
                      <button type="submit" class="button button--small">
                        C’est en place<span class="sr-only"> : {c.title}</span>
                      </button>
                    </>
                  )}
                </form>
              </li>
            );
          })}
        </ul>
      </section>
    </AdminLayout>
  );
}
