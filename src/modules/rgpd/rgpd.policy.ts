import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Reading the registre, the bordereaux and answering citizens' rights: the administrateur and the secrétaire. */
export const canConsulterRgpd = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);

/** Editing the registre and the retention periods: the administrateur. */
export const canGererRgpd = (actor: Actor): boolean => hasRole(actor, ['administrateur']);

/** Recording the archives service's visa on a bordereau. */
export const canViserBordereau = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);

/** Searching, exporting and erasing a person's data on request. */
export const canTraiterDroits = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);
