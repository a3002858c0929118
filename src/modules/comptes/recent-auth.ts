import type { FastifyReply, FastifyRequest } from 'fastify';
import { isRecentlyAuthenticated, type RelyingParty } from '../../core/auth/index.js';
import { AppError } from '../../core/errors.js';
import { currentUser } from '../../core/http/request-context.js';

/** The site a passkey is for: this host, as the browser sees it. */
export function relyingParty(req: FastifyRequest): RelyingParty {
  return { id: req.hostname, origin: `${req.protocol}://${req.host}` };
}

/**
 * Gate of a sensitive action (role change, export of personal data): the user must have signed in,
 * or proved who they are again, in the last 10 minutes. Otherwise they are sent to confirm their
 * identity and come back to `retour` (by default the page asked for, when it is a GET); the route
 * then returns at once:
 *
 *   if (!(await requireRecentAuth(req, reply))) return reply;
 */
export async function requireRecentAuth(req: FastifyRequest, reply: FastifyReply, retour?: string): Promise<boolean> {
  const session = await currentUser(req);
  if (!session) throw new AppError('Unauthenticated', 'Veuillez vous connecter.');
  if (isRecentlyAuthenticated(session, req.server.deps.now())) return true;
  const back = retour ?? (req.method === 'GET' ? req.url : '/admin');
  await reply.redirect(`/admin/reauthentification?retour=${encodeURIComponent(back)}`, 303);
  return false;
}
