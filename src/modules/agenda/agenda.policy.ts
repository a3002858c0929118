import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who writes, publishes and previews the commune's events. */
export const canManageAgenda = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'agent']);
