import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who processes the requests: the staff (administrateur, secrétaire, agent), not the élus. */
export const canInstruire = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'agent']);

/** Who configures the démarches (form builder, rooms): administrateur and secrétaire. */
export const canConfigurer = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);
