import type { FastifyInstance } from 'fastify';
import { isReachable } from '../../db/database.js';

/** /healthz: the process answers. /readyz: and its database does (503 otherwise). */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = await isReachable(app.deps.db);
    return reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ready' : 'database unreachable' });
  });
}
