import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { SessionUser } from '../auth/index.js';
import type { Clock } from '../clock.js';
import type { FileStore } from '../files/index.js';
import type { ClocherModule } from '../module.js';
import type { Commune, CommuneResolver } from '../tenancy/index.js';
import type { PageCache } from './page-cache.js';

/** Stateful things built at the edge (server.ts or a test) and handed to the app. */
export interface AppDeps {
  config: Config;
  db: Database;
  now: Clock;
  resolver: CommuneResolver;
  files: FileStore;
  /** Instance secret (signed cookies). */
  secret: string;
  modules: readonly ClocherModule[];
  pageCache: PageCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    /** The commune served on this host (null when the platform has none yet). */
    commune: Commune | null;
    /** The signed-in user, loaded lazily by `currentUser(req)`. */
    sessionUser: SessionUser | null | undefined;
  }
}
