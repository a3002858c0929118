import ical from 'ical-generator';
import { richTextToPlain } from '../../core/content/index.js';
import { addDays, toParisLocal } from '../../core/paris-time.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { Evenement } from './agenda.repo.js';

/**
 * iCalendar (RFC 5545) of events. Timed events are written in UTC (`DTSTART:…Z`): the calendar
 * has no time zone, which ical-generator would otherwise write as floating local times. An
 * all-day event is written as DATE values of its Paris days (DTEND the day after the last one).
 */
export function agendaIcs(commune: Commune, events: Evenement[], publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const calendar = ical({
    name: `Agenda de ${commune.nom}`,
    description: `Les événements de la commune de ${commune.nom}.`,
    prodId: { company: 'Clocher', product: 'Agenda', language: 'FR' },
    url: `${publicUrl}/agenda`,
  });
  for (const e of events) {
    const url = `${publicUrl}/agenda/${e.slug}`;
    calendar.createEvent({
      id: `evenement-${e.id}-${commune.id}@${host}`,
      ...(e.allDay ? allDayDates(e) : { start: new Date(e.startsAt), end: new Date(e.endsAt) }),
      allDay: e.allDay,
      summary: e.title,
      description: `${richTextToPlain(e.descriptionHtml)}\n\n${url}`,
      location: e.adresse ? `${e.lieu}, ${e.adresse}` : e.lieu,
      url,
      stamp: new Date(e.updatedAt),
      lastModified: new Date(e.updatedAt),
    });
  }
  // RFC 5545 ends every content line, the last one included, with CRLF.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** ical-generator writes an all-day date from the UTC fields of a Date: give it the Paris days. */
function allDayDates(e: Evenement): { start: Date; end: Date } {
  const first = toParisLocal(new Date(e.startsAt)).date;
  const afterLast = toParisLocal(new Date(e.endsAt)).date;
  const utcMidnight = (d: string) => new Date(`${d}T00:00:00.000Z`);
  return { start: utcMidnight(first), end: utcMidnight(afterLast > first ? afterLast : addDays(first, 1)) };
}
