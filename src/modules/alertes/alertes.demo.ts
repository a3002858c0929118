import type { CommuneCtx } from '../../core/context.js';
import { addDays, parisToUtc, toParisLocal } from '../../core/paris-time.js';
import { creerAlerte } from './alertes.service.js';

const HOUR = 3_600_000;

/** The instant a Paris clock shows `time`, `days` after today (Paris). */
function parisAt(now: Date, days: number, time: string): Date {
  return parisToUtc(addDays(toParisLocal(now).date, days), time) ?? new Date(now.getTime() + days * 24 * HOUR);
}

/** Demo alerts of Bellerive-sur-Lys: one current, one next week, two past. */
export async function seedAlertesDemo(ctx: CommuneCtx): Promise<void> {
  const now = ctx.now();
  const quarter = 15 * 60_000;
  const start = new Date(Math.floor((now.getTime() - 2 * HOUR) / quarter) * quarter);
  await creerAlerte(ctx, {
    kind: 'coupure_eau',
    severity: 'vigilance',
    title: 'Coupure d’eau rue des Écoles',
    body:
      'En raison de la réparation d’une canalisation, l’eau est coupée rue des Écoles (du n° 1 au n° 24) et impasse du Moulin.\n\n' +
      'Une citerne d’eau potable est à votre disposition place de l’Église. Au retour de l’eau, laissez couler le robinet quelques minutes.',
    startsAt: start,
    endsAt: new Date(start.getTime() + 10 * HOUR),
  });
  await creerAlerte(ctx, {
    kind: 'route_barree',
    severity: 'information',
    title: 'Route de Lillers barrée',
    body:
      'La route de Lillers est fermée à la circulation entre le rond-point de la Lys et le hameau du Pont-Rouge pour la réfection de la chaussée.\n' +
      'Déviation par la rue du Marais et le chemin des Prés. Les riverains gardent l’accès à leur domicile.',
    startsAt: parisAt(now, 7, '07:30'),
    endsAt: parisAt(now, 9, '18:00'),
  });
  await creerAlerte(ctx, {
    kind: 'meteo',
    severity: 'vigilance',
    title: 'Vigilance orange orages',
    body: 'Météo-France a placé le Pas-de-Calais en vigilance orange orages. Évitez les déplacements, ne vous abritez pas sous les arbres et mettez à l’abri les objets qui pourraient s’envoler.',
    startsAt: parisAt(now, -12, '14:00'),
    endsAt: parisAt(now, -11, '06:00'),
  });
  await creerAlerte(ctx, {
    kind: 'autre',
    severity: 'information',
    title: 'Stationnement interdit place de l’Église',
    body: 'Pour l’installation du marché de Noël, le stationnement est interdit place de l’Église. Merci de garer vos véhicules sur le parking de la salle des fêtes.',
    startsAt: parisAt(now, -25, '06:00'),
    endsAt: parisAt(now, -23, '20:00'),
  });
}
