import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import type { Database } from '../db/database.js';
import type { AdminEntry, NavItem } from '../ui/nav.js';
import type { Actor, CommuneCtx } from './context.js';
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
  publicNav?: (ctx: PublicContentCtx) => Promise<NavItem[]> | NavItem[];
  /** Blocks of the public home page (latest news, next events…), placed by `order`. */
  homeSections?: (ctx: PublicContentCtx) => Promise<HomeSection[]>;
  /** Public paths to list in /sitemap.xml (root-relative, e.g. "/actualites/fete-du-village"). */
  sitemap?: (ctx: PublicContentCtx) => Promise<string[]>;
  /** A banner shown on every public page (the current alert), or null. */
  publicBanner?: (ctx: PublicContentCtx) => Promise<VNode | null>;
  /** Entries of the back-office menu and dashboard the actor may use. */
  adminEntries?: (actor: Actor) => AdminEntry[];
  /** Blocks of the back-office dashboard for the signed-in actor (what awaits them), placed by `order`. */
  dashboardSections?: (ctx: CommuneCtx) => Promise<HomeSection[]>;
}

export interface PublicContentCtx {
  db: Database;
  commune: Commune;
  now: Date;
}

export interface HomeSection {
  /** Smaller first. The site's own blocks use 10 (quick links) and 90 (practical information). */
  order: number;
  node: VNode;
}
