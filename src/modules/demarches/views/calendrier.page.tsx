import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import { CRENEAUX } from '../reservation.rules.js';
import { adjacentMonths, type SlotState } from '../salles.rules.js';
import type { CalendrierSalle } from '../salles.service.js';
import { Thumb } from './salles.page.js';

const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
const monthLabel = (m: string) => MONTH.format(new Date(`${m}-01T00:00:00Z`));

const STATE: Record<SlotState, { label: string; cls: string }> = {
  libre: { label: 'Libre', cls: 'slot slot--libre' },
  demande: { label: 'Demandé', cls: 'slot slot--demande' },
  reserve: { label: 'Réservé', cls: 'slot slot--reserve' },
  passe: { label: '—', cls: 'slot slot--passe' },
};

function RoomCalendar({ c, month }: { c: CalendrierSalle; month: string }) {
  const r = c.room;
  const id = `salle-${r.slug}`;
  return (
    <section aria-labelledby={id} class="salle-calendar">
      <h2 id={id}>{r.nom}</h2>
      {c.photos.length > 0 && (
        <ul class="salle-photos">
          {c.photos.map((p) => (
            <li key={p.id}>
              <Thumb media={p} />
            </li>
          ))}
        </ul>
      )}
      <p>
        {r.capacite} personnes au plus. {r.tarifs}
      </p>
      {r.description && <p>{r.description}</p>}
      {r.equipements && (
        <>
          <p class="small">Équipements :</p>
          <ul class="small">
            {r.equipements.split('\n').map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable) */}
      <section class="table-wrap" tabIndex={0} aria-label={`Disponibilités de ${r.nom}`}>
        <table class="table salle-month">
          <caption>
            {r.nom} : disponibilités de {monthLabel(month)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Jour</th>
              {CRENEAUX.map((k) => (
                <th scope="col" key={k.value}>
                  {k.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{DAY.format(new Date(`${d.date}T00:00:00Z`))}</th>
                {d.slots.map((s) => (
                  <td key={s.creneau} class={STATE[s.state].cls}>
                    {STATE[s.state].label}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** /demarches/reservation-salle/calendrier?mois=YYYY-MM: free and taken slots of each room, month by month. */
export function CalendrierPage(v: { shell: PublicShell; month: string; today: string; calendars: CalendrierSalle[] }) {
  const { prev, next } = adjacentMonths(v.month);
  const current = v.today.slice(0, 7);
  return (
    <PublicLayout shell={v.shell} title={`Disponibilités des salles : ${monthLabel(v.month)}`}>
      <div class="container prose">
        <p class="demarches-back">
          <a href="/demarches/reservation-salle">← Demander une salle</a>
        </p>
        <h1>Disponibilités des salles : {monthLabel(v.month)}</h1>
        <nav aria-label="Mois" class="actions">
          {prev >= current && <a href={`/demarches/reservation-salle/calendrier?mois=${prev}`}>← {monthLabel(prev)}</a>}
          <a href={`/demarches/reservation-salle/calendrier?mois=${next}`}>{monthLabel(next)} →</a>
        </nav>
        <p>
          « Demandé » : une demande est en cours d’examen pour ce créneau ; « Réservé » : la réservation est confirmée.
          Les réservations commencent le lendemain.
        </p>
        {v.calendars.length === 0 ? (
          <p>La commune ne propose aucune salle à la réservation pour le moment.</p>
        ) : (
          v.calendars.map((c) => <RoomCalendar key={c.room.id} c={c} month={v.month} />)
        )}
      </div>
    </PublicLayout>
  );
}
