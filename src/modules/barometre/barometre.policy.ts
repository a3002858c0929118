import { can, hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who may do what with the baromètre. Pure: services check it, views use it to hide buttons. */

/** Reading the commune's questionnaire and its results. */
export const canViewBarometre = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'elu']);

/** Filling in the commune's draft. */
export const canEditReponse = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);

/** Submitting the commune's answer commits the commune: an administrator only. */
export const canSubmitReponse = (actor: Actor): boolean => hasRole(actor, ['administrateur']);

/** Campaigns, imports and the observatory belong to the platform's operator. */
export const canManageBarometre = (actor: Actor): boolean => can(actor, 'platform.manage');
