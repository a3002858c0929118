import { Breadcrumb } from '../../../ui/breadcrumb.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import { formatPeriod } from '../alertes.format.js';
import type { Alerte } from '../alertes.repo.js';
import { KIND_LABELS, TIMING_LABELS, timingOf } from '../alertes.rules.js';
import { AlerteCard, capitalize, PlainText, SeverityBadge } from './blocks.js';

function SubscribeLink() {
  return (
    <p class="alertes-subscribe">
      <a class="button" href="/alertes/abonnement">
        Recevoir les alertes par courriel
      </a>
    </p>
  );
}

function Section({ id, title, alertes, empty }: { id: string; title: string; alertes: Alerte[]; empty: string }) {
  return (
    <section aria-labelledby={id} class="alertes-section">
      <h2 id={id}>{title}</h2>
      {alertes.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="alertes-list">
          {alertes.map((a) => (
            <li key={a.id}>
              <AlerteCard alerte={a} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface AlertesView {
  shell: PublicShell;
  current: Alerte[];
  upcoming: Alerte[];
  past: Alerte[];
}

/** /alertes: current and upcoming alerts, then the last ended ones. */
export function AlertesPage(v: AlertesView) {
  const nom = v.shell.commune?.nom ?? '';
  return (
    <PublicLayout
      shell={v.shell}
      title="Alertes"
      description={`Coupures d’eau, routes barrées, alertes météo : les alertes en cours et à venir à ${nom}.`}
    >
      <div class="container prose">
        <Breadcrumb items={[{ href: '/', label: 'Accueil' }, { label: 'Alertes' }]} />
        <h1>Alertes</h1>
        <p class="lead">Coupures d’eau, routes barrées, alertes météo : ce qui concerne la commune en ce moment.</p>
        <SubscribeLink />
        <Section id="en-cours" title="En cours" alertes={v.current} empty="Aucune alerte en cours." />
        <Section id="a-venir" title="À venir" alertes={v.upcoming} empty="Aucune alerte prévue." />
        <Section id="passees" title="Dernières alertes terminées" alertes={v.past} empty="Aucune alerte passée." />
      </div>
    </PublicLayout>
  );
}

/** /alertes/<id>: one alert, whatever its period. */
export function AlertePage({ shell, alerte, now }: { shell: PublicShell; alerte: Alerte; now: Date }) {
  const timing = timingOf(alerte, now);
  return (
    <PublicLayout shell={shell} title={alerte.title} description={`${KIND_LABELS[alerte.kind]} : ${alerte.title}`}>
      <div class="container prose">
        <Breadcrumb
          items={[{ href: '/', label: 'Accueil' }, { href: '/alertes', label: 'Alertes' }, { label: alerte.title }]}
        />
        <p class="alerte-card__meta alerte-detail__meta">
          <SeverityBadge severity={alerte.severity} /> {KIND_LABELS[alerte.kind]} ·{' '}
          <span class={`alerte-timing alerte-timing--${timing}`}>{TIMING_LABELS[timing]}</span>
        </p>
        <h1>{alerte.title}</h1>
        <p class="lead">{capitalize(formatPeriod(alerte.startsAt, alerte.endsAt))} (heure de Paris).</p>
        <PlainText text={alerte.body} />
        <p>
          <a href="/alertes">← Toutes les alertes</a>
        </p>
        <SubscribeLink />
      </div>
    </PublicLayout>
  );
}
