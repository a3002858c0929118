import type { FastifyInstance } from 'fastify';
import { secondFactorStatus } from '../../core/auth/index.js';
import { forbidden } from '../../core/errors.js';
import { currentUser } from '../../core/http/request-context.js';

/** What a user blocked by the required second factor may still reach: enrol, or leave. */
const ENROLMENT_PATHS =
  /^\/admin\/(compte(\/(double-authentification(\/confirmer)?|cles(\/options)?|sessions\/fermer))?|connexion(\/.*)?|deconnexion|mot-de-passe-oublie|mot-de-passe\/[^/]+|invitation\/[^/]+)$/;

export const BLOCKED_MESSAGE =
  'La double authentification est obligatoire pour votre compte : activez-la dans « Mon compte » pour continuer.';

/**
 * When the commune (or the platform) requires a second factor and its grace period is over, a
 * signed-in user without one is sent to « Mon compte » to enrol, and every other back-office page
 * or action is refused until they have.
 */
export function registerSecondFactorGate(app: FastifyInstance): void {
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (!/^\/(admin|plateforme)(\/|$)/.test(path) || ENROLMENT_PATHS.test(path)) return;
    const session = await currentUser(req);
    if (!session) return;
    const communeId = path.startsWith('/plateforme') ? null : (req.commune?.id ?? null);
    const status = await secondFactorStatus(app.deps.db, session.user, communeId, app.deps.now());
    if (status.kind !== 'blocked') return;
    if (req.method === 'GET') return reply.redirect('/admin/compte?message=obligatoire', 303);
    throw forbidden(BLOCKED_MESSAGE);
  });
}
