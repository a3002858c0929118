import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { DB } from '../../db/schema.js';
import { listImages, type Media } from '../medias/index.js';
import * as builder from './builder.repo.js';
import { slugify } from './builder.rules.js';
import { reservationSettings } from './demarches.builtins.js';
import { canConfigurer } from './demarches.policy.js';
import type { FieldDef } from './fields.rules.js';
import { DEFAULT_RETENUE_JOURS, isHoldActive } from './reservation.rules.js';
import { RESERVATION_SLUG, reservationType } from './reservation.service.js';
import * as salles from './salles.repo.js';
import { daysOfMonth, isMonthShape, monthGrid, parseSalle, type SalleInput } from './salles.rules.js';

const scopeOf = (ctx: Pick<CommuneCtx, 'db' | 'commune'>) => new TenantScope(ctx.db, ctx.commune.id);

function checkPolicy(ctx: CommuneCtx): void {
  if (!canConfigurer(ctx.actor)) throw forbidden('Votre rôle ne permet pas de gérer les salles.');
}

async function audit(trx: Kysely<DB>, ctx: CommuneCtx, action: string, id: number | null, details = {}) {
  await appendAuditEvent(trx, {
    communeId: ctx.commune.id,
    occurredAt: ctx.now(),
    action,
    actorUserId: actorUserId(ctx.actor),
    objectType: 'salle',
    objectId: id,
    details,
  });
}

/** The rooms' page: every room (archived too), the images to choose from, the hold duration. */
export async function listSallesAdmin(ctx: CommuneCtx) {
  checkPolicy(ctx);
  const scope = scopeOf(ctx);
  const [rooms, images, typeId] = await Promise.all([
    salles.listAllSalles(scope),
    listImages(ctx),
    builder.findTypeIdBySlug(scope, RESERVATION_SLUG),
  ]);
  const type = typeId === null ? null : await builder.findTypeAdmin(scope, typeId);
  const retenueJours = type?.published?.settings.retenueJours ?? DEFAULT_RETENUE_JOURS;
  return { rooms, images, retenueJours };
}

export async function getSalleAdmin(ctx: CommuneCtx, id: number) {
  checkPolicy(ctx);
  const room = await salles.findSalle(scopeOf(ctx), id);
  if (!room) throw notFound('Cette salle n’existe pas dans cette commune.');
  return { room, images: await listImages(ctx) };
}

/** Reads and checks a room's form; photos must be images of the commune's media library. */
async function checked(ctx: CommuneCtx, input: SalleInput) {
  const { salle, errors } = parseSalle(input);
  if (salle) {
    const images = new Set((await listImages(ctx)).map((m) => m.id));
    if (salle.photos.some((p) => !images.has(p))) errors.photos = 'Choisissez des images de la médiathèque.';
  }
  if (!salle || Object.keys(errors).length > 0) throw invalid('Le formulaire contient des erreurs.', errors);
  return salle;
}

/**
 * The booking form lists the rooms: after a change, its next version is published with the
 * current rooms (requests already made keep theirs). Nothing to do before the type exists.
 */
async function syncReservationForm(trx: Kysely<DB>, ctx: CommuneCtx): Promise<void> {
  const scope = new TenantScope(trx, ctx.commune.id);
  const id = await builder.findTypeIdBySlug(scope, RESERVATION_SLUG);
  const type = id === null ? null : await builder.findTypeAdmin(scope, id);
  if (!type?.published) return;
  const fresh = reservationType(await salles.listSalles(scope), { settings: reservationSettings }).form;
  const refresh = (form: FieldDef[]): FieldDef[] =>
    form.map((f) => {
      const same = fresh.find((x) => x.name === f.name);
      if (f.name === 'salles_info' && same) return same;
      if (f.name === 'salle' && same) return { ...f, options: same.options ?? [] };
      return f;
    });
  const published = { title: type.title, summary: type.summary, ...type.published };
  const next = { ...published, form: refresh(published.form) };
  if (JSON.stringify(next.form) !== JSON.stringify(published.form)) {
    if (!(await builder.publishRevision(scope, type.id, type.version, next, ctx.now().toISOString())))
      throw conflict('La réservation de salle vient d’être modifiée par quelqu’un d’autre. Recommencez.');
  }
  if (type.draft) await builder.saveDraft(scope, type.id, { ...type.draft, form: refresh(type.draft.form) });
}

/** Adds a room; the booking form's next version lists it. */
export async function creerSalle(ctx: CommuneCtx, input: SalleInput): Promise<number> {
  checkPolicy(ctx);
  const s = await checked(ctx, input);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const base = slugify(s.nom, '-') || 'salle';
    let slug = base;
    for (let i = 2; (await salles.findSalleIdBySlug(scope, slug)) !== null; i += 1) slug = `${base}-${i}`;
    const id = await salles.insertSalle(scope, { ...s, slug }, ctx.now().toISOString());
    await syncReservationForm(trx, ctx);
    await audit(trx, ctx, 'salle.created', id);
    return id;
  });
}

/** Changes a room's name, capacity, tariffs, description, equipment and photos. */
export async function modifierSalle(ctx: CommuneCtx, id: number, input: SalleInput): Promise<void> {
  checkPolicy(ctx);
  const s = await checked(ctx, input);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!(await salles.findSalle(scope, id))) throw notFound('Cette salle n’existe pas dans cette commune.');
    await salles.updateSalle(scope, id, s);
    await syncReservationForm(trx, ctx);
    await audit(trx, ctx, 'salle.updated', id);
  });
}

/** Archives a room (no new booking; the slots already held or confirmed stay) or brings it back. */
export async function archiverSalle(ctx: CommuneCtx, id: number, archive: boolean): Promise<void> {
  checkPolicy(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (!(await salles.findSalle(scope, id))) throw notFound('Cette salle n’existe pas dans cette commune.');
    await salles.setArchived(scope, id, archive ? ctx.now().toISOString() : null);
    await syncReservationForm(trx, ctx);
    await audit(trx, ctx, archive ? 'salle.archived' : 'salle.restored', id);
  });
}

/** How many days a pending booking holds its slot: published as the booking type's next version. */
export async function reglerRetenue(ctx: CommuneCtx, raw: string): Promise<void> {
  checkPolicy(ctx);
  const jours = Number(raw.trim());
  if (!/^\d{1,2}$/.test(raw.trim()) || jours < 1 || jours > 60) {
    throw invalid('Saisissez entre 1 et 60 jours.', { retenueJours: 'Saisissez entre 1 et 60 jours.' });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const id = await builder.findTypeIdBySlug(scope, RESERVATION_SLUG);
    const type = id === null ? null : await builder.findTypeAdmin(scope, id);
    if (!type?.published) {
      throw conflict('Ajoutez d’abord une salle : la démarche de réservation sera alors créée.', {
        retenueJours: 'Ajoutez d’abord une salle.',
      });
    }
    const settings = { ...type.published.settings, retenueJours: jours };
    const next = { title: type.title, summary: type.summary, form: type.published.form, settings };
    if (!(await builder.publishRevision(scope, type.id, type.version, next, ctx.now().toISOString())))
      throw conflict('La réservation de salle vient d’être modifiée par quelqu’un d’autre. Recommencez.');
    if (type.draft)
      await builder.saveDraft(scope, type.id, {
        ...type.draft,
        settings: { ...type.draft.settings, retenueJours: jours },
      });
    await audit(trx, ctx, 'salle.retenue_changed', null, { retenueJours: jours });
  });
}

export interface CalendrierSalle {
  room: salles.Salle;
  photos: Media[];
  days: ReturnType<typeof monthGrid>;
}

/** The public availability calendar of a month (default: the current one), room by room. */
export async function calendrierSalles(ctx: CommuneCtx, month: string | undefined) {
  const scope = scopeOf(ctx);
  const now = ctx.now();
  const today = toParisLocal(now).date;
  const m = month && isMonthShape(month) ? month : today.slice(0, 7);
  const days = daysOfMonth(m);
  const [rooms, taken, images] = await Promise.all([
    salles.listSalles(scope),
    salles.listSlotsBetween(scope, days[0] as string, days.at(-1) as string),
    listImages(ctx),
  ]);
  const live = taken.filter((t) => isHoldActive(t.expiresAt, now));
  const calendars: CalendrierSalle[] = rooms.map((room) => ({
    room,
    photos: (room.photos ?? []).map((id) => images.find((i) => i.id === id)).filter((i): i is Media => !!i),
    days: monthGrid(
      m,
      today,
      live.filter((t) => t.salleId === room.id).map((t) => ({ ...t, confirme: t.expiresAt === null })),
    ),
  }));
  return { month: m, today, calendars };
}
