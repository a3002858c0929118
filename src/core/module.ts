import type { FastifyInstance } from 'fastify';
import type { AdminEntry, NavItem } from '../ui/nav.js';
import type { Actor } from './context.js';
import type { Commune } from './tenancy/index.js';

/**
 * What a feature module declares to the app. app.ts lists the modules in a plain array, in order;
 * nothing is discovered automatically.
 */
export interface ClocherModule {
  name: string;
  /** Registers the module's routes. */
  routes: (app: FastifyInstance) => Promise<void> | void;
  /** Entries of the public main menu for a commune (static or computed from its content). */
  publicNav?: (db: FastifyInstance['deps']['db'], commune: Commune) => Promise<NavItem[]> | NavItem[];
  /** Entries of the back-office menu and dashboard the actor may use. */
  adminEntries?: (actor: Actor) => AdminEntry[];
}
