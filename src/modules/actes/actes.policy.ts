import { hasRole } from '../../core/auth/index.js';
import type { Actor } from '../../core/context.js';

/** Who keeps the register: writes acts, publishes them, records transmissions and imports. */
export const canManageActes = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);

/** Who signs (or records the signature of) an act: the mairie's staff and the élus. */
export const canSignActes = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire', 'elu']);

/** Who chooses the commune's publicity mode and @CTES settings. */
export const canConfigureActes = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);
