import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who may publish, change and end the commune's alerts: the staff, not the élus. */
export const canManageAlertes = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'agent']);
