import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { BuiltinType } from './demarches.builtins.js';
import type * as repo from './demarches.repo.js';
import * as events from './evenements.repo.js';
import {
  bookingDateProblem,
  CRENEAUX,
  DEFAULT_RETENUE_JOURS,
  holdAfterStatus,
  holdUntil,
  isHoldActive,
} from './reservation.rules.js';
import * as salles from './salles.repo.js';

export const RESERVATION_SLUG = 'reservation-salle';

const TAKEN = 'Ce créneau vient d’être demandé par quelqu’un d’autre : choisissez une autre date ou un autre créneau.';

/** The booking type, its room list taken from the commune's rooms at creation. */
export function reservationType(rooms: salles.Salle[], base: Pick<BuiltinType, 'settings'>): BuiltinType {
  return {
    slug: RESERVATION_SLUG,
    title: 'Réserver une salle',
    summary:
      'Demandez une salle communale pour une fête, une réunion ou une activité ; le créneau vous est réservé pendant l’examen de la demande.',
    form: [
      {
        name: 'salles_info',
        type: 'help',
        label: rooms.map((r) => `${r.nom} : ${r.capacite} personnes au plus. ${r.tarifs}`).join(' — '),
      },
      {
        name: 'salle',
        type: 'choice',
        label: 'Salle',
        required: true,
        options: rooms.map((r) => ({ value: r.slug, label: `${r.nom} (${r.capacite} personnes)` })),
      },
      { name: 'date', type: 'date', label: 'Date souhaitée', required: true },
      { name: 'creneau', type: 'choice', label: 'Créneau', required: true, options: [...CRENEAUX] },
      { name: 'objet', type: 'text', label: 'Nature de l’événement', required: true },
      { name: 'personnes', type: 'number', label: 'Nombre de personnes attendues', required: true },
    ],
    settings: base.settings,
    check: (answers, today): Record<string, string> => {
      const problem = typeof answers.date === 'string' ? bookingDateProblem(answers.date, today) : null;
      return problem ? { date: problem } : {};
    },
  };
}

/**
 * Holds the requested slot for a new booking request, inside the submission's transaction (which
 * holds the commune's counter lock). A lapsed hold is freed first; a live one is a 409 Conflict.
 * The unique constraint on (salle, date, créneau) stays the final guard.
 */
export async function holdSlot(
  scope: TenantScope,
  ctx: CommuneCtx,
  input: { demandeId: number; answers: repo.Demande['answers']; retenueJours?: number | undefined; now: Date },
): Promise<void> {
  const room = (await salles.listSalles(scope)).find((s) => s.slug === input.answers.salle);
  const date = String(input.answers.date);
  const creneau = String(input.answers.creneau);
  if (!room) throw conflict('Cette salle n’existe plus.', { salle: 'Cette salle n’existe plus.' });
  const held = await salles.findHold(scope, room.id, date, creneau);
  if (held && isHoldActive(held.expiresAt, input.now)) throw conflict(TAKEN, { creneau: TAKEN });
  if (held) {
    await salles.deleteHold(scope, held.id);
    await events.insertEvenement(scope, {
      demandeId: held.demandeId,
      kind: 'note',
      body: 'Le délai de réservation est dépassé : le créneau a été libéré pour une autre demande.',
      author: 'Clocher',
      actorUserId: null,
      now: input.now.toISOString(),
    });
  }
  try {
    await salles.insertHold(scope, {
      salleId: room.id,
      date,
      creneau,
      demandeId: input.demandeId,
      expiresAt: holdUntil(input.now, input.retenueJours ?? DEFAULT_RETENUE_JOURS),
      now: input.now.toISOString(),
    });
  } catch (error) {
    ctx.log.info({ err: error }, 'demarches: slot taken at the same instant');
    throw conflict(TAKEN, { creneau: TAKEN });
  }
}

/** The agent's decision confirms the slot (acceptée) or frees it (refusée, close). */
export async function syncHold(scope: TenantScope, demandeId: number, to: string): Promise<void> {
  const action = holdAfterStatus(to);
  if (action === 'confirmer') await salles.confirmHolds(scope, demandeId);
  if (action === 'liberer') await salles.releaseHolds(scope, demandeId);
}

/** Adds rooms to the commune (demo seed, tests; there is no back-office page for rooms yet). */
export async function enregistrerSalles(ctx: CommuneCtx, rooms: Omit<salles.Salle, 'id'>[]): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    for (const room of rooms) await salles.insertSalle(scope, room, now.toISOString());
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: 'demarches.salles_enregistrees',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'salle',
      objectId: null,
    });
  });
}

/** The slots taken from today on, for the public availability list. */
export async function listCreneauxPris(ctx: CommuneCtx) {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const now = ctx.now();
  const [rooms, taken] = await Promise.all([
    salles.listSalles(scope),
    salles.listTakenSlots(scope, toParisLocal(now).date),
  ]);
  return taken
    .filter((t) => isHoldActive(t.expiresAt, now))
    .map((t) => ({ ...t, salle: rooms.find((r) => r.id === t.salleId)?.nom ?? '', confirme: t.expiresAt === null }));
}
