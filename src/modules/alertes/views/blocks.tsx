import { formatPeriod, formatUntil } from '../alertes.format.js';
import type { Alerte } from '../alertes.repo.js';
import { KIND_LABELS, SEVERITY_LABELS, type Severity } from '../alertes.rules.js';

/** Plain text as paragraphs: a blank line separates them, a line break stays one. Preact escapes it. */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split('\n').map((line, j) => (
            <>
              {j > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span class={`alerte-badge alerte-badge--${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/** The banner shown on every public page while an alert is current. */
export function AlerteBanner({ alerte, others, now }: { alerte: Alerte; others: number; now: Date }) {
  return (
    <section aria-label="Alerte en cours" class={`alerte-banner alerte-banner--${alerte.severity}`}>
      <div class="container alerte-banner__inner">
        <p class="alerte-banner__text">
          <span class="alerte-banner__level">
            {SEVERITY_LABELS[alerte.severity]} · {KIND_LABELS[alerte.kind]}
          </span>{' '}
          <a class="alerte-banner__title" href={`/alertes/${alerte.id}`}>
            {alerte.title}
          </a>{' '}
          <span class="alerte-banner__until">({formatUntil(alerte.endsAt, now)})</span>
        </p>
        <p class="alerte-banner__more">
          <a href="/alertes">
            {others > 0
              ? `Toutes les alertes (${others} autre${others > 1 ? 's' : ''} en cours)`
              : 'Toutes les alertes'}
          </a>
        </p>
      </div>
    </section>
  );
}

/** An alert in a public list. */
export function AlerteCard({ alerte, headingLevel = 3 }: { alerte: Alerte; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class={`alerte-card alerte-card--${alerte.severity}`}>
      <p class="alerte-card__meta">
        <SeverityBadge severity={alerte.severity} /> {KIND_LABELS[alerte.kind]}
      </p>
      <Heading class="alerte-card__title">
        <a href={`/alertes/${alerte.id}`}>{alerte.title}</a>
      </Heading>
      <p class="alerte-card__when">{capitalize(formatPeriod(alerte.startsAt, alerte.endsAt))}</p>
    </article>
  );
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
