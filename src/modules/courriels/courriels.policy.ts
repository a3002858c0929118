import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** The commune's outbox: its recipients are personal data, shown to the administrateur and the secrétaire. */
export const canVoirCourriels = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);
