import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who prepares séances, records attendance and votes, and drafts the texts: the mairie's staff. */
export const canManageConseil = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);

/** Who reads the back-office pages of the conseil (the élus follow the séances there). */
export const canViewConseil = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'elu']);
