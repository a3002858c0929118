import type { Actor } from '../context.js';
import type { Role } from './roles.js';

/**
 * Who may do what in the back-office. Pure: services check it (so CLI, jobs and routes are all
 * covered), views call it only to hide buttons. Modules add their own policies beside their code.
 */
export type CoreAction = 'backoffice.enter' | 'users.manage' | 'platform.manage';

const ROLES_FOR: Record<Exclude<CoreAction, 'platform.manage'>, readonly Role[]> = {
  'backoffice.enter': ['administrateur', 'secretaire', 'agent', 'elu'],
  'users.manage': ['administrateur'],
};

export function can(actor: Actor, action: CoreAction): boolean {
  if (actor.kind === 'system') return true;
  if (action === 'platform.manage') return actor.isOperator;
  // The platform operator administers every commune it hosts.
  if (actor.isOperator) return true;
  return actor.role !== null && ROLES_FOR[action].includes(actor.role);
}

/** Checks one of a set of roles; used by module policies. */
export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  if (actor.kind === 'system') return true;
  if (actor.isOperator) return true;
  return actor.role !== null && roles.includes(actor.role);
}
