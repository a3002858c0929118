import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who edits the commune's pages and site settings. */
export const canEditSite = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'agent']);
