import type { CommuneCtx } from '../../core/context.js';
import { addDays, parisToUtc, toParisLocal } from '../../core/paris-time.js';
import { changeEvenementPublication, createEvenement } from './agenda.service.js';

/** Demo events of Bellerive-sur-Lys over the coming months, and one draft. */

const DAY_MS = 86_400_000;

interface DemoEvent {
  title: string;
  /** The first day (YYYY-MM-DD, Paris), computed from today. */
  date: (today: string) => string;
  /** [start, end] on a Paris clock, or null for an all-day event. */
  hours: [string, string] | null;
  days?: number;
  lieu: string;
  adresse?: string;
  description: string;
  draft?: boolean;
}

/** The next `weekday` (0 = Sunday) on or after the next `month`-`day` from today. */
function next(month: number, day: number, weekday: number): (today: string) => string {
  return (today) => {
    const year = Number(today.slice(0, 4));
    const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let d = `${today.slice(5) < mmdd ? year : year + 1}-${mmdd}`;
    while (new Date(`${d}T12:00:00Z`).getUTCDay() !== weekday) d = addDays(d, 1);
    return d;
  };
}

const inDays = (n: number) => (today: string) => addDays(today, n);

const EVENTS: DemoEvent[] = [
  {
    title: 'Collecte de sang',
    date: inDays(4),
    hours: ['14:30', '19:00'],
    lieu: 'Salle des fêtes',
    adresse: 'Rue du Marais',
    description:
      '<p>Collecte organisée par l’Établissement français du sang. Pensez à manger avant de venir et à apporter une pièce d’identité.</p>',
  },
  {
    title: 'Loto de l’association des parents d’élèves',
    date: inDays(10),
    hours: ['14:00', '19:00'],
    lieu: 'Salle des fêtes',
    adresse: 'Rue du Marais',
    description:
      '<p>Ouverture des portes à 13 h. Bons d’achat, panier garni et vélo à gagner. Buvette et pâtisseries maison au profit des sorties scolaires.</p><p>Réservations au 06 12 34 56 78.</p>',
  },
  {
    title: 'Repas des aînés',
    date: inDays(16),
    hours: ['12:00', '17:00'],
    lieu: 'Salle des fêtes',
    adresse: 'Rue du Marais',
    description:
      '<p>Repas offert par le centre communal d’action sociale aux habitants de 70 ans et plus, sur inscription en mairie.</p>',
  },
  {
    title: 'Conseil municipal',
    date: inDays(18),
    hours: ['19:30', '21:30'],
    lieu: 'Salle du conseil, mairie',
    adresse: '1, place de l’Église',
    description:
      '<p>Séance publique. À l’ordre du jour : budget primitif, tarifs communaux, travaux de l’école.</p><p>L’ordre du jour détaillé est affiché en mairie trois jours francs avant la séance.</p>',
  },
  {
    title: 'Marché de Noël',
    date: next(12, 10, 6),
    hours: ['14:00', '20:00'],
    lieu: 'Place de l’Église',
    description:
      '<p>Une trentaine d’exposants, artisans et producteurs locaux : décorations, miel, bières de la Lys, jouets en bois.</p><ul><li>16 h : arrivée du Père Noël en calèche ;</li><li>18 h : chorale de l’école Jules-Ferry ;</li><li>vin chaud et gaufres du comité des fêtes.</li></ul>',
  },
  {
    title: 'Vœux du maire',
    date: next(1, 8, 5),
    hours: ['19:00', '21:00'],
    lieu: 'Salle des fêtes',
    adresse: 'Rue du Marais',
    description:
      '<p>Claire Delattre, maire, et le conseil municipal présentent leurs vœux aux habitants et aux associations. La cérémonie est suivie d’un verre de l’amitié.</p>',
  },
  {
    title: 'Exposition « Bellerive d’hier et d’aujourd’hui »',
    date: next(2, 14, 6),
    hours: null,
    days: 2,
    lieu: 'Bibliothèque municipale',
    adresse: '3, rue de l’École',
    description:
      '<p>Cartes postales anciennes et photographies d’habitants : le bourg, le moulin et les bords de Lys, cent ans plus tard. Entrée libre de 10 h à 18 h.</p>',
  },
  {
    title: 'Brocante de printemps',
    date: next(5, 1, 0),
    hours: null,
    lieu: 'Rues du centre-bourg',
    description:
      '<p>Brocante et vide-greniers organisés par le comité des fêtes, de 6 h à 18 h. Emplacement : 2 euros le mètre, inscription en mairie. Restauration sur place.</p>',
  },
  {
    title: 'Chasse aux œufs de Pâques',
    date: next(4, 1, 1),
    hours: ['10:00', '12:00'],
    lieu: 'Parc du moulin',
    description: '<p>Pour les enfants jusqu’à 10 ans, accompagnés d’un adulte.</p>',
    draft: true,
  },
];

/** French typography: a no-break space before ; : ! ? » and after «. */
const typo = (text: string): string => text.replace(/ ([;:!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');

/** Seeds the demo events; dates are relative to `ctx.now()`. */
export async function seedAgendaDemo(ctx: CommuneCtx): Promise<void> {
  const base = ctx.now().getTime();
  const today = toParisLocal(new Date(base)).date;
  // Announced a few days ago, with the clock of that day.
  const announced = { ...ctx, now: () => new Date(base - 3 * DAY_MS) };
  for (const e of EVENTS) {
    const first = e.date(today);
    const startsAt = parisToUtc(first, e.hours?.[0] ?? '00:00') as Date;
    const endsAt = e.hours
      ? (parisToUtc(first, e.hours[1]) as Date)
      : (parisToUtc(addDays(first, e.days ?? 1), '00:00') as Date);
    const input = {
      title: typo(e.title),
      slug: '',
      description: typo(e.description),
      allDay: e.hours === null,
      startsAt,
      endsAt,
      lieu: e.lieu,
      adresse: e.adresse ?? '',
    };
    const id = await createEvenement(announced, input);
    if (!e.draft) await changeEvenementPublication(announced, id, 'publier');
  }
}
