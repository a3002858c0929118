import { excerpt, richTextToPlain } from '../../../core/content/index.js';
import { PARIS_TZ } from '../../../core/paris-time.js';
import { SectionBreadcrumb } from '../../../ui/breadcrumb.js';
import { PreviewNotice } from '../../../ui/content-admin.js';
import { Notice } from '../../../ui/form.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { Evenement } from '../agenda.repo.js';
import { eventWhen, groupByMonth } from '../agenda.rules.js';

const DAY_NUMBER = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', timeZone: PARIS_TZ });
const MONTH_SHORT = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: PARIS_TZ });

const ICS_ALTERNATE = (nom: string) => ({
  type: 'text/calendar',
  href: '/agenda.ics',
  title: `Agenda de ${nom} (iCalendar)`,
});

function Crumbs({ current }: { current?: string }) {
  return <SectionBreadcrumb section={{ href: '/agenda', label: 'Agenda' }} current={current} />;
}

/** One event in a list: a calendar leaf, the title (link), when and where. */
export function EvenementCard({ e, level = 3 }: { e: Evenement; level?: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const start = new Date(e.startsAt);
  return (
    <article class="event-card">
      <p class="event-card__leaf" aria-hidden="true">
        <span class="event-card__day">{DAY_NUMBER.format(start)}</span>
        <span class="event-card__month">{MONTH_SHORT.format(start)}</span>
      </p>
      <div class="event-card__body">
        <Heading class="event-card__title">
          <a href={`/agenda/${e.slug}`}>{e.title}</a>
        </Heading>
        <p class="event-card__when">
          <time dateTime={e.startsAt}>{eventWhen(e)}</time>
        </p>
        <p class="event-card__where">{e.lieu}</p>
      </div>
    </article>
  );
}

export function AgendaPage({ shell, events }: { shell: PublicShell; events: Evenement[] }) {
  const nom = shell.commune?.nom ?? '';
  const months = groupByMonth(events);
  return (
    <PublicLayout
      shell={shell}
      title="Agenda"
      description={`Les prochains événements à ${nom} : fêtes, marchés, réunions publiques, conseil municipal.`}
      alternates={[ICS_ALTERNATE(nom)]}
    >
      <div class="container">
        <Crumbs />
        <h1>Agenda</h1>
        <p class="lead">Les prochains rendez-vous de la commune et de ses associations.</p>
        <p>
          <a href="/agenda.ics" type="text/calendar">
            Ajouter tout l’agenda à mon calendrier (fichier iCalendar)
          </a>
        </p>
        {months.length === 0 && <p>Aucun événement n’est annoncé pour le moment.</p>}
        {months.map((m) => (
          <section key={m.key} class="agenda-month" aria-labelledby={`mois-${m.key}`}>
            <h2 id={`mois-${m.key}`} class="agenda-month__title">
              {m.label}
            </h2>
            <ul class="event-list">
              {m.events.map((e) => (
                <li key={e.id}>
                  <EvenementCard e={e} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </PublicLayout>
  );
}

export interface EvenementView {
  shell: PublicShell;
  e: Evenement;
  now: Date;
  publicUrl: string;
  preview?: { editHref: string; stateLabel: string };
}

export function EvenementPage({ shell, e, now, publicUrl, preview }: EvenementView) {
  const when = eventWhen(e);
  const summary = excerpt(`${when}, ${e.lieu}. ${richTextToPlain(e.descriptionHtml)}`, 200);
  const over = Date.parse(e.endsAt) <= now.getTime();
  return (
    <PublicLayout
      shell={shell}
      title={e.title}
      description={summary}
      openGraph={{
        type: 'website',
        title: e.title,
        url: `${publicUrl}/agenda/${e.slug}`,
        siteName: shell.commune ? `Commune de ${shell.commune.nom}` : undefined,
        description: summary,
      }}
    >
      <article class="container prose">
        <Crumbs current={e.title} />
        {preview && <PreviewNotice {...preview} />}
        <h1>{e.title}</h1>
        {over && <Notice kind="info">Cet événement est terminé.</Notice>}
        <dl class="event-facts">
          <div class="event-facts__row">
            <dt>Quand</dt>
            <dd>
              <time dateTime={e.startsAt}>{when}</time>
            </dd>
          </div>
          <div class="event-facts__row">
            <dt>Où</dt>
            <dd>
              {e.lieu}
              {e.adresse && <span class="block">{e.adresse}</span>}
            </dd>
          </div>
        </dl>
        {/* Sanitized when saved (sanitizeRichText): a SafeHtml. */}
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: e.descriptionHtml }} />
        {!over && (
          <p>
            <a href={`/agenda/${e.slug}.ics`} type="text/calendar">
              Ajouter à mon calendrier (fichier iCalendar)
            </a>
          </p>
        )}
        <p>
          <a href="/agenda">← Tout l’agenda</a>
        </p>
      </article>
    </PublicLayout>
  );
}

/** The home page block: the next events. */
export function AgendaHomeBlock({ events }: { events: Evenement[] }) {
  return (
    <section class="home-block" aria-labelledby="accueil-agenda">
      <h2 id="accueil-agenda">Prochains événements</h2>
      <ul class="event-list">
        {events.map((e) => (
          <li key={e.id}>
            <EvenementCard e={e} />
          </li>
        ))}
      </ul>
      <p>
        <a href="/agenda">Tout l’agenda</a>
      </p>
    </section>
  );
}
