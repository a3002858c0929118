import { hasRole, type Role } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';

/** Who keeps the canteen's menus, dishes and EGalim figures: the mairie's staff, not the élus. */
export const CANTINE_ROLES: readonly Role[] = ['administrateur', 'secretaire', 'agent'];

export const canManageCantine = (actor: Actor): boolean => hasRole(actor, CANTINE_ROLES);

/** Throws Forbidden unless the actor may manage the canteen. */
export function assertCanManageCantine(actor: Actor): void {
  if (!canManageCantine(actor)) throw forbidden('La gestion de la cantine est réservée aux agents de la mairie.');
}
